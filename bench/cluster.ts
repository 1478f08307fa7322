import { performance } from "node:perf_hooks";
import {
  ClusterArticle,
  InMemoryDedupIndex,
  InMemoryEntityStats,
  InMemoryEventStore,
  articleStatKeys,
  assignToEvent,
  dedupSignature,
} from "../src/ingest/cluster";
import { rng } from "../scripts/eval/events.metrics";

/**
 * Clustering cost per article over a generated stream (default 10,000 articles over 60 days,
 * ~10 % reprints, Zipf-popular people and countries, English and Arabic pseudo-words), against the
 * in-memory store. Run: npm run build && node dist/bench/cluster.js [articles] [days]
 */

const HOUR = 3_600_000;
const AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";

interface Story {
  id: number;
  start: number;
  people: string[];
  countries: string[];
  place?: { name: string; country: string };
  words: Record<string, string[]>;
}

/** A rank in 0..n-1 drawn from a continuous power law with exponent s (inverse CDF). */
function zipf(next: () => number, n: number, s = 1.1): number {
  const u = next();
  const x = s === 1 ? Math.pow(n, u) : Math.pow((Math.pow(n, 1 - s) - 1) * u + 1, 1 / (1 - s));
  return Math.min(n - 1, Math.max(0, Math.floor(x) - 1));
}

function word(lang: string, i: number): string {
  if (lang === "en") return `w${i.toString(36)}x`;
  let out = "";
  let k = i + 29;
  while (k > 0) {
    out += AR_LETTERS[k % AR_LETTERS.length];
    k = Math.floor(k / AR_LETTERS.length);
  }
  return `${out}ع`;
}

function makeStories(count: number, days: number, next: () => number): Story[] {
  const stories: Story[] = [];
  for (let i = 0; i < count; i++) {
    const pick = (n: number, pool: number, prefix: string): string[] =>
      [...new Set(Array.from({ length: n }, () => `${prefix}${zipf(next, pool)}`))];
    const words: Record<string, string[]> = {};
    for (const lang of ["en", "ar"]) words[lang] = Array.from({ length: 30 }, () => word(lang, zipf(next, 20000, 1.05)));
    stories.push({
      id: i,
      start: Date.UTC(2025, 0, 1) + next() * days * 24 * HOUR,
      people: pick(1 + Math.floor(next() * 4), 5000, "person-"),
      countries: pick(1 + Math.floor(next() * 3), 200, "C").map((c) => c.slice(0, 3)),
      ...(next() < 0.6 ? { place: { name: `city ${zipf(next, 3000)}`, country: "ZZ" } } : {}),
      words,
    });
  }
  return stories;
}

function makeArticle(story: Story, n: number, next: () => number): ClusterArticle {
  const lang = next() < 0.5 ? "en" : "ar";
  const pickWords = (k: number): string => Array.from({ length: k }, () => story.words[lang][Math.floor(next() * 30)]).join(" ");
  const filler = (k: number): string => Array.from({ length: k }, () => word(lang, Math.floor(next() * 20000))).join(" ");
  const keep = <T>(xs: T[]): T[] => xs.filter(() => next() < 0.8);
  return {
    id: `s${story.id}-a${n}`,
    sourceId: `source-${Math.floor(next() * 300)}`,
    language: lang,
    publishedAt: new Date(story.start + next() * 48 * HOUR),
    title: `${pickWords(6)} ${filler(2)}`,
    summary: `${pickWords(12)} ${filler(10)}`,
    bodyText: Array.from({ length: 6 }, () => `${pickWords(15)} ${filler(35)}`).join("\n\n"),
    people: keep(story.people).map((id) => ({ id, salience: next(), count: 1 + Math.floor(next() * 4) })),
    countries: keep(story.countries).map((code) => ({ code, salience: next(), count: 1 })),
    places: story.place && next() < 0.7 ? [{ ...story.place, salience: next() }] : [],
  };
}

function generate(total: number, days: number): { articles: ClusterArticle[]; story: Map<string, number> } {
  const next = rng(42);
  const stories = makeStories(Math.round(total / 6), days, next);
  const articles: ClusterArticle[] = [];
  const story = new Map<string, number>();
  const byStory = new Map<number, ClusterArticle[]>();
  for (let i = 0; i < total; i++) {
    const s = stories[zipf(next, stories.length, 1.0)];
    const siblings = byStory.get(s.id) ?? [];
    // About one article in ten is a reprint of an earlier one in its story, with a trailing credit line.
    const a: ClusterArticle =
      siblings.length > 0 && next() < 0.1
        ? { ...siblings[0], id: `s${s.id}-r${i}`, sourceId: `source-${Math.floor(next() * 300)}`, bodyText: `${siblings[0].bodyText}\n\n(Wire)` }
        : makeArticle(s, i, next);
    siblings.push(a);
    byStory.set(s.id, siblings);
    story.set(a.id, s.id);
    articles.push(a);
  }
  articles.sort((x, y) => x.publishedAt.getTime() - y.publishedAt.getTime());
  return { articles, story };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 10000);
  const days = Number(process.argv[3] ?? 60);
  const { articles, story } = generate(total, days);
  const store = new InMemoryEventStore();
  const stats = new InMemoryEntityStats();
  const dedup = new InMemoryDedupIndex();
  const clusterMs: number[] = [];
  // CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
  let clusterCpuUs = 0;
  let dedupCpuUs = 0;
  const dedupMs: number[] = [];
  const examined: number[] = [];
  let duplicates = 0;
  let merges = 0;
  for (const a of articles) {
    let t = performance.now();
    let cpu = process.cpuUsage();
    const sig = dedupSignature(a.bodyText);
    const original = dedup.findOriginal(sig);
    dedup.add(a.id, sig, original?.id);
    dedupMs.push(performance.now() - t);
    dedupCpuUs += cpuSince(cpu);
    if (original) duplicates++;
    t = performance.now();
    cpu = process.cpuUsage();
    if (!original) stats.observe(articleStatKeys(a));
    const r = await assignToEvent({ ...a, ...(original ? { duplicateOf: original.id } : {}) }, store, stats);
    clusterMs.push(performance.now() - t);
    clusterCpuUs += cpuSince(cpu);
    examined.push(original ? 0 : store.lastExamined);
    merges += r.merged.length;
  }
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const tenth = Math.floor(articles.length / 10);
  const fresh = examined.filter((_, i) => !articles[i].id.includes("-r"));
  console.log(`cluster bench: ${articles.length} articles over ${days} days, ${store.all().length} events, ${duplicates} near-duplicates found, ${merges} merges`);
  console.log(`assignToEvent   mean ${mean(clusterMs).toFixed(3)} ms/article  p50 ${percentile(clusterMs, 50).toFixed(3)}  p95 ${percentile(clusterMs, 95).toFixed(3)}  p99 ${percentile(clusterMs, 99).toFixed(3)}`);
  console.log(`  CPU time      ${(clusterCpuUs / 1000 / articles.length).toFixed(3)} ms/article (user+system)`);
  console.log(`  first 10 %    mean ${mean(clusterMs.slice(0, tenth)).toFixed(3)} ms   last 10 % mean ${mean(clusterMs.slice(-tenth)).toFixed(3)} ms`);
  console.log(`dedup signature+lookup mean ${mean(dedupMs).toFixed(3)} ms/article  p95 ${percentile(dedupMs, 95).toFixed(3)}  CPU ${(dedupCpuUs / 1000 / articles.length).toFixed(3)} ms/article`);
  console.log(`candidate events examined per article (index hits before the limit of 20): mean ${mean(fresh).toFixed(1)}  p95 ${percentile(fresh, 95)}  max ${Math.max(...fresh)}`);
  console.log(`  first 10 %    mean ${mean(examined.slice(0, tenth)).toFixed(1)}   last 10 % mean ${mean(examined.slice(-tenth)).toFixed(1)}`);
  const eventOf = new Map<string, string>();
  for (const a of articles) eventOf.set(a.id, (await store.eventOfArticle(a.id)) as string);
  const q = pairCounts(eventOf, story);
  console.log(`generated-story agreement (sanity, not the quality score): pairwise P ${q.precision.toFixed(3)} R ${q.recall.toFixed(3)}`);
}

/** Pairwise precision/recall from contingency counts: O(n), for streams too long for all pairs. */
function pairCounts(predicted: Map<string, string>, gold: Map<string, number>): { precision: number; recall: number } {
  const choose2 = (n: number): number => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const pred = new Map<string, number>();
  const truth = new Map<number, number>();
  for (const [id, ev] of predicted) {
    const g = gold.get(id) as number;
    cells.set(`${ev}\u0000${g}`, (cells.get(`${ev}\u0000${g}`) ?? 0) + 1);
    pred.set(ev, (pred.get(ev) ?? 0) + 1);
    truth.set(g, (truth.get(g) ?? 0) + 1);
  }
  const tp = [...cells.values()].reduce((s, n) => s + choose2(n), 0);
  const predPairs = [...pred.values()].reduce((s, n) => s + choose2(n), 0);
  const goldPairs = [...truth.values()].reduce((s, n) => s + choose2(n), 0);
  return { precision: predPairs ? tp / predPairs : 1, recall: goldPairs ? tp / goldPairs : 1 };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
