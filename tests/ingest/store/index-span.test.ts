import type { EntityManager } from "typeorm";
import { emptyEvent } from "../../../src/ingest/cluster/event";
import { PgBatchEventStore } from "../../../src/ingest/cluster/pg.batch.store";
import { PgEventStore } from "../../../src/ingest/cluster/pg.store";
import type { CandidateQuery, EventSnapshot } from "../../../src/ingest/cluster/types";
import { createTestDatabase, type TestDatabase } from "../../support/db";

const at = (hh: number, mm: number) => new Date(Date.UTC(2025, 6, 10, hh, mm));

function event(id: number, end: Date): EventSnapshot {
  return { ...emptyEvent(String(id), at(6, 0)), lastSeen: end, keys: ["p:7"], articleCount: 1, titles: { en: `event ${id}` }, languages: ["en"] };
}

// A lookup whose window starts at 10:40: event 301 ended at 10:20 (its index rows say 12:00), 302 at 10:50, 303 at 12:50 (rows: 18:00).
const query: CandidateQuery = { entityKeys: ["p:7"], termKeys: [], from: at(10, 40), to: at(16, 0), limit: 20 };

describe("index rows ending on a 6-hour mark", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.transaction(async (em: EntityManager) => {
      const s = new PgEventStore(em);
      await s.save(event(301, at(10, 20)));
      await s.save(event(302, at(10, 50)));
      await s.save(event(303, at(12, 50)));
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  it("store the end rounded up to the next 6-hour mark, so a growing event rewrites them rarely", async () => {
    const rows: { event_id: number; last_seen: Date }[] = await db.dataSource.query(`SELECT event_id, last_seen FROM event_key ORDER BY event_id`);
    expect(rows.map((r) => [r.event_id, new Date(r.last_seen).toISOString()])).toEqual([[301, at(12, 0)], [302, at(12, 0)], [303, at(18, 0)]].map(([id, t]) => [id, (t as Date).toISOString()]));
  });

  it("never make a candidate of an event that ended before the window, in any store or path", async () => {
    const ids = (events: EventSnapshot[]) => events.map((e) => e.id);
    await db.dataSource.transaction(async (em: EntityManager) => {
      expect(ids(await new PgEventStore(em).candidates(query))).toEqual(["303", "302"]);
      const prefetched = new PgBatchEventStore(em);
      await prefetched.prefetch(["p:7"], query.from, query.to, [], query.from);
      expect(ids(await prefetched.candidates(query))).toEqual(["303", "302"]);
      // A lookup starting later than the prefetch planned for (303's rounded end would pass it) is asked of the database.
      const later = { ...query, from: at(12, 55) };
      expect(ids(await prefetched.candidates(later))).toEqual([]);
      expect(ids(await new PgEventStore(em).candidates(later))).toEqual([]);
      expect(ids(await new PgBatchEventStore(em).candidates(query))).toEqual(["303", "302"]);
    });
  });
});
