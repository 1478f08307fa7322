/**
 * Scores extractMetadata on the third-party corpus: title exact match, publication day,
 * author sets and language, per subset. `node dist/scripts/eval/metadata.js [--verbose] [--linkedom]`
 * prints the table (with --verbose every miss; with --linkedom a jsdom/linkedom parity count);
 * evalMetadata() returns the figures.
 */
import { JSDOM } from "jsdom";
import { extractMetadata, type PageMetadata } from "../../src/sources/extract/metadata";
import { primaryTag } from "../../src/sources/extract/metadata.language";
import { goose3Cases, htmldateCases, newspaper4kCases, readabilityCases, trafilaturaCases, type MetaCase } from "./metadata.cases";

export interface Miss {
  id: string;
  expected: string;
  got: string;
}

export interface MetricResult {
  subset: string;
  metric: "title" | "title-lenient" | "date" | "date-utc" | "authors" | "language";
  correct: number;
  total: number;
  misses: Miss[];
}

export interface EvalReport {
  results: MetricResult[];
  pages: number;
  /** Milliseconds spent in extractMetadata alone, and in JSDOM parsing + extractMetadata. */
  extractMs: number;
  totalMs: number;
  /** Pages whose metadata came out identical from a linkedom Document (undefined when not checked). */
  linkedom?: { same: number; total: number; differing: string[] };
}

type Scored = { c: MetaCase; meta: PageMetadata };

export async function evalMetadata(opts: { linkedom?: boolean } = {}): Promise<EvalReport> {
  const started = performance.now();
  let extractMs = 0;
  const run = (cases: MetaCase[]): Scored[] =>
    cases.map((c) => {
      const dom = new JSDOM(c.html, { url: c.url });
      const t0 = performance.now();
      // The corpus pages were saved in 2011–2023: "now" as the reference would accept their dates, and so does this.
      const meta = extractMetadata(dom.window.document, c.url);
      extractMs += performance.now() - t0;
      dom.window.close();
      return { c, meta };
    });
  const readability = run(readabilityCases());
  const goose = run(goose3Cases());
  const np4k = run(newspaper4kCases());
  const traf = run(trafilaturaCases());
  const htmldate = run(htmldateCases());
  const gooseIn = (dirs: string[]) => goose.filter((x) => dirs.some((d) => x.c.id.startsWith(`${d}/`)));
  const results = [
    score("readability", "title", readability, titleOf),
    score("goose3", "title", gooseIn(["content", "title"]), titleOf),
    score("newspaper4k", "title", np4k, titleOf),
    score("trafilatura-eval", "title", traf, titleOf),
    score("readability", "title-lenient", readability, lenientTitleOf),
    score("goose3", "title-lenient", gooseIn(["content", "title"]), lenientTitleOf),
    score("newspaper4k", "title-lenient", np4k, lenientTitleOf),
    score("htmldate-eval", "date", htmldate, dateOf),
    score("htmldate-eval", "date-utc", htmldate, utcDateOf),
    score("goose3", "date", gooseIn(["publishdate"]), dateOf),
    score("newspaper4k", "date", np4k, dateOf),
    score("trafilatura-eval", "date", traf, dateOf),
    score("readability", "date", readability, dateOf),
    score("trafilatura-eval", "authors", traf, authorsOf),
    score("readability", "authors", readability, authorsOf),
    score("goose3", "authors", gooseIn(["authors"]), authorsOf),
    score("newspaper4k", "authors", np4k, authorsOf),
    score("htmldate-eval", "language", htmldate, languageOf),
    score("readability", "language", readability, languageOf),
    score("goose3", "language", goose, languageOf),
  ];
  const pages = readability.length + goose.length + np4k.length + traf.length + htmldate.length;
  const report: EvalReport = { results, pages, extractMs, totalMs: performance.now() - started };
  if (opts.linkedom) report.linkedom = linkedomParity([...readability, ...goose, ...np4k, ...traf, ...htmldate]);
  return report;
}

/** Runs extractMetadata on a linkedom Document too and counts pages with identical results (the body extractor may switch DOMs). */
function linkedomParity(items: Scored[]): NonNullable<EvalReport["linkedom"]> {
  // Loaded on demand: linkedom's ESM-only dependencies load under node but not under jest.
  const { parseHTML } = require("linkedom") as { parseHTML: (html: string) => { document: unknown } };
  const differing: string[] = [];
  for (const { c, meta } of items) {
    const other = extractMetadata(parseHTML(c.html).document as Document, c.url);
    const a = JSON.stringify(meta);
    const b = JSON.stringify(other);
    if (a !== b) {
      const fields = Object.keys({ ...meta, ...other }).filter((k) => JSON.stringify((meta as unknown as Record<string, unknown>)[k]) !== JSON.stringify((other as unknown as Record<string, unknown>)[k]));
      differing.push(`${c.subset}/${c.id}: ${fields.join(", ")}`);
    }
  }
  return { same: items.length - differing.length, total: items.length, differing };
}

type Check = (x: Scored) => { expected?: string; got: string; ok: boolean } | undefined;

function score(subset: string, metric: MetricResult["metric"], items: Scored[], check: Check): MetricResult {
  const r: MetricResult = { subset, metric, correct: 0, total: 0, misses: [] };
  for (const x of items) {
    const res = check(x);
    if (!res) continue;
    r.total++;
    if (res.ok) r.correct++;
    else r.misses.push({ id: x.c.id, expected: res.expected ?? "", got: res.got });
  }
  return r;
}

const squash = (t: string | undefined) => (t ?? "").replace(/\s+/g, " ").trim();

const titleOf: Check = ({ c, meta }) => {
  if (c.title === undefined) return undefined;
  const expected = squash(c.title);
  const got = squash(meta.title);
  return { expected, got, ok: expected === got };
};

/** Also counts a golden title that is ours plus a trailing/leading decoration (the snapshot kept the site name). */
const lenientTitleOf: Check = (x) => {
  const r = titleOf(x);
  if (!r || r.ok || !r.got) return r;
  const e = r.expected ?? "";
  const decorated = (e.startsWith(r.got) && /^\s*[|\-–—·:_»]/.test(e.slice(r.got.length))) || (e.endsWith(r.got) && /[|\-–—·:_«]\s*$/.test(e.slice(0, e.length - r.got.length)));
  return { ...r, ok: decorated };
};

/** The calendar day the publisher printed: publishedAt in the UTC offset it stated. */
function localDay(meta: PageMetadata): string {
  if (!meta.publishedAt) return "";
  return new Date(meta.publishedAt.getTime() + (meta.publishedOffsetMinutes ?? 0) * 60_000).toISOString().slice(0, 10);
}

const dateOf: Check = ({ c, meta }) => {
  if (!c.date) return undefined;
  const got = localDay(meta);
  return { expected: c.date, got: `${got} (${meta.dateSource})`, ok: got === c.date };
};

const utcDateOf: Check = ({ c, meta }) => {
  if (!c.date) return undefined;
  const got = meta.publishedAt?.toISOString().slice(0, 10) ?? "";
  return { expected: c.date, got, ok: got === c.date };
};

/** Names compared case- and punctuation-insensitively, "By"/"Par" and parenthesised asides dropped ("(avec X)" kept as a name); split on commas and "and"/"et"/"y"/"und". */
function nameSet(names: string[]): string[] {
  return [
    ...new Set(
      names
        .map((n) => n.replace(/\(\s*(?:avec|with)\s+([^()]*)\)/gi, ", $1").replace(/\([^()]*\)/g, " "))
        .flatMap((n) => n.split(/\s*(?:[,;]|\s+(?:and|et|y|und|&)\s+)\s*/i))
        .map((n) => n.toLowerCase().replace(/^\s*(?:by|par|von|por)\s+/, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim())
        .filter(Boolean),
    ),
  ].sort();
}

const authorsOf: Check = ({ c, meta }) => {
  if (!c.authors) return undefined;
  const expected = nameSet(c.authors);
  const got = nameSet(meta.authors);
  return { expected: expected.join("; "), got: got.join("; "), ok: expected.join("|") === got.join("|") };
};

const languageOf: Check = ({ c, meta }) => {
  const expected = primaryTag(c.lang);
  if (!expected) return undefined;
  return { expected, got: meta.language ?? "", ok: expected === meta.language };
};

export function formatReport(report: EvalReport, verbose = false): string {
  const lines = ["subset             metric     score            ", "-----------------  ---------  -----------------"];
  for (const r of report.results) {
    const pct = r.total ? ((100 * r.correct) / r.total).toFixed(1) : "n/a";
    lines.push(`${r.subset.padEnd(17)}  ${r.metric.padEnd(9)}  ${`${r.correct}/${r.total}`.padStart(7)}  ${pct.padStart(5)}%`);
  }
  lines.push(
    "",
    `${report.pages} pages; extractMetadata ${(report.extractMs / report.pages).toFixed(1)} ms/page ` +
      `(${((1000 * report.pages) / report.extractMs).toFixed(0)} pages/s), with JSDOM parsing ${(report.totalMs / report.pages).toFixed(1)} ms/page`,
  );
  if (report.linkedom) {
    lines.push(`linkedom parity: ${report.linkedom.same}/${report.linkedom.total} pages give identical metadata`);
    if (verbose) lines.push(...report.linkedom.differing.map((d) => `  differs: ${d}`));
  }
  if (verbose) {
    for (const r of report.results) {
      for (const m of r.misses) lines.push(`MISS ${r.subset} ${r.metric} ${m.id}\n   expected: ${m.expected}\n   got:      ${m.got}`);
    }
  }
  return lines.join("\n");
}

if (require.main === module) {
  evalMetadata({ linkedom: process.argv.includes("--linkedom") })
    .then((report) => console.log(formatReport(report, process.argv.includes("--verbose"))))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
