import type { EntityManager } from "typeorm";
import { loadEventFixtures, loadGazetteer, type LoadedFixture } from "../../../scripts/eval/events.fixtures";
import { analysedOf as toAnalysed, type Analysed } from "../../../src/ingest/analyse";
import { articleStatKeys, assignToEvent, type ClusterArticle } from "../../../src/ingest/cluster";
import { pgDedup } from "../../../src/ingest/cluster/pg.dedup";
import { PgEntityStats } from "../../../src/ingest/cluster/pg.stats";
import { PgEventStore } from "../../../src/ingest/cluster/pg.store";
import { followMerges } from "../../../src/ingest/curation";
import { refKey } from "../../../src/ingest/link/people.linker";
import type { PersistDeps } from "../../../src/ingest/persist";
import { articlesUnderEvents, syncRollups } from "../../../src/ingest/rollups";
import { storeArticle } from "../../../src/ingest/store/article.store";
import type { TestDatabase } from "../../support/db";
import { addPerson, addSource } from "../../support/seed";
import { inputOf } from "./support";

export interface FixtureWorld {
  /** Source id per fixture sourceId. */
  sources: Map<string, number>;
  /** Person id per gold person slug. */
  people: Map<string, number>;
}

/** Sources and people of the event fixtures, created in the same order so every database gets the same ids. */
export async function fixtureWorld(db: TestDatabase, loaded: LoadedFixture[]): Promise<FixtureWorld> {
  const gaz = loadGazetteer();
  const sources = new Map<string, number>();
  for (const s of [...new Set(loaded.map((l) => l.fixture.sourceId))].sort()) sources.set(s, await addSource(db.dataSource, s, `https://${s}.example/feed`));
  const people = new Map<string, number>();
  for (const slug of Object.keys(gaz.people).sort()) {
    const names = gaz.people[slug];
    people.set(slug, await addPerson(db.dataSource, { en: names.en[0] ?? slug, ...(names.ar[0] ? { ar: names.ar[0] } : {}) }));
  }
  return { sources, people };
}

/** A fixture as the analyser would hand it over: gold entities, people as `db:` references. */
export function analysedOf(l: LoadedFixture, w: FixtureWorld): Analysed {
  const { sourceId: _s, people: _p, countries: _c, ...draft } = inputOf(l.fixture, 0);
  const mention = { firstOffset: 0, surfaces: [] as string[] };
  return toAnalysed(draft, {
    people: l.article.people.map((p) => ({ ref: { kind: "kb" as const, id: `db:${w.people.get(p.id)}` }, count: p.count, salience: p.salience, ...mention })),
    countries: l.article.countries.map((c) => ({ code: c.code, via: [], count: c.count, salience: c.salience, ...mention })),
    places: l.article.places.map((p) => ({ name: p.name, country: p.country, count: 1, salience: p.salience, ...mention })),
    orgs: [],
    regions: [],
    suggestions: [],
    credited: { orgs: [], names: [] },
  });
}

export interface FixtureRefresh {
  sourceId: string;
  items: LoadedFixture[];
  /** Items stored as too short to compare for near-duplicates (so retellings of one report are articles of their own). */
  short?: boolean;
}

/** Refreshes as a scheduler would run them: one per source, newest item first in each, the source with the oldest news first. */
export function fixtureRefreshes(): FixtureRefresh[] {
  const bySource = new Map<string, LoadedFixture[]>();
  for (const l of loadEventFixtures()) bySource.set(l.fixture.sourceId, [...(bySource.get(l.fixture.sourceId) ?? []), l]);
  const oldest = (ls: LoadedFixture[]) => ls.map((l) => l.fixture.publishedAt).sort()[0];
  return [...bySource]
    .sort((x, y) => oldest(x[1]).localeCompare(oldest(y[1])) || x[0].localeCompare(y[0]))
    .map(([sourceId, items]) => ({ sourceId, items: [...items].sort((a, b) => b.fixture.publishedAt.localeCompare(a.fixture.publishedAt)) }));
}

function retelling(l: LoadedFixture, days: number, tag: string): LoadedFixture {
  const at = new Date(new Date(l.fixture.publishedAt).getTime() + days * 86_400_000).toISOString();
  return { ...l, fixture: { ...l.fixture, id: `${l.fixture.id}-${tag}`, url: `${l.fixture.url}/${tag}`, title: `${l.fixture.title} (${tag})`, publishedAt: at } };
}

/**
 * One story told twice, five days apart (events of their own), then reports in between that show the
 * two tellings are one story: events an earlier refresh stored are absorbed, their articles' rollups move.
 */
export function retoldRefreshes(story = "asean-58th-foreign-ministers-meeting"): FixtureRefresh[] {
  const told = loadEventFixtures().filter((l) => l.fixture.story === story && l.fixture.language === "en" && !l.fixture.duplicateOf);
  const batches = [
    [retelling(told[0], 0, "first"), retelling(told[1], 0, "first"), ...told.map((l) => retelling(l, 5, "again"))],
    [retelling(told[0], 2, "between"), retelling(told[1], 2.5, "between")],
    [retelling(told[2], 3, "after"), retelling(told[0], 3.5, "after")],
  ];
  return batches.map((items) => ({ sourceId: told[0].fixture.sourceId, items, short: true }));
}

/**
 * The reference: how an article was persisted before batching — store it, then cluster it over
 * PgEventStore with stats read and counted per article, then sync its rollups — one article at a time.
 */
export async function persistOneByOne(em: EntityManager, sourceId: number, item: Analysed, deps: PersistDeps): Promise<void> {
  const { draft, entities } = item;
  const personIds = await followMerges(em, await deps.linker.resolve(em, entities.people.map((p) => p.ref)));
  const people = entities.people
    .map((p) => ({ personId: personIds.get(refKey(p.ref))!, count: p.count, salience: p.salience, firstOffset: p.firstOffset }))
    .filter((p, i, all) => p.personId !== undefined && all.findIndex((q) => q.personId === p.personId) === i);
  const countries = entities.countries.filter((c) => deps.countryCodes.has(c.code)).map((c) => ({ code: c.code, count: c.count, salience: c.salience, firstOffset: c.firstOffset }));
  const stored = await storeArticle(em, { ...draft, sourceId, people, countries }, pgDedup(draft.bodyText, draft.wordCount));
  if (stored.outcome === "updated") await syncRollups(em, [stored.articleId]);
  if (stored.outcome !== "created") return;
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
  const keys = articleStatKeys(article);
  const stats = await PgEntityStats.forKeys(em, keys);
  const result = await assignToEvent(article, new PgEventStore(em), stats, { windowHours: deps.windowHours, newEventId: (a) => a.id });
  if (article.duplicateOf === undefined) await PgEntityStats.observe(em, keys);
  const moved = await articlesUnderEvents(em, Number(result.eventId), result.merged.map(Number));
  await syncRollups(em, [stored.articleId, ...moved]);
}

/** What two databases must agree on after the same refreshes: every row ingest writes, timestamps of writing aside. */
export async function ingestState(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.dataSource.query(sql) as Promise<unknown[]>;
  return {
    articles: await q(`SELECT id, canonical_url, title, original_id, dedup_signature, published_at FROM article ORDER BY id`),
    links: await q(`SELECT article_id, source_id, guid, url, published_at FROM article_source ORDER BY article_id, source_id`),
    mentions: await q(`SELECT article_id, person_id, count, salience FROM article_person ORDER BY article_id, person_id`),
    articleEvents: await q(`SELECT article_id, event_id, published_at FROM article_event ORDER BY article_id, event_id`),
    events: await q(`SELECT id, titles, summary, starts_at, ends_at, country_code, city, article_count, duplicate_count, source_count,
      languages, centroid, merged_into_id, search_text FROM event ORDER BY id`),
    eventKeys: await q(`SELECT key, event_id, first_seen, last_seen FROM event_key ORDER BY key, event_id`),
    stats: await q(`SELECT key, df FROM entity_stat ORDER BY key`),
    dedup: await q(`SELECT id, dedup_bands FROM article WHERE dedup_bands IS NOT NULL ORDER BY id`),
    counts: await q(`SELECT 'p' || id AS id, mention_count FROM person WHERE mention_count > 0 UNION ALL
      SELECT 'c' || code, mention_count FROM country WHERE mention_count > 0 ORDER BY 1`),
    rollups: await q(`SELECT article_id, day, keys, pair_n FROM article_rollup ORDER BY article_id`),
    entityDays: await q(`SELECT entity, day, count FROM entity_day ORDER BY entity, day`),
    pairDays: await q(`SELECT a, b, day, count, first_seen, last_seen, samples FROM pair_day ORDER BY a, b, day`),
    pairTotals: await q(`SELECT a, b, count, first_seen, last_seen FROM pair_total ORDER BY a, b`),
  };
}
