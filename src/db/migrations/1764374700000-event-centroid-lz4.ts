import { MigrationInterface, QueryRunner } from "typeorm";

/** Event centroids (several kB of jsonb each) are rewritten by every refresh that touches the event: lz4 compresses them faster than pglz. */
export class EventCentroidLz41764374700000 implements MigrationInterface {
  name = "EventCentroidLz41764374700000";

  async up(q: QueryRunner): Promise<void> {
    // Storage only: values read the same. A server built without lz4 (PGlite) keeps pglz.
    await q.query(`
      DO $$ BEGIN
        ALTER TABLE event ALTER COLUMN centroid SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event ALTER COLUMN centroid SET COMPRESSION default`);
  }
}
