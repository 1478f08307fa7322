import type { EntityManager } from "typeorm";
import { addArticle as joinArticle, addDuplicate, emptyEvent } from "../../../src/ingest/cluster/event";
import { articleFeatures } from "../../../src/ingest/cluster/features";
import { EventCache } from "../../../src/ingest/cluster/event.cache";
import { PgBatchEventStore } from "../../../src/ingest/cluster/pg.batch.store";
import { sameStoredState } from "../../../src/ingest/cluster/pg.event-rows";
import type { ClusterArticle, EventSnapshot } from "../../../src/ingest/cluster/types";
import { createTestDatabase, type TestDatabase } from "../../support/db";

const limits = { maxEntities: 40, maxTerms: 40, maxEventKeys: 24 };

function article(id: number, hour: number, title: string, language = "en", minute = 0): ClusterArticle {
  return {
    id: String(id),
    sourceId: "1",
    language,
    publishedAt: new Date(Date.UTC(2025, 6, 10, hour, minute)),
    title,
    bodyText: `${title}. The ministry said talks would resume next week.`,
    people: [{ id: "7", salience: 0.6, count: 2 }],
    countries: [{ code: "eg", salience: 0.4, count: 1 }],
    places: [],
  };
}

const stats = { documentFrequency: () => 1, totalDocuments: () => 100 };

function founded(id: number): EventSnapshot {
  const a = article(1, 8, "Talks on the Nile dam resume in Cairo");
  return joinArticle(emptyEvent(String(id), a.publishedAt), a, articleFeatures(a, stats), limits);
}

interface Sent { text: string; params: unknown[] }

describe("events only near-duplicates joined", () => {
  let db: TestDatabase;
  const cache = new EventCache(10);

  /** One batch that loads the event, changes it with `change`, and flushes: the statements it sent. */
  async function batch(id: number, change: (e: EventSnapshot) => EventSnapshot): Promise<Sent[]> {
    return db.dataSource.transaction(async (em: EntityManager) => {
      const sent: Sent[] = [];
      const spy = new Proxy(em, {
        get: (target, prop, receiver) => (prop === "query"
          ? (text: string, params: unknown[] = []) => (sent.push({ text, params }), target.query(text, params))
          : Reflect.get(target, prop, receiver)),
      });
      const store = new PgBatchEventStore(spy, cache);
      const e = await store.get(String(id));
      await store.save(change(e!));
      await store.flush();
      return sent;
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.transaction(async (em: EntityManager) => {
      const store = new PgBatchEventStore(em, cache);
      await store.save(founded(401));
      await store.flush();
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  it("are written without their centroid, which the row keeps, while counts, span and version move", async () => {
    const [before] = await db.dataSource.query(`SELECT centroid, version::text AS version FROM event WHERE id = 401`);
    const copy = article(2, 11, "Talks on the Nile dam resume in Cairo");
    const sent = await batch(401, (e) => addDuplicate(e, copy, limits));
    const flush = sent[sent.length - 1];
    expect(flush.text).toContain("UPDATE event e SET");
    expect(flush.params.some((p) => typeof p === "string" && p.includes('"centroid"'))).toBe(false);
    const [after] = await db.dataSource.query(
      `SELECT centroid, version::text AS version, duplicate_count AS dups, ends_at AS "endsAt" FROM event WHERE id = 401`);
    expect(after.centroid).toEqual(before.centroid);
    expect([after.dups, after.endsAt.toISOString()]).toEqual([1, copy.publishedAt.toISOString()]);
    expect(after.version).not.toBe(before.version);
    expect(cache.peek(401)?.version).toBe(after.version);
  });

  it("are written whole once a copy brings a language the event lacked, as are events a new article joined", async () => {
    const arabic = await batch(401, (e) => addDuplicate(e, article(3, 12, "استئناف محادثات سد النيل في القاهرة", "ar"), limits));
    expect(arabic[arabic.length - 1].params.some((p) => typeof p === "string" && p.includes('"languageCounts":{"en":1,"ar":0}'))).toBe(true);
    const joined = await batch(401, (e) => joinArticle(e, article(4, 13, "Cairo talks on the Nile dam end without a deal"), articleFeatures(article(4, 13, "x"), stats), limits));
    expect(joined[joined.length - 1].params.some((p) => typeof p === "string" && p.includes('"docs":2'))).toBe(true);
    const [row] = await db.dataSource.query(`SELECT article_count AS n, duplicate_count AS dups, languages FROM event WHERE id = 401`);
    expect(row).toEqual({ n: 2, dups: 2, languages: ["en", "ar"] });
  });

  it("leave their index rows alone while keys and the span the rows carry (its end rounded up to a 6-hour mark) stay put", async () => {
    const rows = () => db.dataSource.query(`SELECT key, xmin::text, xmax::text, last_seen AS "lastSeen" FROM event_key WHERE event_id = 401 ORDER BY key`);
    await batch(401, (e) => addDuplicate(e, article(5, 14, "Nile dam talks resume", "en", 10), limits));
    const before = await rows();
    expect(before.length).toBeGreaterThan(0);
    expect(new Set(before.map((r: { lastSeen: Date }) => r.lastSeen.toISOString()))).toEqual(new Set(["2025-07-10T18:00:00.000Z"]));
    await batch(401, (e) => addDuplicate(e, article(6, 17, "Nile dam talks resume", "en", 40), limits));
    expect(await rows()).toEqual(before);
    await batch(401, (e) => addDuplicate(e, article(7, 18, "Nile dam talks resume", "en", 5), limits));
    const later = await rows();
    expect(later.map((r: { key: string }) => r.key)).toEqual(before.map((r: { key: string }) => r.key));
    expect(new Set(later.map((r: { lastSeen: Date }) => r.lastSeen.toISOString()))).toEqual(new Set(["2025-07-11T00:00:00.000Z"]));
  });
});

describe("sameStoredState", () => {
  it("compares by value, with shared parts taken as equal without walking them", () => {
    const e = founded(1);
    const copy = structuredClone(e);
    expect(sameStoredState(e, copy)).toBe(true);
    expect(sameStoredState(e, { ...e, keys: [...e.keys].reverse() })).toBe(e.keys.length < 2);
    expect(sameStoredState(e, { ...e, centroid: { ...e.centroid, docs: 2 } })).toBe(false);
    expect(sameStoredState(e, { ...e, summaries: { ...e.summaries, fr: "Reprise des pourparlers" } })).toBe(false);
  });

  it("treats a property set to undefined as a change, never as the same state", () => {
    const e = founded(1);
    expect(sameStoredState(e, { ...e, centroid: { ...e.centroid, placeNames: { ...e.centroid.placeNames, x: undefined as unknown as string } } })).toBe(false);
  });
});
