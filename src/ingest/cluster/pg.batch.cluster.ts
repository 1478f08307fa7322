import type { EntityManager } from "typeorm";
import { articlesUnderEvents } from "../rollups";
import { DEFAULT_CLUSTER_OPTIONS, assignToEvent } from "./cluster";
import { articleFeatures, articleStatKeys, heaviestKeys, termKey } from "./features";
import { ARTICLE_EVENTS, PgBatchEventStore } from "./pg.batch.store";
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
 * reading stats, index rows and events in three statements for the batch and writing everything back in one.
 * Call inside the transaction that stored the articles, holding CLUSTER_LOCK (persistArticles takes it first).
 */
export async function clusterBatch(
  em: EntityManager,
  articles: ClusterArticle[],
  windowHours: number,
  onEach?: (done: number) => void,
): Promise<BatchClusterResult> {
  if (articles.length === 0) return { placed: [], moved: [] };
  const o: ClusterOptions = { ...DEFAULT_CLUSTER_OPTIONS, windowHours, newEventId: (a) => a.id };
  const keys = articles.map(articleStatKeys);
  const { stats, store } = await preparedStore(em, articles, keys, o);
  const placed: Clustered[] = [];
  for (const [i, a] of articles.entries()) {
    const result = await assignToEvent(a, store, stats, o);
    if (a.duplicateOf === undefined) stats.count(keys[i]);
    const event = await store.get(result.eventId);
    placed.push({ eventId: Number(result.eventId), articleCount: event?.articleCount ?? 0 });
    onEach?.(i + 1);
  }
  const { absorbed } = await store.flush(stats.takePending());
  const moved: number[] = [];
  for (const [survivor, gone] of absorbed) moved.push(...(await articlesUnderEvents(em, survivor, gone)));
  return { placed, moved };
}

interface StateRow { kind: "s" | "a"; key: string | null; n: number | null; id: number | null }

// Stats of the batch's keys ($1) and the events of its stored originals ($2): what a batch reads first.
const BATCH_STATE = `
  SELECT 's' AS kind, key, df AS n, NULL::int AS id FROM entity_stat WHERE key = ANY($1::text[])
  UNION ALL
  SELECT 'a', NULL, x."articleId", x."eventId" FROM (${ARTICLE_EVENTS("$2")}) x`;

/**
 * The batch's stats and a batch store with the index rows, originals' events and likely candidates
 * of the whole batch read: three statements. `statKeys`: each article's stat keys, in batch order.
 */
async function preparedStore(em: EntityManager, articles: ClusterArticle[], statKeys: string[][], o: ClusterOptions): Promise<{ stats: PgEntityStats; store: PgBatchEventStore }> {
  const store = new PgBatchEventStore(em);
  const inBatch = new Set(articles.map((a) => a.id));
  const originals = store.unknownArticles(articles.flatMap((a) => (a.duplicateOf !== undefined && !inBatch.has(a.duplicateOf) ? [Number(a.duplicateOf)] : [])));
  const rows: StateRow[] = await em.query(BATCH_STATE, [PgEntityStats.keysToRead(statKeys.flat()), originals]);
  const stats = PgEntityStats.fromRows(rows.flatMap((r) => (r.kind === "s" ? [{ key: r.key!, df: r.n! }] : [])));
  const originalLinks = rows.flatMap((r) => (r.kind === "a" ? [{ articleId: r.n!, eventId: r.id! }] : []));
  const originalEvents = store.knownArticles(originals, originalLinks);
  // A copy whose original is clustered joins the original's event without a lookup: only the others' lookups are read ahead.
  const clustered = new Set([...inBatch, ...originalLinks.map((l) => String(l.articleId))]);
  const looking = articles.flatMap((a, i) => (a.duplicateOf === undefined || !clustered.has(a.duplicateOf) ? [i] : []));
  const queries = looking.map((i) => expectedQuery(articles[i], stats, o));
  if (queries.length > 0) {
    const from = Math.min(...queries.map((q) => q.from.getTime()));
    const to = Math.max(...queries.map((q) => q.to.getTime()));
    // Counting the batch's own articles shifts document frequencies, and with them which keys an article
    // queries: its other keys are read on the first miss.
    const latestFrom = Math.max(...queries.map((q) => q.from.getTime()));
    await store.prefetch(queries.flatMap((q) => [...q.entityKeys, ...q.termKeys]), new Date(from), new Date(to), looking.flatMap((i) => statKeys[i]), new Date(latestFrom));
  }
  await store.preload(queries, originalEvents);
  return { stats, store };
}
