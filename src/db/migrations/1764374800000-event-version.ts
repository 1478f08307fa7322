import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A version on every event row, taken from a sequence on each insert and update, so a worker can
 * keep event state between refreshes and tell a stale copy by its version alone. A sequence never
 * hands a number out twice, not even after a rollback: a copy written by an aborted transaction
 * can never match a committed row.
 */
export class EventVersion1764374800000 implements MigrationInterface {
  name = "EventVersion1764374800000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE event_version_seq AS bigint`);
    await q.query(`ALTER TABLE event ADD COLUMN version bigint NOT NULL DEFAULT nextval('event_version_seq')`);
    // A trigger, not each writer: every statement that changes an event (repairs, source removal, SQL by hand) moves its version.
    await q.query(`
      CREATE FUNCTION khabar_event_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := nextval('event_version_seq');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER event_version BEFORE INSERT OR UPDATE ON event FOR EACH ROW EXECUTE FUNCTION khabar_event_version()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS event_version ON event`);
    await q.query(`DROP FUNCTION IF EXISTS khabar_event_version()`);
    await q.query(`ALTER TABLE event DROP COLUMN IF EXISTS version`);
    await q.query(`DROP SEQUENCE IF EXISTS event_version_seq`);
  }
}
