import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A country's `name_en` and `name_ar` columns are its English and Arabic `names`: pages that show one
 * name read the two plain columns instead of taking the jsonb of ~20 names apart on every row.
 */
export class CountryNameColumns1764375100000 implements MigrationInterface {
  name = "CountryNameColumns1764375100000";

  async up(q: QueryRunner): Promise<void> {
    // IS NOT DISTINCT FROM: a missing name makes "=" null, and CHECK lets null through.
    await q.query(`ALTER TABLE country ADD CONSTRAINT country_name_columns
      CHECK (name_en <> '' AND name_ar <> '' AND name_en IS NOT DISTINCT FROM names->>'en' AND name_ar IS NOT DISTINCT FROM names->>'ar')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE country DROP CONSTRAINT IF EXISTS country_name_columns`);
  }
}
