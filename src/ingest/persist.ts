import type { EntityManager } from "typeorm";
import type { Analysed } from "./analyse";
import type { ClusterArticle } from "./cluster";
import { CLUSTER_LOCK, clusterBatch } from "./cluster/pg.batch.cluster";
import { followMerges } from "./curation";
import type { IngestEvent } from "./ingest-events";
import { refKey, type PeopleLinker } from "./link/people.linker";
import { syncRollups } from "./rollups";
import type { ArticleInput, StoreOutcome } from "./store/article.store";
import { earlyResults, finishNewArticles, storeArticles, storeNewArticles, type StoreOptions } from "./store/batch.store";
import { lockIdentities } from "./store/identity.index";

export interface PersistOutcome {
  articleId: number;
  outcome: StoreOutcome;
  eventId?: number;
  events: IngestEvent[];
}

/** Link → store → (new articles only) dedup and cluster, inside the caller's transaction. */
export interface PersistDeps {
  linker: PeopleLinker;
  /** ISO codes present in the country table; mentions of anything else are dropped, not failed on. */
  countryCodes: ReadonlySet<string>;
  windowHours: number;
  /** Called as each step ends (the benchmark times them); nothing by default. */
  stepDone?: (step: PersistStep) => void;
}

export type PersistStep = "link" | "store" | "cluster" | "rollups";

export type PersistProgress = (done: number, total: number) => void;

type Mentions = Pick<ArticleInput, "people" | "countries">;

/** One article: a batch of one. */
export async function persistArticle(em: EntityManager, sourceId: number, item: Analysed, deps: PersistDeps): Promise<PersistOutcome> {
  const [outcome] = await persistArticles(em, sourceId, [item], deps);
  return outcome;
}

/**
 * A refresh's articles as one batch, inside the caller's transaction: people linked, articles stored
 * exactly once, near-duplicates found, new articles clustered, rollups synced — with the results of
 * persisting them one by one in publication order, in a few dozen statements whatever their number.
 * Outcomes come back in the order of `items`.
 */
export async function persistArticles(
  em: EntityManager,
  sourceId: number,
  items: readonly Analysed[],
  deps: PersistDeps,
  onProgress?: PersistProgress,
  storeOptions?: StoreOptions,
): Promise<PersistOutcome[]> {
  if (items.length === 0) return [];
  // Oldest first: an original is stored before its copies, and events grow as the news did.
  const order = items.map((_, i) => i).sort((x, y) => items[x].draft.publishedAt.getTime() - items[y].draft.publishedAt.getTime() || x - y);
  const sorted = order.map((i) => items[i]);
  // Identities, then people, then the write lock: every writer takes its locks in that order, each kind sorted.
  await lockIdentities(em, sorted.map((item) => ({ ...item.draft, sourceId })));
  const mentions = await linkMentions(em, sorted, deps);
  deps.stepDone?.("link");
  const inputs = sorted.map((item, k) => ({ input: { ...item.draft, sourceId, ...mentions[k] }, dedup: item.probe }));
  // New articles go in before the write lock (their text indexes are most of a refresh's database time); counts wait for it.
  // A caller staging a concurrent writer (`storeOptions.beforeWrite`) gets the locked path, where its hook runs.
  const early = storeOptions ? undefined : await storeNewArticles(em, inputs);
  // Nothing new and nothing changed: no counters, events or people to touch, so no write lock either.
  if (early && early.created.length === 0 && !deps.linker.holdsAliases(em)) {
    onProgress?.(items.length, items.length);
    return inputOrder(order, earlyResults(early).map((s) => ({ ...s, events: [] })));
  }
  // Writers queue here for people's rows, counters and events: no two refreshes lock those in opposite orders.
  await em.query(`SELECT pg_advisory_xact_lock($1)`, [CLUSTER_LOCK]);
  await deps.linker.writeAliases(em);
  const stored = early ? await finishNewArticles(em, early) : await storeArticles(em, inputs, storeOptions);
  deps.stepDone?.("store");
  const fresh = stored.flatMap((s, k) => (s.outcome === "created" ? [k] : []));
  const settled = items.length - fresh.length;
  onProgress?.(settled, items.length);
  const { placed, moved } = await clusterBatch(
    em,
    fresh.map((k) => clusterArticle(stored[k].articleId, sourceId, sorted[k], mentions[k], stored[k].originalId)),
    deps.windowHours,
    (done) => onProgress?.(settled + done, items.length),
  );
  deps.stepDone?.("cluster");
  // Rollups follow the mention and event tables once: an update takes back what it added before.
  await syncRollups(em, [...stored.filter((s) => s.outcome !== "unchanged").map((s) => s.articleId), ...moved]);
  deps.stepDone?.("rollups");
  const outcomes: PersistOutcome[] = stored.map((s) => ({ ...s, events: [] }));
  fresh.forEach((k, n) => {
    const { eventId, articleCount } = placed[n];
    outcomes[k] = { ...stored[k], eventId, events: announced(sourceId, stored[k].articleId, sorted[k], mentions[k], eventId, articleCount) };
  });
  return inputOrder(order, outcomes);
}

/** Outcomes of the sorted items put back in the order the caller gave them (`order[k]` is the k-th sorted item's index). */
function inputOrder(order: readonly number[], sorted: PersistOutcome[]): PersistOutcome[] {
  const byInput: PersistOutcome[] = new Array(order.length);
  order.forEach((i, k) => (byInput[i] = sorted[k]));
  return byInput;
}

/** People (through merges: an analyst may have merged someone a worker's linker still caches) and known countries, per item. */
async function linkMentions(em: EntityManager, items: readonly Analysed[], deps: PersistDeps): Promise<Mentions[]> {
  await deps.linker.prepare(em, items.flatMap((item) => item.entities.people.map((p) => p.ref)), { aliasesLater: true });
  const resolved = new Map<string, number>();
  for (const item of items) {
    for (const [key, id] of await deps.linker.resolve(em, item.entities.people.map((p) => p.ref))) resolved.set(key, id);
  }
  const personIds = await followMerges(em, resolved);
  return items.map(({ entities }) => ({
    people: entities.people
      .map((p) => ({ personId: personIds.get(refKey(p.ref))!, count: p.count, salience: p.salience, firstOffset: p.firstOffset }))
      .filter((p, i, all) => p.personId !== undefined && all.findIndex((q) => q.personId === p.personId) === i),
    countries: entities.countries.filter((c) => deps.countryCodes.has(c.code)).map((c) => ({ code: c.code, count: c.count, salience: c.salience, firstOffset: c.firstOffset })),
  }));
}

function clusterArticle(articleId: number, sourceId: number, { draft, entities }: Analysed, m: Mentions, originalId: number | undefined): ClusterArticle {
  return {
    id: String(articleId),
    sourceId: String(sourceId),
    language: draft.language,
    publishedAt: draft.publishedAt,
    title: draft.title,
    summary: draft.summary,
    bodyText: draft.bodyText,
    people: m.people.map((p) => ({ id: String(p.personId), salience: p.salience, count: p.count })),
    countries: m.countries.map((c) => ({ code: c.code, salience: c.salience, count: c.count })),
    places: entities.places.map((p) => ({ name: p.name, country: p.country, salience: p.salience })),
    ...(originalId !== undefined ? { duplicateOf: String(originalId) } : {}),
  };
}

function announced(sourceId: number, articleId: number, { draft }: Analysed, m: Mentions, eventId: number, articleCount: number): IngestEvent[] {
  return [
    {
      type: "articleAdded",
      articleId,
      sourceId,
      language: draft.language,
      category: draft.category ?? null,
      personIds: m.people.map((p) => p.personId),
      countryCodes: m.countries.map((c) => c.code),
      eventIds: [eventId],
      publishedAt: draft.publishedAt.toISOString(),
    },
    { type: "eventUpdated", eventId, articleCount },
  ];
}
