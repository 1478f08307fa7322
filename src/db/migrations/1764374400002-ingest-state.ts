import { MigrationInterface, QueryRunner } from "typeorm";

/** State ingestion keeps beside the articles: clustering index, document frequencies, near-duplicate bands, merge suggestions. */
export class IngestState1764374400002 implements MigrationInterface {
  name = "IngestState1764374400002";

  async up(q: QueryRunner): Promise<void> {
    // Events take the id of the article that created them (the clusterer names events synchronously).
    await q.query(`ALTER TABLE event ADD COLUMN duplicate_count integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE article ADD COLUMN dedup_signature text`);
    // People found in text are matched to known people by the transliteration key of their surname.
    await q.query(`ALTER TABLE person ADD COLUMN translit_surname text`);
    await q.query(`CREATE INDEX person_translit_surname_idx ON person (translit_surname) WHERE merged_into_id IS NULL`);

    await q.query(`
      CREATE TABLE event_key (
        key text NOT NULL,
        event_id integer NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (key, event_id)
      )`);
    await q.query(`CREATE INDEX event_key_lookup_idx ON event_key (key, last_seen DESC)`);
    await q.query(`CREATE INDEX event_key_event_idx ON event_key (event_id)`);

    await q.query(`CREATE TABLE entity_stat (key text PRIMARY KEY, df integer NOT NULL DEFAULT 0)`);

    await q.query(`
      CREATE TABLE article_dedup (
        band bigint NOT NULL,
        article_id integer NOT NULL REFERENCES article (id) ON DELETE CASCADE,
        PRIMARY KEY (band, article_id)
      )`);
    await q.query(`CREATE INDEX article_dedup_article_idx ON article_dedup (article_id)`);

    await q.query(`
      CREATE TABLE person_merge_suggestion (
        person_id integer NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        other_id integer NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        confidence real NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, other_id),
        CHECK (person_id <> other_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["person_merge_suggestion", "article_dedup", "entity_stat", "event_key"]) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query(`ALTER TABLE article DROP COLUMN IF EXISTS dedup_signature`);
    await q.query(`ALTER TABLE person DROP COLUMN IF EXISTS translit_surname`);
    await q.query(`ALTER TABLE event DROP COLUMN IF EXISTS duplicate_count`);
  }
}
