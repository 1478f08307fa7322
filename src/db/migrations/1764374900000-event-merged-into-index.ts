import { MigrationInterface, QueryRunner } from "typeorm";

/** A merge repoints the events absorbed into the one it absorbs: found by this index instead of a scan of every event. */
export class EventMergedIntoIndex1764374900000 implements MigrationInterface {
  name = "EventMergedIntoIndex1764374900000";

  async up(q: QueryRunner): Promise<void> {
    // Partial: most events are never merged, and this index stays small.
    await q.query(`CREATE INDEX IF NOT EXISTS event_merged_into_idx ON event (merged_into_id) WHERE merged_into_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS event_merged_into_idx`);
  }
}
