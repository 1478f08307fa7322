import { EventKeySixHours1764375300000 } from "../../src/db/migrations/1764375300000-event-key-six-hours";
import { indexedLastSeen } from "../../src/ingest/cluster/key-span";
import { createTestDatabase } from "../support/db";

it("moves index rows written under the hourly rule up to the 6-hour mark the batch store now compares with", async () => {
  const db = await createTestDatabase();
  try {
    const [{ id }] = await db.dataSource.query(`INSERT INTO event (titles, starts_at, ends_at) VALUES ('{"en": "Floods"}', $1, $2) RETURNING id`,
      ["2025-07-10T06:00:00Z", "2025-07-10T13:20:00Z"]);
    const ends = ["2025-07-10T14:00:00.000Z", "2025-07-10T18:00:00.000Z", "2025-07-11T00:00:00.000Z", "2025-07-10T23:00:00.000Z"];
    await db.dataSource.query(
      `INSERT INTO event_key (key, event_id, first_seen, last_seen) SELECT 'p:' || n, $1, $2, e FROM unnest($3::timestamptz[]) WITH ORDINALITY AS x(e, n)`,
      [id, "2025-07-10T06:00:00Z", ends]);
    await db.dataSource.transaction((em) => new EventKeySixHours1764375300000().up(em.queryRunner!));
    const rows: { last_seen: Date }[] = await db.dataSource.query(`SELECT last_seen FROM event_key WHERE event_id = $1 ORDER BY key`, [id]);
    expect(rows.map((r) => r.last_seen.toISOString())).toEqual(ends.map((e) => indexedLastSeen(new Date(e)).toISOString()));
    expect(rows.map((r) => r.last_seen.toISOString())).toEqual(["2025-07-10T18:00:00.000Z", "2025-07-10T18:00:00.000Z", "2025-07-11T00:00:00.000Z", "2025-07-11T00:00:00.000Z"]);
  } finally {
    await db.close();
  }
});
