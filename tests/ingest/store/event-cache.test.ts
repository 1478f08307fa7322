import type { EntityManager } from "typeorm";
import { EventCache } from "../../../src/ingest/cluster/event.cache";
import { emptyEvent } from "../../../src/ingest/cluster/event";
import { PgBatchEventStore } from "../../../src/ingest/cluster/pg.batch.store";
import { PgEventStore } from "../../../src/ingest/cluster/pg.store";
import type { EventSnapshot } from "../../../src/ingest/cluster/types";
import { createTestDatabase, type TestDatabase } from "../../support/db";

const at = new Date(Date.UTC(2025, 6, 10, 12));

function event(id: number, title: string, articles: number): EventSnapshot {
  return { ...emptyEvent(String(id), at), keys: ["p:1"], articleCount: articles, titles: { en: title }, languages: ["en"] };
}

describe("the event cache", () => {
  let db: TestDatabase;
  const cache = new EventCache(10);
  const batch = <T>(fn: (store: PgBatchEventStore) => Promise<T>): Promise<T> =>
    db.dataSource.transaction(async (em: EntityManager) => {
      const store = new PgBatchEventStore(em, cache);
      const out = await fn(store);
      await store.flush();
      return out;
    });

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it("hands back the copy a batch wrote while the row still has that version", async () => {
    const written = event(201, "Floods in the north", 1);
    await batch(async (s) => s.save(written));
    expect(cache.peek(201)?.snapshot).toBe(written);
    const read = await batch(async (s) => s.get("201"));
    expect(read).toBe(written);
  });

  it("reads an event afresh once another writer has changed it", async () => {
    await db.dataSource.transaction((em: EntityManager) => new PgEventStore(em).save(event(201, "Floods in the north: the toll", 4)));
    const read = await batch(async (s) => s.get("201"));
    expect([read?.titles.en, read?.articleCount]).toEqual(["Floods in the north: the toll", 4]);
    // A change made by plain SQL (a repair, a source removal) moves the version too.
    await db.dataSource.query(`UPDATE event SET article_count = 5 WHERE id = 201`);
    expect((await batch(async (s) => s.get("201")))?.articleCount).toBe(5);
  });

  it("never serves what a rolled-back transaction wrote", async () => {
    await expect(db.dataSource.transaction(async (em: EntityManager) => {
      const store = new PgBatchEventStore(em, cache);
      await store.save(event(201, "Never committed", 9));
      await store.flush();
      throw new Error("refresh failed halfway");
    })).rejects.toThrow("refresh failed halfway");
    expect(cache.peek(201)?.snapshot.titles.en).toBe("Never committed");
    const read = await batch(async (s) => s.get("201"));
    expect([read?.titles.en, read?.articleCount]).toEqual(["Floods in the north: the toll", 5]);
  });

  it("forgets absorbed events and keeps at most its capacity, least recently used out first", async () => {
    await batch(async (s) => {
      await s.save(event(202, "A second story", 1));
      await s.merge("201", "202");
    });
    expect(cache.peek(202)).toBeUndefined();
    const small = new EventCache(2);
    small.put(1, "1", event(1, "one", 1));
    small.put(2, "1", event(2, "two", 1));
    expect(small.get(1, "1")?.titles.en).toBe("one");
    small.put(3, "1", event(3, "three", 1));
    expect([small.peek(1)?.version, small.peek(2), small.peek(3)?.version]).toEqual(["1", undefined, "1"]);
    expect(small.get(1, "2")).toBeUndefined();
  });
});
