import type { EntityManager } from "typeorm";
import { articlesUnderEvents } from "../rollups";
import { DEFAULT_CLUSTER_OPTIONS, assignToEvent } from "./cluster";
import { articleFeatures, articleStatKeys, heaviestKeys, termKey } from "./features";
import { PgBatchEventStore } from "./pg.batch.store";
import { PgEntityStats } from "./pg.stats";
import type { CandidateQuery, ClusterArticle, ClusterOptions, EntityStats } from "./types";

// One clusterer at a time across all workers: it reads events, changes them and writes them back.
export const CLUSTER_LOCK = 7_220_001;
const HOUR = 3_600_000;

export interface Clustered {
  eventId: number;
  /** The event's article count right after this article joined it. */
  articleCount: number;
}

export interface BatchClusterResult {
  /** Per article, in the order given. */
  placed: Clustered[];
  /** Stored articles whose counted event changed because their event was absorbed (their rollups must follow). */
  moved: number[];
}

/** The lookup `assignToEvent` will make for an article, given the stats as they are now. */
function expectedQuery(a: ClusterArticle, stats: EntityStats, o: ClusterOptions): CandidateQuery {
  const f = articleFeatures(a, stats);
  const t = a.publishedAt.getTime();
  return {
    entityKeys: heaviestKeys(f.entities, o.queryEntityKeys),
    termKeys: heaviestKeys(f.terms, o.queryTermKeys).map((term) => termKey(a.language, term)),
    from: new Date(t - o.windowHours * HOUR),
    to: new Date(t + o.windowHours * HOUR),
    limit: o.candidateLimit,
  };
}

/**
 * Clusters new articles one by one in the given order, with exactly the results of calling
 * `assignToEvent` over PgEventStore for each in turn (document frequencies counted as it goes), but
 * reading stats, index rows and events once for the batch and writing them back once.
 * Call inside the transaction that stored the articles.
 */
export async function clusterBatch(
  em: EntityManager,
  articles: ClusterArticle[],
  windowHours: number,
  onEach?: (done: number) => void,
): Promise<BatchClusterResult> {
  if (articles.length === 0) return { placed: [], moved: [] };
  const o: ClusterOptions = { ...DEFAULT_CLUSTER_OPTIONS, windowHours, newEventId: (a) => a.id };
  await em.query(`SELECT pg_advisory_xact_lock($1)`, [CLUSTER_LOCK]);
  const keys = articles.map(articleStatKeys);
  const stats = await PgEntityStats.forKeys(em, keys.flat());
  const store = await preparedStore(em, articles, keys.flat(), stats, o);
  const placed: Clustered[] = [];
  for (const [i, a] of articles.entries()) {
    const result = await assignToEvent(a, store, stats, o);
    if (a.duplicateOf === undefined) stats.count(keys[i]);
    const event = await store.get(result.eventId);
    placed.push({ eventId: Number(result.eventId), articleCount: event?.articleCount ?? 0 });
    onEach?.(i + 1);
  }
  const { absorbed } = await store.flush();
  await stats.flush(em);
  const moved: number[] = [];
  for (const [survivor, gone] of absorbed) moved.push(...(await articlesUnderEvents(em, survivor, gone)));
  return { placed, moved };
}

/** A batch store with the index rows, originals' events and likely candidates of the whole batch read in three statements. */
async function preparedStore(em: EntityManager, articles: ClusterArticle[], statKeys: string[], stats: EntityStats, o: ClusterOptions): Promise<PgBatchEventStore> {
  const store = new PgBatchEventStore(em);
  const queries = articles.map((a) => expectedQuery(a, stats, o));
  const from = Math.min(...queries.map((q) => q.from.getTime()));
  const to = Math.max(...queries.map((q) => q.to.getTime()));
  // Counting the batch's own articles shifts document frequencies, and with them which keys an article
  // queries: its other keys are read on the first miss.
  await store.prefetch(queries.flatMap((q) => [...q.entityKeys, ...q.termKeys]), new Date(from), new Date(to), statKeys);
  const inBatch = new Set(articles.map((a) => a.id));
  await store.prefetchArticles(articles.flatMap((a) => (a.duplicateOf !== undefined && !inBatch.has(a.duplicateOf) ? [Number(a.duplicateOf)] : [])));
  await store.preload(queries);
  return store;
}
