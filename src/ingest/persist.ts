import type { EntityManager } from "typeorm";
import type { Analysed } from "./analyse";
import { articleStatKeys, assignToEvent, type ClusterArticle } from "./cluster";
import { pgDedup } from "./cluster/pg.dedup";
import { PgEntityStats } from "./cluster/pg.stats";
import { PgEventStore } from "./cluster/pg.store";
import type { IngestEvent } from "./ingest-events";
import { refKey, type PeopleLinker } from "./link/people.linker";
import { followMerges } from "./curation";
import { articlesUnderEvents, syncRollups } from "./rollups";
import { storeArticle, type StoreOutcome } from "./store/article.store";

// One clusterer at a time across all workers: it reads an event, changes it and writes it back.
const CLUSTER_LOCK = 7_220_001;

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
}

export async function persistArticle(em: EntityManager, sourceId: number, item: Analysed, deps: PersistDeps): Promise<PersistOutcome> {
  const { linker, windowHours } = deps;
  const { draft, entities } = item;
  // Through merges: an analyst may have merged a person this worker's linker still has cached.
  const personIds = await followMerges(em, await linker.resolve(em, entities.people.map((p) => p.ref)));
  const people = entities.people
    .map((p) => ({ personId: personIds.get(refKey(p.ref))!, count: p.count, salience: p.salience, firstOffset: p.firstOffset }))
    .filter((p, i, all) => p.personId !== undefined && all.findIndex((q) => q.personId === p.personId) === i);
  const countries = entities.countries.filter((c) => deps.countryCodes.has(c.code)).map((c) => ({ code: c.code, count: c.count, salience: c.salience, firstOffset: c.firstOffset }));
  const stored = await storeArticle(em, { ...draft, sourceId, people, countries }, pgDedup(draft.bodyText, draft.wordCount));
  // Rollups follow the mention tables in the same transaction; an update subtracts what it added before.
  if (stored.outcome === "updated") await syncRollups(em, [stored.articleId]);
  if (stored.outcome !== "created") return { ...stored, events: [] };

  const article: ClusterArticle = {
    id: String(stored.articleId),
    sourceId: String(sourceId),
    language: draft.language,
    publishedAt: draft.publishedAt,
    title: draft.title,
    summary: draft.summary,
    bodyText: draft.bodyText,
    people: people.map((p) => ({ id: String(p.personId), salience: p.salience, count: p.count })),
    countries: countries.map((c) => ({ code: c.code, salience: c.salience, count: c.count })),
    places: entities.places.map((p) => ({ name: p.name, country: p.country, salience: p.salience })),
    ...(stored.originalId !== undefined ? { duplicateOf: String(stored.originalId) } : {}),
  };
  await em.query(`SELECT pg_advisory_xact_lock($1)`, [CLUSTER_LOCK]);
  const keys = articleStatKeys(article);
  const stats = await PgEntityStats.forKeys(em, keys);
  const result = await assignToEvent(article, new PgEventStore(em), stats, { windowHours, newEventId: (a) => a.id });
  if (article.duplicateOf === undefined) await PgEntityStats.observe(em, keys);
  const eventId = Number(result.eventId);
  // Counted once the article has its event; articles of absorbed events move to the survivor's key.
  const moved = await articlesUnderEvents(em, eventId, result.merged.map(Number));
  await syncRollups(em, [stored.articleId, ...moved]);
  const [{ articleCount }] = await em.query(`SELECT article_count AS "articleCount" FROM event WHERE id = $1`, [eventId]);
  const events: IngestEvent[] = [
    {
      type: "articleAdded",
      articleId: stored.articleId,
      sourceId,
      language: draft.language,
      category: draft.category ?? null,
      personIds: people.map((p) => p.personId),
      countryCodes: countries.map((c) => c.code),
      eventIds: [eventId],
      publishedAt: draft.publishedAt.toISOString(),
    },
    { type: "eventUpdated", eventId, articleCount },
  ];
  return { ...stored, eventId, events };
}
