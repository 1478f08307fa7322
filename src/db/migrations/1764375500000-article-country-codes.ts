import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * article.country_codes: the codes of the countries an article mentions, most salient first (the
 * order of its article_country rows by salience, count, code). A page lists every article's
 * countries; read off the row, that is one column instead of a subquery per article. The ingest
 * store writes it with the article's mentions, in the same statement.
 */
export class ArticleCountryCodes1764375500000 implements MigrationInterface {
  name = "ArticleCountryCodes1764375500000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE article ADD COLUMN country_codes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE article a SET country_codes = x.codes
      FROM (SELECT article_id, array_agg(country_code::text ORDER BY salience DESC, count DESC, country_code) AS codes
              FROM article_country GROUP BY article_id) x
      WHERE x.article_id = a.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE article DROP COLUMN country_codes`);
  }
}
