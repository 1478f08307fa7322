import { articlePageQuery, FIRST_WINDOW, SEARCH_WINDOW, type ArticleCriteria } from "../../src/graphql/loaders/article-query";
import { readRows } from "../../src/db/read-query";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addSource } from "../support/seed";

// More articles than the window, so a search can end inside it or have to look past it.
const TOTAL = SEARCH_WINDOW + 150;

/**
 * Article n (1 = oldest): "harbour" in every third; "lighthouse" only in the 30 oldest; "glacier" in 5 of
 * the newest and 30 of the oldest; "delta" in every 100th, a few in the first window and more further on.
 */
function words(n: number): string {
  const w = ["report"];
  if (n % 3 === 0) w.push("harbour");
  if (n % 100 === 0) w.push("delta");
  if (n <= 30) w.push("lighthouse");
  if (n <= 30 || n > TOTAL - 5) w.push("glacier");
  return w.join(" ");
}

describe("a search page led by the text", () => {
  let db: TestDatabase;
  let sourceId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    sourceId = await addSource(db.dataSource, "Window Wire");
    const rows = Array.from({ length: TOTAL }, (_, i) => i + 1);
    await db.dataSource.query(
      `INSERT INTO article (source_id, url, canonical_url, title, body_text, language, published_at, fetched_at, content_hash)
       SELECT $1, 'https://window.example/' || n, 'https://window.example/' || n, 'Story ' || n, w, CASE WHEN n % 2 = 0 THEN 'en' ELSE 'und' END,
              timestamptz '2025-01-01' + n * interval '1 hour', now(), 'w' || n
       FROM unnest($2::int[], $3::text[]) AS x(n, w)`,
      [sourceId, rows, rows.map(words)]);
  });
  afterAll(() => db.close());

  /** The plain statement the page must agree with: every match in either vector, newest first. */
  const expected = async (word: string, c: Partial<ArticleCriteria> = {}): Promise<number[]> => {
    const conds = [`(t.tsv_lang @@ websearch_to_tsquery('english', $1) OR t.tsv_simple @@ to_tsquery('simple', $1))`, `a.source_id = ${sourceId}`];
    if (c.languages) conds.push(`a.language = ANY('{${c.languages.join(",")}}')`);
    if (c.publishedAfter) conds.push(`t.published_at >= '${c.publishedAfter.toISOString()}'`);
    if (c.publishedBefore) conds.push(`t.published_at < '${c.publishedBefore.toISOString()}'`);
    const rows = await db.dataSource.query(`SELECT a.id FROM article_text t JOIN article a ON a.id = t.article_id
      WHERE ${conds.join(" AND ")} ORDER BY t.published_at DESC, t.article_id DESC`, [word]);
    return rows.map((r: { id: number }) => r.id);
  };

  /** Every id the gateway's pages give, following the cursor to the end. */
  const paged = async (word: string, size: number, c: Partial<ArticleCriteria> = {}) => {
    const ids: number[] = [];
    let after: { at: Date; id: number } | undefined;
    for (;;) {
      const { sql, params } = articlePageQuery({ q: word, ...c }, size, after, { source: null });
      const rows = await readRows<{ id: number; publishedAt: Date }>(db.dataSource, sql, params);
      ids.push(...rows.map((r) => r.id));
      if (rows.length < size) return ids;
      const last = rows[rows.length - 1];
      after = { at: new Date(last.publishedAt), id: last.id };
    }
  };

  it("finds a common word's page among the newest rows, in order, page after page", async () => {
    const all = await expected("harbour");
    expect(all.length).toBeGreaterThan(SEARCH_WINDOW / 3 - 2);
    expect(await paged("harbour", 21)).toEqual(all);
  });

  it("finds a word that only older articles hold, past the newest rows", async () => {
    const all = await expected("lighthouse");
    expect(all).toHaveLength(30);
    expect(await paged("lighthouse", 7)).toEqual(all);
  });

  it("joins matches inside and past the newest rows in one order", async () => {
    const all = await expected("glacier");
    expect(all).toHaveLength(35);
    expect(await paged("glacier", 10)).toEqual(all);
  });

  it("walks on past the first window for a word it holds a few of, in one order", async () => {
    const all = await expected("delta");
    expect(all).toHaveLength(Math.floor(TOTAL / 100));
    // The newest FIRST_WINDOW rows hold 5 of them: fewer than a page of 7, enough to walk on.
    expect(all.filter((id) => id > TOTAL - FIRST_WINDOW)).toHaveLength(5);
    expect(await paged("delta", 7)).toEqual(all);
  });

  it("gives no rows for a word nobody wrote", async () => {
    expect(await paged("zanzibar", 20)).toEqual([]);
  });

  it("applies language and date filters in both cases", async () => {
    const c = { languages: ["en"], publishedAfter: new Date("2025-01-02T00:00:00Z"), publishedBefore: new Date("2025-01-20T00:00:00Z") };
    for (const word of ["harbour", "glacier", "lighthouse", "delta"]) {
      const all = await expected(word, c);
      expect(await paged(word, 4, c)).toEqual(all);
    }
    expect((await expected("harbour", c)).length).toBeGreaterThan(10);
  });

  it("returns an empty page for a limit of 0 and refuses a negative one", async () => {
    const { sql, params } = articlePageQuery({ q: "harbour" }, 0, undefined, { source: null });
    expect(await readRows(db.dataSource, sql, params)).toEqual([]);
    expect(() => articlePageQuery({ q: "harbour" }, -1)).toThrow(/non-negative integer, got -1/);
  });
});
