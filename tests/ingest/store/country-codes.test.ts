import { ArticleCountryCodes1764375500000 } from "../../../src/db/migrations/1764375500000-article-country-codes";
import { storeArticle } from "../../../src/ingest/store/article.store";
import { countryCodes } from "../../../src/ingest/store/batch.write";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { addArticle, addSource } from "../../support/seed";

const mention = (code: string, salience: number, count: number) => ({ code, salience, count, firstOffset: 0 });
// RU most salient; AU, CN and US tie on salience (0.2 as a real), AU and CN also on count.
const COUNTRIES = [mention("US", 0.2, 1), mention("RU", 0.5, 3), mention("CN", 0.2, 2), mention("AU", 0.2, 2)];

const inRowOrder = `coalesce((SELECT array_agg(x.country_code::text ORDER BY x.salience DESC, x.count DESC, x.country_code)
  FROM article_country x WHERE x.article_id = a.id), '{}')`;

describe("countryCodes", () => {
  it("orders codes by salience as stored (a real), then count, then code", () => {
    expect(countryCodes(COUNTRIES)).toEqual(["RU", "AU", "CN", "US"]);
    // 0.1 and 0.10000000149 are one real: the tie goes to count.
    expect(countryCodes([mention("EG", 0.1, 1), mention("JO", 0.10000000149, 2)])).toEqual(["JO", "EG"]);
    expect(countryCodes([])).toEqual([]);
  });
});

describe("article.country_codes", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  const q = <T = any>(sql: string, params: unknown[] = []) => db.dataSource.query(sql, params) as Promise<T[]>;

  it("is written with the article and matches its article_country rows in their order, after an update too", async () => {
    const sourceId = await addSource(db.dataSource, "Codes Wire");
    const id = await addArticle(db.dataSource, { sourceId, title: "Talks in Kuala Lumpur", url: "https://codes.example/1", countries: COUNTRIES });
    const [stored] = await q(`SELECT country_codes, ${inRowOrder} AS rows FROM article a WHERE a.id = $1`, [id]);
    expect(stored).toEqual({ country_codes: ["RU", "AU", "CN", "US"], rows: ["RU", "AU", "CN", "US"] });

    const [{ content_hash: hash, canonical_url: url }] = await q(`SELECT content_hash, canonical_url FROM article WHERE id = $1`, [id]);
    await db.dataSource.transaction((em) => storeArticle(em, {
      sourceId, url, canonicalUrl: url, title: "Talks in Kuala Lumpur, updated", bodyHtml: "<p>Updated.</p>", bodyText: "Updated.", language: "en", direction: "ltr",
      publishedAt: new Date(Date.UTC(2025, 6, 1)), fetchedAt: new Date(), authors: [], tags: [], contentHash: `${hash}-2`, wordCount: 1,
      seeAlso: [], relatedLinks: [], images: [], people: [], countries: [mention("MY", 0.9, 1), mention("US", 0.3, 1)],
    }));
    const [updated] = await q(`SELECT title, country_codes, ${inRowOrder} AS rows FROM article a WHERE a.id = $1`, [id]);
    expect(updated).toEqual({ title: "Talks in Kuala Lumpur, updated", country_codes: ["MY", "US"], rows: ["MY", "US"] });
  });

  it("is filled by its migration from the article_country rows of articles stored before it", async () => {
    const sourceId = await addSource(db.dataSource, "Old Wire");
    const withCountries = await addArticle(db.dataSource, { sourceId, title: "Older story", url: "https://old.example/1", countries: COUNTRIES });
    const without = await addArticle(db.dataSource, { sourceId, title: "Story without places", url: "https://old.example/2" });
    await db.dataSource.transaction(async (em) => {
      const migration = new ArticleCountryCodes1764375500000();
      await migration.down(em.queryRunner!);
      await migration.up(em.queryRunner!);
    });
    const rows = await q(`SELECT id, country_codes FROM article WHERE id = ANY($1::int[]) ORDER BY id`, [[withCountries, without]]);
    expect(rows).toEqual([{ id: withCountries, country_codes: ["RU", "AU", "CN", "US"] }, { id: without, country_codes: [] }]);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM article a WHERE a.country_codes IS DISTINCT FROM ${inRowOrder}`);
    expect(n).toBe(0);
  });
});
