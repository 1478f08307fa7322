import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Event index rows (event_key.last_seen) now carry the event's end rounded up to the next 6-hour mark
 * instead of the hour (INDEX_END_STEP in src/ingest/cluster/key-span.ts). A batch leaves an event's rows
 * alone while that rounded end stays put, so rows written under the hourly rule are moved up to the
 * mark now: a row left on an earlier hour could end before its event does and hide it from lookups.
 * Down leaves them: ends rounded further up are still at or past every event's end.
 */
export class EventKeySixHours1764375300000 implements MigrationInterface {
  name = "EventKeySixHours1764375300000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE event_key SET last_seen = to_timestamp(ceil(extract(epoch FROM last_seen) / 21600) * 21600)
      WHERE last_seen < to_timestamp(ceil(extract(epoch FROM last_seen) / 21600) * 21600)`);
  }

  async down(): Promise<void> {}
}
