import type { EntityManager } from "typeorm";
import { emptyEvent } from "../../../src/ingest/cluster/event";
import { PgBatchEventStore } from "../../../src/ingest/cluster/pg.batch.store";
import { PgEventStore } from "../../../src/ingest/cluster/pg.store";
import type { CandidateQuery, EventSnapshot, EventStore } from "../../../src/ingest/cluster/types";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { addArticle, addSource } from "../../support/seed";

const day = (d: number) => new Date(Date.UTC(2025, 6, d, 12));

function event(id: number, keys: string[], from: number, to: number, articles: number): EventSnapshot {
  return { ...emptyEvent(String(id), day(from)), lastSeen: day(to), keys, articleCount: articles, titles: { en: `event ${id}` }, languages: ["en"] };
}

const query = (keys: string[], at: number): CandidateQuery => ({ entityKeys: keys, termKeys: [], from: day(at - 3), to: day(at + 3), limit: 20 });

/** Events, keys and article links stored before the batch: the same in both databases. */
async function history(db: TestDatabase): Promise<number[]> {
  const source = await addSource(db.dataSource, "History");
  const articles: number[] = [];
  for (let i = 0; i < 7; i++) articles.push(await addArticle(db.dataSource, { sourceId: source, title: `Report ${i}` }));
  await db.dataSource.transaction(async (em) => {
    const s = new PgEventStore(em);
    for (const [id, keys, a] of [[101, ["p:1", "c:US"], 0], [102, ["p:1", "p:2"], 1], [103, ["c:US", "p:3"], 2], [104, ["p:3"], 3]] as const) {
      await s.save(event(id, [...keys], 10, 11, 1));
      await s.linkArticle(String(articles[a]), String(id));
    }
    // Ids handed out before keep resolving: 104 already points at 103.
    await s.merge("103", "104");
  });
  return articles;
}

/** What a clusterer does over one batch, recorded as what each lookup answered. */
async function batch(store: EventStore, articles: number[]): Promise<unknown[]> {
  const seen: unknown[] = [];
  const ids = async (q: CandidateQuery) => (await store.candidates(q)).map((e) => [e.id, e.articleCount]);
  seen.push(await ids(query(["p:1", "c:US", "p:3"], 10)));
  await store.save(event(101, ["p:1", "c:US", "p:9"], 10, 12, 2));
  await store.linkArticle(String(articles[4]), "101");
  await store.save(event(articles[5], ["p:9", "p:8"], 12, 12, 1));
  await store.linkArticle(String(articles[5]), String(articles[5]));
  seen.push(await ids(query(["p:9", "c:US"], 12)));
  // Reaching past the prefetched days: asked of the database, the batch's own changes laid over.
  seen.push(await ids(query(["p:9", "c:US", "p:2"], 13)));
  // A new event absorbed in the same batch, then a stored one, then the survivor itself.
  await store.save(event(101, ["p:1", "c:US", "p:9", "p:8"], 10, 12, 3));
  await store.merge("101", String(articles[5]));
  await store.merge("101", "102");
  seen.push(await store.eventOfArticle(String(articles[5])), await store.eventOfArticle(String(articles[1])), await store.get("102"));
  await store.save(event(103, ["c:US", "p:3", "p:1"], 10, 12, 5));
  await store.merge("103", "101");
  await store.linkArticle(String(articles[6]), "103");
  seen.push(await ids(query(["p:1", "p:9"], 11)), await store.eventOfArticle(String(articles[0])), await store.eventOfArticle(String(articles[5])));
  return seen;
}

async function written(db: TestDatabase): Promise<unknown[]> {
  return Promise.all([
    db.dataSource.query(`SELECT id, titles, starts_at, ends_at, article_count, centroid, merged_into_id FROM event ORDER BY id`),
    db.dataSource.query(`SELECT key, event_id, first_seen, last_seen FROM event_key ORDER BY key, event_id`),
    db.dataSource.query(`SELECT article_id, event_id FROM article_event ORDER BY article_id, event_id`),
  ]);
}

describe("the batch event store", () => {
  let serial: TestDatabase;
  let batched: TestDatabase;
  const answers: unknown[][] = [];

  beforeAll(async () => {
    [serial, batched] = [await createTestDatabase(), await createTestDatabase()];
    const articles = await history(serial);
    await history(batched);
    answers.push(await serial.dataSource.transaction((em: EntityManager) => batch(new PgEventStore(em), articles)));
    answers.push(await batched.dataSource.transaction(async (em: EntityManager) => {
      const store = new PgBatchEventStore(em);
      await store.prefetch(["p:1", "c:US", "p:3", "p:9"], day(0), day(15));
      const seen = await batch(store, articles);
      await store.flush();
      return seen;
    }));
  });

  afterAll(async () => {
    await serial?.close();
    await batched?.close();
  });

  it("answers every lookup of a batch as the SQL store does after each write", () => {
    expect(answers[1]).toEqual(answers[0]);
    // The scenario does what it says: the absorbed events' articles follow the survivor, twice.
    const [, , , copyAfterFirst, storedAfterFirst, absorbed, , first, copyAtEnd] = answers[0];
    expect([copyAfterFirst, storedAfterFirst, absorbed, first, copyAtEnd]).toEqual(["101", "101", undefined, "103", "103"]);
  });

  it("writes the same events, index keys and article links, merges followed to the last survivor", async () => {
    expect(await written(batched)).toEqual(await written(serial));
    const merged: { id: number; merged_into_id: number }[] = await batched.dataSource.query(`SELECT id, merged_into_id FROM event WHERE merged_into_id IS NOT NULL ORDER BY id`);
    expect(merged.map((m) => m.merged_into_id)).toEqual(merged.map(() => 103));
  });
});
