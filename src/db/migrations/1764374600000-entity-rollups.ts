import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rollups of the entity graph, kept at ingest (src/ingest/rollups): what each article contributed,
 * daily mention counts per entity, daily co-mention pairs with evidence, and all-time pair totals.
 * Entity keys are `p:<person id>`, `c:<ISO alpha-2>`, `e:<event id>`; a pair is stored once with
 * a < b in byte order (COLLATE "C", the order TypeScript's `<` gives on these ASCII keys).
 */
export class EntityRollups1764374600000 implements MigrationInterface {
  name = "EntityRollups1764374600000";

  async up(q: QueryRunner): Promise<void> {
    // No foreign key to article: a deleted article's row stays until its counts have been taken back.
    await q.query(`
      CREATE TABLE article_rollup (
        article_id integer PRIMARY KEY,
        day date NOT NULL,
        published_at timestamptz NOT NULL,
        keys text[] COLLATE "C" NOT NULL,
        pair_n smallint NOT NULL CHECK (pair_n >= 0)
      )`);
    await q.query(`CREATE INDEX article_rollup_day_idx ON article_rollup (day)`);

    await q.query(`
      CREATE TABLE entity_day (
        entity text COLLATE "C" NOT NULL,
        day date NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (entity, day)
      )`);
    // Trending reads one kind's entities active over the last days.
    await q.query(`CREATE INDEX entity_day_day_idx ON entity_day (day, entity) INCLUDE (count)`);

    await q.query(`
      CREATE TABLE pair_day (
        a text COLLATE "C" NOT NULL,
        b text COLLATE "C" NOT NULL,
        day date NOT NULL,
        count integer NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        samples integer[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (a, b, day),
        CHECK (a < b)
      )`);
    // An entity's partners over a date range, from either side of the pair, read from the index alone.
    await q.query(`CREATE INDEX pair_day_a_idx ON pair_day (a, day) INCLUDE (b, count, first_seen, last_seen)`);
    await q.query(`CREATE INDEX pair_day_b_idx ON pair_day (b, day) INCLUDE (a, count, first_seen, last_seen)`);

    await q.query(`
      CREATE TABLE pair_total (
        a text COLLATE "C" NOT NULL,
        b text COLLATE "C" NOT NULL,
        count integer NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
      )`);
    // Strongest partners first, for all-time co-mentions and path search.
    await q.query(`CREATE INDEX pair_total_a_idx ON pair_total (a, count DESC, b)`);
    await q.query(`CREATE INDEX pair_total_b_idx ON pair_total (b, count DESC, a)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["pair_total", "pair_day", "entity_day", "article_rollup"]) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
