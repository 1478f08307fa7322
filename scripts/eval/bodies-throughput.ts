import { readCorpusFile, readCorpusJson } from "./corpus";
import { extractArticle } from "../../src/sources/extract/article.extractor";
import { type DomEngine, parseDocument } from "../../src/sources/extract/dom";
import { Readability } from "@mozilla/readability";

/**
 * Throughput of extractArticle over the article-extraction-benchmark pages: pages are read and
 * gunzipped first, one warm-up pass runs, then timed passes report pages/s (wall and per CPU-second).
 * Usage: node dist/scripts/eval/bodies-throughput.js [--passes N] [--linkedom] [--baseline]
 * (--baseline times jsdom + Readability.js alone, the reference the extractor builds on).
 */
interface Page {
  url: string;
  html: string;
}

function loadPages(): Page[] {
  const truth = readCorpusJson<Record<string, { url: string }>>("article-extraction-benchmark/ground-truth.json");
  return Object.entries(truth).map(([id, { url }]) => ({ url, html: readCorpusFile(`article-extraction-benchmark/html/${id}.html`).toString("utf8") }));
}

export interface Throughput {
  engine: DomEngine;
  pages: number;
  megabytes: number;
  wallPagesPerSecond: number;
  cpuPagesPerSecond: number;
  slowestMs: number;
}

type Run = (page: Page) => unknown;

const pipeline = (engine: DomEngine): Run => (p) => extractArticle(p.html, p.url, { engine });
const readabilityAlone: Run = (p) => new Readability(parseDocument(p.html, p.url)).parse();

export function measure(pages: Page[], engine: DomEngine, passes: number, run: Run = pipeline(engine)): Throughput {
  for (const p of pages) run(p);
  let slowest = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) {
    for (const p of pages) {
      const t0 = process.hrtime.bigint();
      run(p);
      slowest = Math.max(slowest, Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const count = pages.length * passes;
  return {
    engine,
    pages: count,
    megabytes: (pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0) * passes) / 1e6,
    wallPagesPerSecond: count / wall,
    cpuPagesPerSecond: count / ((used.user + used.system) / 1e6),
    slowestMs: slowest,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const passesAt = args.indexOf("--passes");
  const passes = passesAt >= 0 ? Math.max(1, Number(args[passesAt + 1]) || 1) : 2;
  const engine: DomEngine = args.includes("--linkedom") ? "linkedom" : "jsdom";
  const baseline = args.includes("--baseline");
  const t = measure(loadPages(), engine, passes, baseline ? readabilityAlone : pipeline(engine));
  console.log(
    `${baseline ? "jsdom + Readability.js alone" : `extractArticle (${t.engine})`}: ${t.pages} pages, ${t.megabytes.toFixed(1)} MB of HTML: ` +
      `${t.wallPagesPerSecond.toFixed(1)} pages/s wall, ${t.cpuPagesPerSecond.toFixed(1)} pages per CPU-second, slowest page ${t.slowestMs.toFixed(0)} ms`,
  );
}

if (require.main === module) main();
