import { Readability } from "@mozilla/readability";
import { readCorpusFile, readCorpusJson } from "./corpus";
import { extractArticle } from "../../src/sources/extract/article.extractor";
import { type DomEngine, parseDocument } from "../../src/sources/extract/dom";
import { bodyText } from "../../src/sources/extract/body.text";

export interface BodyScore {
  name: string;
  score: number;
  precision: number;
  recall: number;
  pages: number;
  notes?: string;
}

/** Per page, as the article-extraction-benchmark's evaluate.py: counts normalised by their sum. */
export type TpFpFn = [tp: number, fp: number, fn: number];

export type BodyExtractor = (html: string, url: string) => string;

// Python's re `\w` with UNICODE: letters, digits and underscore (combining marks are not word characters).
const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Multiset of n-token shingles, keyed by the joined tokens (evaluate.py `_all_shingles`). */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  // Like evaluate.py, a text shorter than n tokens still yields one (short) shingle.
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const gram = tokens.slice(i, i + n);
    if (gram.length === 0) continue;
    const key = gram.join("\u0001");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** evaluate.py `string_shingle_matching`: tp/fp/fn over shingle multisets, normalised to sum 1. */
export function shingleMatch(truth: string, pred: string, n = 4): TpFpFn {
  const t = shingles(truth, n);
  const p = shingles(pred, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

function precisionOf([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * evaluate.py `metrics_from_tp_fp_fns`: precision averaged over pages with a prediction, recall over
 * pages with a truth (a page where both are empty counts in neither), F1 of the two averages.
 */
export function aggregate(pages: TpFpFn[]): { precision: number; recall: number; f1: number } {
  const precision = mean(pages.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(pages.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Our body text, as the pipeline produces it. */
export function pipelineExtractor(engine?: DomEngine): BodyExtractor {
  return (html, url) => extractArticle(html, url, engine ? { engine } : undefined).bodyText ?? "";
}

/** Plain Readability.js (what the benchmark's 0.947 reference measures): its text, nothing else. */
export function readabilityExtractor(): BodyExtractor {
  return (html, url) => {
    const parsed = new Readability(parseDocument(html, url)).parse();
    return parsed?.textContent ?? "";
  };
}

/** A corpus page as text; index files sometimes name the stored `.gz` copy, readCorpusFile wants the original name. */
function corpusText(rel: string): string {
  return readCorpusFile(rel.replace(/\.gz$/, "")).toString("utf8");
}

interface GroundTruth {
  [id: string]: { articleBody: string; url: string };
}

export interface PageResult {
  id: string;
  url: string;
  match: TpFpFn;
}

/** article-extraction-benchmark: human-annotated article bodies, scored as its evaluate.py does. */
export function scoreBenchmark(extract: BodyExtractor, only?: (id: string) => boolean): { score: BodyScore; pages: PageResult[] } {
  const truth = readCorpusJson<GroundTruth>("article-extraction-benchmark/ground-truth.json");
  const pages: PageResult[] = [];
  for (const [id, { articleBody, url }] of Object.entries(truth)) {
    if (only && !only(id)) continue;
    const html = corpusText(`article-extraction-benchmark/html/${id}.html`);
    pages.push({ id, url, match: shingleMatch(articleBody, extract(html, url)) });
  }
  const { precision, recall, f1 } = aggregate(pages.map((p) => p.match));
  return { score: { name: "article-extraction-benchmark", score: f1, precision, recall, pages: pages.length }, pages };
}

interface ReadabilityCases {
  cases: Array<{ id: string; files: Record<string, string> }>;
}

/** Readability's own test pages: its expected.html text against ours, same shingle scoring. */
export function scoreReadabilityCases(extract: BodyExtractor): BodyScore {
  const { cases } = readCorpusJson<ReadabilityCases>("readability/cases.json");
  const matches: TpFpFn[] = [];
  for (const c of cases) {
    const source = corpusText(`readability/${c.files["source.html"]}`);
    const expected = corpusText(`readability/${c.files["expected.html"]}`);
    matches.push(shingleMatch(htmlText(expected), extract(source, READABILITY_TEST_URL)));
  }
  const { precision, recall, f1 } = aggregate(matches);
  return { name: "readability-test-pages", score: f1, precision, recall, pages: matches.length, notes: "Readability.js golden output (captions excluded on both sides)" };
}

// The page URL Readability's test harness gives every case.
const READABILITY_TEST_URL = "http://fakehost/test/page.html";

/** Text of an expected-output HTML fragment, read the same way our body text is (captions left out). */
function htmlText(html: string): string {
  const doc = parseDocument(`<!DOCTYPE html><html><body>${html}</body></html>`, READABILITY_TEST_URL);
  return doc.body ? bodyText(doc.body) : "";
}

interface TrafilaturaEntry {
  stored_as: string;
  with?: string[];
  without?: string[];
}

/**
 * trafilatura's human-annotated snippets: recall is the share of `with` snippets found in our text,
 * precision the share of `without` (boilerplate) snippets absent from it.
 */
export function scoreTrafilatura(extract: BodyExtractor): BodyScore {
  const data = readCorpusJson<Record<string, TrafilaturaEntry>>("trafilatura-eval/evaldata.json");
  let found = 0;
  let wanted = 0;
  let absent = 0;
  let unwanted = 0;
  let pages = 0;
  for (const [url, entry] of Object.entries(data)) {
    const html = corpusText(`trafilatura-eval/${entry.stored_as}`);
    const text = normaliseSnippet(extract(html, url));
    pages++;
    for (const snippet of entry.with ?? []) {
      wanted++;
      if (text.includes(normaliseSnippet(snippet))) found++;
    }
    for (const snippet of entry.without ?? []) {
      unwanted++;
      if (!text.includes(normaliseSnippet(snippet))) absent++;
    }
  }
  const recall = wanted ? found / wanted : 1;
  const precision = unwanted ? absent / unwanted : 1;
  const score = (found + absent) / Math.max(1, wanted + unwanted);
  return { name: "trafilatura-snippets", score, precision, recall, pages, notes: `with ${found}/${wanted} present, without ${absent}/${unwanted} absent` };
}

function normaliseSnippet(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

interface GooseCases {
  cases: Array<{ id: string; html: string; json: string; expected_fields: string[] }>;
}

/**
 * goose3 content/ cleaned_text. goose3 stores only the opening of the text (its tests check
 * startsWith), so our text is cut to the same number of tokens before the shingle F1; `score` is that F1.
 */
export function scoreGoose(extract: BodyExtractor): BodyScore {
  const { cases } = readCorpusJson<GooseCases>("goose3/cases.json");
  const matches: TpFpFn[] = [];
  let starts = 0;
  for (const c of cases) {
    if (!c.id.startsWith("content/") || !c.expected_fields.includes("cleaned_text")) continue;
    const { url, expected } = readCorpusJson<{ url: string; expected: { cleaned_text?: string } }>(`goose3/${c.json}`);
    const truth = expected.cleaned_text ?? "";
    const html = corpusText(`goose3/${c.html}`);
    const ours = extract(html, url || "http://example.com/");
    const wantTokens = (truth.match(TOKEN) ?? []).length;
    const prefix = (ours.match(TOKEN) ?? []).slice(0, wantTokens).join(" ");
    matches.push(shingleMatch(truth, prefix));
    if (normaliseSnippet(ours).startsWith(normaliseSnippet(truth))) starts++;
  }
  const { precision, recall, f1 } = aggregate(matches);
  return { name: "goose3-content", score: f1, precision, recall, pages: matches.length, notes: `text starts exactly like goose3's on ${starts}/${matches.length} pages` };
}

/** All suites, benchmark first. */
export function scoreAll(extract: BodyExtractor): BodyScore[] {
  return [scoreBenchmark(extract).score, scoreReadabilityCases(extract), scoreTrafilatura(extract), scoreGoose(extract)];
}

/** The harness entry point: the benchmark score, the other suites summarised in `notes`. */
export async function evalBodies(): Promise<BodyScore> {
  const [main, ...others] = scoreAll(pipelineExtractor());
  const notes = others.map((o) => `${o.name} P=${o.precision.toFixed(3)} R=${o.recall.toFixed(3)} score=${o.score.toFixed(3)} (${o.pages} pages${o.notes ? `; ${o.notes}` : ""})`);
  return { ...main, name: "bodies", notes: notes.join(" | ") };
}

function line(s: BodyScore): string {
  return `${s.name.padEnd(30)} P=${s.precision.toFixed(4)} R=${s.recall.toFixed(4)} score=${s.score.toFixed(4)} pages=${s.pages}${s.notes ? `  (${s.notes})` : ""}`;
}

function report(): void {
  const args = process.argv.slice(2);
  const engine = args.includes("--linkedom") ? "linkedom" : undefined;
  const extract = args.includes("--baseline") ? readabilityExtractor() : pipelineExtractor(engine);
  const cpuStart = process.cpuUsage();
  const started = Date.now();
  const { score, pages } = scoreBenchmark(extract);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const wall = (Date.now() - started) / 1000;
  console.log(line(score));
  console.log(`  speed: ${(score.pages / wall).toFixed(1)} pages/s wall, ${(score.pages / cpuSeconds).toFixed(1)} pages per CPU-second (${engine ?? "jsdom"}, includes corpus reading)`);
  if (args.includes("--pages")) {
    for (const p of pages) console.log(`${p.id.slice(0, 8)} P=${precisionOf(p.match).toFixed(2)} R=${recallOf(p.match).toFixed(2)} ${p.url}`);
  }
  if (args.includes("--all")) {
    console.log(line(scoreReadabilityCases(extract)));
    console.log(line(scoreTrafilatura(extract)));
    console.log(line(scoreGoose(extract)));
  }
}

if (require.main === module) report();
