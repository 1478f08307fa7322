import {
  ClusterArticle,
  ClusterOptions,
  DEDUP_THRESHOLD,
  InMemoryDedupIndex,
  InMemoryEntityStats,
  InMemoryEventStore,
  articleStatKeys,
  assignToEvent,
  dedupSignature,
  dedupSimilarity,
} from "../../src/ingest/cluster";
import { LoadedFixture, loadEventFixtures } from "./events.fixtures";
import { extractedArticles } from "./events.extracted";
import { PRF, bcubed, pairwise, shuffled } from "./events.metrics";
import { EntityNoise, noisyArticles } from "./events.noise";

export interface DedupReport extends PRF {
  threshold: number;
  goldPairs: number;
  tp: number;
  fp: number;
  fn: number;
  /** Lowest similarity of a gold duplicate pair, highest of a non-duplicate pair (same story / any). */
  minDuplicate: number;
  maxSameStoryNonDuplicate: number;
  maxNonDuplicate: number;
}

export interface ClusterReport {
  pairwise: PRF;
  bcubed: PRF;
  events: number;
  stories: number;
}

export interface EventsReport {
  articles: number;
  stories: number;
  dedup: DedupReport;
  gold: ClusterReport;
  /** Over shuffled input orders (gold entities). */
  shuffles: { seeds: number[]; pairwisePrecision: number[]; pairwiseRecall: number[]; bcubedF1: number[] };
  /** Same run with the entities module's output, when it exists. */
  extracted?: ClusterReport;
  /** Gold entities degraded like an extractor's output (misses, spurious entities, salience error). */
  noisy: { noise: Omit<EntityNoise, "seed">; seeds: number[]; pairwisePrecision: number[]; pairwiseRecall: number[] }[];
}

export const NOISE_LEVELS: Omit<EntityNoise, "seed">[] = [
  { drop: 0.2, spurious: 1 },
  { drop: 0.4, spurious: 2 },
];

/** Online near-duplicate links in input order: each body against the bodies seen before it. */
export function dedupLinks(articles: ClusterArticle[], threshold = DEDUP_THRESHOLD): Map<string, string> {
  const index = new InMemoryDedupIndex(threshold);
  const links = new Map<string, string>();
  for (const a of articles) {
    const sig = dedupSignature(a.bodyText);
    const original = index.findOriginal(sig);
    if (original) links.set(a.id, original.id);
    index.add(a.id, sig, original?.id);
  }
  return links;
}

function groupsOf(ids: string[], links: Map<string, string>): Map<string, string> {
  const root = (id: string): string => (links.has(id) ? root(links.get(id) as string) : id);
  return new Map(ids.map((id) => [id, root(id)]));
}

export function evalDedup(loaded: LoadedFixture[], threshold = DEDUP_THRESHOLD): DedupReport {
  const articles = loaded.map((l) => l.article);
  const ids = articles.map((a) => a.id);
  const goldLinks = new Map(loaded.filter((l) => l.fixture.duplicateOf).map((l) => [l.fixture.id, l.fixture.duplicateOf as string]));
  const gold = groupsOf(ids, goldLinks);
  const predicted = groupsOf(ids, dedupLinks(articles, threshold));
  const scores = pairwise(predicted, gold);
  const sigs = articles.map((a) => dedupSignature(a.bodyText));
  let minDuplicate = 1;
  let maxSameStoryNonDuplicate = 0;
  let maxNonDuplicate = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const s = dedupSimilarity(sigs[i], sigs[j]);
      if (gold.get(ids[i]) === gold.get(ids[j])) minDuplicate = Math.min(minDuplicate, s);
      else {
        maxNonDuplicate = Math.max(maxNonDuplicate, s);
        if (loaded[i].fixture.story === loaded[j].fixture.story) maxSameStoryNonDuplicate = Math.max(maxSameStoryNonDuplicate, s);
      }
    }
  }
  return {
    ...scores,
    threshold,
    goldPairs: scores.tp + scores.fn,
    minDuplicate,
    maxSameStoryNonDuplicate,
    maxNonDuplicate,
  };
}

/**
 * Clusters articles one by one as the pipeline will: near-duplicate check, document counts, then
 * assignToEvent. Returns each article's final event (after merges) and the store.
 */
export async function runClustering(
  articles: ClusterArticle[],
  opts: Partial<ClusterOptions> = {},
): Promise<{ eventOf: Map<string, string>; store: InMemoryEventStore }> {
  const store = new InMemoryEventStore();
  const stats = new InMemoryEntityStats();
  const links = dedupLinks(articles);
  for (const a of articles) {
    const duplicateOf = links.get(a.id);
    if (duplicateOf === undefined) stats.observe(articleStatKeys(a));
    await assignToEvent({ ...a, ...(duplicateOf ? { duplicateOf } : {}) }, store, stats, opts);
  }
  const eventOf = new Map<string, string>();
  for (const a of articles) eventOf.set(a.id, (await store.eventOfArticle(a.id)) as string);
  return { eventOf, store };
}

export function scoreClustering(eventOf: Map<string, string>, goldStory: Map<string, string>): ClusterReport {
  return {
    pairwise: pairwise(eventOf, goldStory),
    bcubed: bcubed(eventOf, goldStory),
    events: new Set(eventOf.values()).size,
    stories: new Set(goldStory.values()).size,
  };
}

export const SHUFFLE_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

export async function evalEvents(opts: Partial<ClusterOptions> = {}): Promise<EventsReport> {
  const loaded = loadEventFixtures();
  const articles = loaded.map((l) => l.article);
  const goldStory = new Map(loaded.map((l) => [l.fixture.id, l.fixture.story]));
  const gold = scoreClustering((await runClustering(articles, opts)).eventOf, goldStory);
  const shuffles = { seeds: SHUFFLE_SEEDS, pairwisePrecision: [] as number[], pairwiseRecall: [] as number[], bcubedF1: [] as number[] };
  for (const seed of SHUFFLE_SEEDS) {
    const s = scoreClustering((await runClustering(shuffled(articles, seed), opts)).eventOf, goldStory);
    shuffles.pairwisePrecision.push(s.pairwise.precision);
    shuffles.pairwiseRecall.push(s.pairwise.recall);
    shuffles.bcubedF1.push(s.bcubed.f1);
  }
  const noisy: EventsReport["noisy"] = [];
  for (const noise of NOISE_LEVELS) {
    const row = { noise, seeds: SHUFFLE_SEEDS, pairwisePrecision: [] as number[], pairwiseRecall: [] as number[] };
    for (const seed of SHUFFLE_SEEDS) {
      const s = scoreClustering((await runClustering(noisyArticles(articles, { ...noise, seed }), opts)).eventOf, goldStory);
      row.pairwisePrecision.push(s.pairwise.precision);
      row.pairwiseRecall.push(s.pairwise.recall);
    }
    noisy.push(row);
  }
  const withExtracted = extractedArticles(loaded);
  const extracted = withExtracted ? scoreClustering((await runClustering(withExtracted, opts)).eventOf, goldStory) : undefined;
  return {
    articles: loaded.length,
    stories: gold.stories,
    dedup: evalDedup(loaded),
    gold,
    shuffles,
    noisy,
    ...(extracted ? { extracted } : {}),
  };
}

const f3 = (x: number): string => x.toFixed(3);
const range = (xs: number[]): string => `mean ${f3(xs.reduce((s, x) => s + x, 0) / xs.length)}  min ${f3(Math.min(...xs))}  max ${f3(Math.max(...xs))}`;

export function formatReport(r: EventsReport): string {
  const line = (name: string, c: ClusterReport): string =>
    `${name.padEnd(22)} pairwise P ${f3(c.pairwise.precision)} R ${f3(c.pairwise.recall)} F1 ${f3(c.pairwise.f1)}` +
    ` | B-cubed P ${f3(c.bcubed.precision)} R ${f3(c.bcubed.recall)} F1 ${f3(c.bcubed.f1)} | ${c.events} events / ${c.stories} stories`;
  const d = r.dedup;
  return [
    `events eval: ${r.articles} articles, ${r.stories} gold stories (tests/fixtures/events)`,
    line("gold entities", r.gold),
    r.extracted ? line("extracted entities", r.extracted) : "extracted entities     n/a (src/ingest/entities extractEntities not available)",
    `shuffled orders (${r.shuffles.seeds.length})   pairwise P ${range(r.shuffles.pairwisePrecision)}`,
    `                       pairwise R ${range(r.shuffles.pairwiseRecall)}`,
    `                       B-cubed F1 ${range(r.shuffles.bcubedF1)}`,
    ...r.noisy.flatMap((n) => [
      `entity noise ${`drop ${n.noise.drop} +${n.noise.spurious}`.padEnd(10)} pairwise P ${range(n.pairwisePrecision)}`,
      `                       pairwise R ${range(n.pairwiseRecall)}`,
    ]),
    `near-duplicates        P ${f3(d.precision)} R ${f3(d.recall)} F1 ${f3(d.f1)} over ${d.goldPairs} gold pairs (tp ${d.tp}, fp ${d.fp}, fn ${d.fn}) at threshold ${d.threshold}`,
    `                       similarity: lowest duplicate pair ${f3(d.minDuplicate)}, highest non-duplicate ${f3(d.maxNonDuplicate)} (same story ${f3(d.maxSameStoryNonDuplicate)})`,
  ].join("\n");
}

/** Pairwise P/R over a grid of join and cross-language thresholds, gold and noisy entities (`--sweep`). */
export async function sweepThresholds(): Promise<string> {
  const loaded = loadEventFixtures();
  const articles = loaded.map((l) => l.article);
  const goldStory = new Map(loaded.map((l) => [l.fixture.id, l.fixture.story]));
  const noisy = noisyArticles(articles, { ...NOISE_LEVELS[0], seed: 1 });
  const lines = ["join  cross | gold P  R     | noisy(0.2,+1) P  R"];
  for (const joinThreshold of [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]) {
    for (const crossLanguageThreshold of [0.3, 0.4, 0.5, 0.6]) {
      const opts = { joinThreshold, crossLanguageThreshold };
      const g = scoreClustering((await runClustering(articles, opts)).eventOf, goldStory).pairwise;
      const n = scoreClustering((await runClustering(noisy, opts)).eventOf, goldStory).pairwise;
      lines.push(`${joinThreshold.toFixed(2)}  ${crossLanguageThreshold.toFixed(2)}  | ${f3(g.precision)} ${f3(g.recall)} | ${f3(n.precision)} ${f3(n.recall)}`);
    }
  }
  return lines.join("\n");
}

if (require.main === module) {
  (process.argv.includes("--sweep") ? sweepThresholds() : evalEvents().then(formatReport))
    .then((text) => console.log(text))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
