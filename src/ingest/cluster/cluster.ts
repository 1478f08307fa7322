import { types } from "node:util";
import { ClusterError } from "./errors";
import { addArticle, addDuplicate, emptyEvent, mergeEvents } from "./event";
import { ArticleFeatures, articleFeatures, heaviestKeys, termKey } from "./features";
import { ScoreParts, eventSimilarity, scoreArticle } from "./score";
import type { AssignResult, ClusterArticle, ClusterOptions, EntityStats, EventSnapshot, EventStore } from "./types";

/** Thresholds chosen on tests/fixtures/events (see its README for the measurements). */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  windowHours: 72,
  joinThreshold: 0.3,
  crossLanguageThreshold: 0.35,
  crossLanguageMinShared: 2,
  bridgeThreshold: 0.5,
  mergeThreshold: 0.45,
  entityShare: 0.5,
  candidateLimit: 20,
  queryEntityKeys: 12,
  queryTermKeys: 8,
  maxEntities: 64,
  maxTerms: 48,
  maxEventKeys: 48,
  newEventId: (a) => `ev:${a.id}`,
};

const HOUR = 3_600_000;

/**
 * Places one article in an event, online. The article joins the best-scoring candidate event that
 * passes its threshold; otherwise it starts a new event — always, even with no entities and no
 * close title, so every article has an event (most events are singletons; callers may hide them).
 * A near-duplicate joins its original's event without adding weight. Events the article scores
 * high against together, or whose centroids have become close, merge into the largest one.
 */
export async function assignToEvent(
  a: ClusterArticle,
  store: EventStore,
  stats: EntityStats,
  opts: Partial<ClusterOptions> = {},
): Promise<AssignResult> {
  checkArticle(a);
  const o: ClusterOptions = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
  if (a.duplicateOf !== undefined) {
    const joined = await joinOriginal(a, store, o);
    if (joined) return joined;
  }
  const f = articleFeatures(a, stats);
  const scored = await scoreCandidates(a, f, store, o);
  const best = scored.find((s) => s.parts.eligible);
  if (!best) {
    const created = addArticle(emptyEvent(o.newEventId(a), a.publishedAt), a, f, o);
    await store.save(created);
    await store.linkArticle(a.id, created.id);
    return { eventId: created.id, created: true, score: 0, merged: [] };
  }
  const joined = addArticle(best.event, a, f, o);
  // Every candidate in the window is checked, not only those the article could join: two halves
  // of one story (say, its Arabic and its English coverage) converge at the centroid level first.
  const absorb = scored.filter(
    (s) =>
      s !== best &&
      ((s.parts.eligible && best.parts.score >= o.bridgeThreshold && s.parts.score >= o.bridgeThreshold) ||
        eventSimilarity(joined, s.event, o.entityShare, o.crossLanguageMinShared) >= o.mergeThreshold),
  );
  const { survivor, merged } = mergeGroup([joined, ...absorb.map((s) => s.event)], o);
  await store.save(survivor);
  for (const id of merged) await store.merge(survivor.id, id);
  await store.linkArticle(a.id, survivor.id);
  return { eventId: survivor.id, created: false, score: round(best.parts.score), merged };
}

interface Scored {
  event: EventSnapshot;
  parts: ScoreParts;
}

async function scoreCandidates(a: ClusterArticle, f: ArticleFeatures, store: EventStore, o: ClusterOptions): Promise<Scored[]> {
  const t = a.publishedAt.getTime();
  const candidates = await store.candidates({
    entityKeys: heaviestKeys(f.entities, o.queryEntityKeys),
    termKeys: heaviestKeys(f.terms, o.queryTermKeys).map((term) => termKey(a.language, term)),
    from: new Date(t - o.windowHours * HOUR),
    to: new Date(t + o.windowHours * HOUR),
    limit: o.candidateLimit,
  });
  return candidates
    .map((event) => ({ event, parts: scoreArticle(f, event, a.publishedAt, o) }))
    .sort((x, y) => y.parts.score - x.parts.score || (x.event.id < y.event.id ? -1 : 1));
}

async function joinOriginal(a: ClusterArticle, store: EventStore, o: ClusterOptions): Promise<AssignResult | undefined> {
  const eventId = await store.eventOfArticle(a.duplicateOf as string);
  const event = eventId === undefined ? undefined : await store.get(eventId);
  // An original the store never clustered: treat the copy as an ordinary article.
  if (!event) return undefined;
  await store.save(addDuplicate(event, a, o));
  await store.linkArticle(a.id, event.id);
  return { eventId: event.id, created: false, score: 1, merged: [] };
}

/** The largest event (then the oldest, then the smallest id) absorbs the others. */
function mergeGroup(group: EventSnapshot[], o: ClusterOptions): { survivor: EventSnapshot; merged: string[] } {
  const ordered = [...group].sort(
    (x, y) => y.articleCount - x.articleCount || x.firstSeen.getTime() - y.firstSeen.getTime() || (x.id < y.id ? -1 : 1),
  );
  let survivor = ordered[0];
  for (const other of ordered.slice(1)) survivor = mergeEvents(survivor, other, o);
  return { survivor, merged: ordered.slice(1).map((e) => e.id) };
}

function checkArticle(a: ClusterArticle): void {
  const problems: string[] = [];
  if (!a.id) problems.push("an id");
  if (!a.language) problems.push("a language");
  // types.isDate, not instanceof: a draft analysed on a thread carries a Date of another realm when run under a vm (jest).
  if (!types.isDate(a.publishedAt) || Number.isNaN(a.publishedAt.getTime())) problems.push("a valid publishedAt Date");
  if (typeof a.title !== "string" || typeof a.bodyText !== "string") problems.push("title and bodyText strings");
  if (problems.length > 0) {
    throw new ClusterError(
      "CLUSTER_BAD_ARTICLE",
      `cluster.assignToEvent: expected an article with ${problems.join(", ")}, got ${JSON.stringify({
        id: a.id,
        language: a.language,
        publishedAt: String(a.publishedAt),
      })}`,
    );
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
