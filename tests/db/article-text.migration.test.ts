import { ArticleTextTable1764375600000, articleVectorsSql } from "../../src/db/migrations/1764375600000-article-text-table";
import { storeArticle } from "../../src/ingest/store/article.store";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addArticle, addSource } from "../support/seed";

// What article_text's vectors must equal: the expressions the generated columns on article used.
const expected = articleVectorsSql("a");
const stale = `SELECT count(*)::int AS n FROM article a LEFT JOIN article_text t ON t.article_id = a.id
  WHERE t.article_id IS NULL OR t.published_at <> a.published_at OR t.tsv_lang <> (${expected.lang}) OR t.tsv_simple <> (${expected.simple})`;

describe("article_text", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  const q = <T = any>(sql: string, params: unknown[] = []) => db.dataSource.query(sql, params) as Promise<T[]>;
  const matches = async (word: string) =>
    (await q(`SELECT article_id FROM article_text WHERE tsv_lang @@ websearch_to_tsquery('english', $1) ORDER BY article_id`, [word])).map((r) => r.article_id);

  it("gets a row for every stored article, with the vectors and date of its text", async () => {
    const sourceId = await addSource(db.dataSource, "Text Wire");
    const id = await addArticle(db.dataSource, { sourceId, title: "Harvest festival in Aswan", bodyText: "Farmers gathered along the river." });
    expect(await matches("farmers")).toContain(id);
    expect(await matches("aswan")).toContain(id);
    expect((await q(stale))[0].n).toBe(0);
  });

  it("follows an article whose text, language or date changes, and drops what it no longer says", async () => {
    const sourceId = await addSource(db.dataSource, "Edit Wire");
    const id = await addArticle(db.dataSource, { sourceId, title: "Storm closes the port", url: "https://edit.example/1" });
    const [{ content_hash: hash, canonical_url: url }] = await q(`SELECT content_hash, canonical_url FROM article WHERE id = $1`, [id]);
    await db.dataSource.transaction((em) => storeArticle(em, {
      sourceId, url, canonicalUrl: url, title: "Port reopens after the storm", bodyHtml: "<p>Ships sail again.</p>", bodyText: "Ships sail again.",
      language: "en", direction: "ltr", publishedAt: new Date(Date.UTC(2025, 7, 2)), fetchedAt: new Date(), authors: [], tags: [],
      contentHash: `${hash}-2`, wordCount: 3, seeAlso: [], relatedLinks: [], images: [], people: [], countries: [],
    }));
    expect(await matches("reopens")).toContain(id);
    expect(await matches("closes")).not.toContain(id);
    const [row] = await q(`SELECT published_at FROM article_text WHERE article_id = $1`, [id]);
    expect(new Date(row.published_at).toISOString()).toBe("2025-08-02T00:00:00.000Z");
    expect((await q(stale))[0].n).toBe(0);
  });

  it("leaves the text row alone when an update touches no searchable column", async () => {
    const sourceId = await addSource(db.dataSource, "Quiet Wire");
    const id = await addArticle(db.dataSource, { sourceId, title: "Quiet day at the market" });
    const version = async () => (await q(`SELECT xmin::text AS v FROM article_text WHERE article_id = $1`, [id]))[0].v;
    const before = await version();
    await q(`UPDATE article SET country_codes = '{EG}', word_count = word_count + 1 WHERE id = $1`, [id]);
    expect(await version()).toBe(before);
    await q(`UPDATE article SET language = 'ar' WHERE id = $1`, [id]);
    expect(await version()).not.toBe(before);
    expect((await q(stale))[0].n).toBe(0);
  });

  it("fills every row of a multi-row insert and goes with its article", async () => {
    const sourceId = await addSource(db.dataSource, "Bulk Wire");
    const ids = (await q(`INSERT INTO article (source_id, url, canonical_url, title, body_text, language, published_at, fetched_at, content_hash)
      SELECT $1, 'https://bulk.example/' || g, 'https://bulk.example/' || g, 'Bulletin ' || g, 'Bulk body about lighthouses', 'en', now(), now(), 'bulk' || g
      FROM generate_series(1, 3) g RETURNING id`, [sourceId])).map((r) => r.id);
    expect((await matches("lighthouses")).filter((m) => ids.includes(m))).toHaveLength(3);
    await q(`DELETE FROM article WHERE id = ANY($1::int[])`, [ids]);
    expect((await q(`SELECT count(*)::int AS n FROM article_text WHERE article_id = ANY($1::int[])`, [ids]))[0].n).toBe(0);
  });

  it("is filled by its migration from the generated columns, and down puts those columns back", async () => {
    const sourceId = await addSource(db.dataSource, "Migrated Wire");
    const id = await addArticle(db.dataSource, { sourceId, title: "Glaciers retreat in the Alps", language: "en" });
    const migration = new ArticleTextTable1764375600000();
    await db.dataSource.transaction((em) => migration.down(em.queryRunner!));
    const [back] = await q(`SELECT tsv_lang @@ websearch_to_tsquery('english', 'glaciers') AS found FROM article WHERE id = $1`, [id]);
    expect(back.found).toBe(true);
    expect((await q(`SELECT to_regclass('article_text') AS t`))[0].t).toBeNull();
    await db.dataSource.transaction((em) => migration.up(em.queryRunner!));
    expect(await matches("glaciers")).toContain(id);
    expect((await q(stale))[0].n).toBe(0);
    expect((await q(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'article' AND column_name LIKE 'tsv%'`))[0].n).toBe(0);
  });
});
