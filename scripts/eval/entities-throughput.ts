/**
 * Extraction throughput, one core (the extractor is synchronous and single-threaded):
 *   npm run build && node dist/scripts/eval/entities-throughput.js [--mb 5] [--runs 3]
 * Texts come from the corpora (NewsFANE for Arabic, GUM for English), repeated to size; the
 * article-sized run feeds the seed-like fixture article by article, as the pipeline will.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createMatcher, extractEntities, type EntityInput } from "../../src/ingest/entities";
import type { EntityMatcher } from "../../src/ingest/entities/matcher";
import { loadGum, loadNewsfane } from "./entities.gold";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function toSize(text: string, bytes: number): string {
  let out = "";
  while (Buffer.byteLength(out) < bytes) out += `${text}\n\n`;
  return out;
}

function measure(label: string, matcher: EntityMatcher, inputs: EntityInput[], runs: number): number {
  const bytes = inputs.reduce((n, x) => n + Buffer.byteLength(x.bodyText ?? "") + Buffer.byteLength(x.title ?? "") + Buffer.byteLength(x.summary ?? ""), 0);
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const input of inputs) extractEntities(input, matcher);
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, performance.now() - t0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  // CPU time is what one core spends; wall time also counts waiting for a core on a busy host.
  const mbps = bytes / 1e6 / (bestCpu / 1000);
  const wall = bytes / 1e6 / (best / 1000);
  console.log(`${label.padEnd(34)} ${(bytes / 1e6).toFixed(2)} MB: ${mbps.toFixed(2)} MB/s of CPU time (${bestCpu.toFixed(0)} ms), ${wall.toFixed(2)} MB/s wall (${best.toFixed(0)} ms), best of ${runs}`);
  return mbps;
}

export function runThroughput(): Record<string, number> {
  const mb = arg("mb", 5);
  const runs = arg("runs", 3);
  const t0 = performance.now();
  const matcher = createMatcher();
  console.log(`knowledge base: ${matcher.size} surface forms, loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  const ar = loadNewsfane().map((d) => d.text).join("\n");
  const en = loadGum(() => undefined, () => false).map((d) => d.text).join("\n");
  const repo = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");
  const seed = JSON.parse(readFileSync(path.join(repo, "tests/fixtures/ingest/entities/seed-article.json"), "utf8")) as EntityInput;
  const articles = Array.from({ length: Math.ceil((mb * 1e6) / Buffer.byteLength(seed.bodyText ?? "")) }, () => seed);
  const result = {
    arabic: measure(`Arabic, one ${mb} MB text`, matcher, [{ language: "ar", bodyText: toSize(ar, mb * 1e6) }], runs),
    english: measure(`English, one ${mb} MB text`, matcher, [{ language: "en", bodyText: toSize(en, mb * 1e6) }], runs),
    mixed: measure(`mixed scripts, no language, ${mb} MB`, matcher, [{ bodyText: toSize(`${ar.slice(0, 200_000)}\n${en.slice(0, 200_000)}`, mb * 1e6) }], runs),
    articles: measure(`${articles.length} seed-sized Arabic articles`, matcher, articles, runs),
  };
  console.log(`goal: >= 2 MB/s per core; slowest: ${Math.min(...Object.values(result)).toFixed(2)} MB/s of CPU time; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  return result;
}

if (require.main === module) runThroughput();
