import { openDatabase, type Database } from "../../src/db/data-source";
import { MAX_PREPARED_TEXTS, readRows } from "../../src/db/read-query";
import { scopedArticlePagesQuery } from "../../src/graphql/loaders/article-query";
import { createTestDatabase, type TestDatabase } from "../support/db";

let test: TestDatabase;
// One connection, so what one statement prepared is what the next one finds.
let single: Database;

beforeAll(async () => {
  test = await createTestDatabase();
  single = test.url ? await openDatabase({ databaseUrl: test.url, dataDir: "memory://", dbPoolSize: 1 }) : test;
});

afterAll(async () => {
  if (single !== test) await single?.close();
  await test?.close();
});

describe("prepared reads", () => {
  it("answers the same statement with new parameters each time", async () => {
    const db = single.dataSource;
    expect(await readRows(db, "SELECT $1::int + 1 AS n", [1])).toEqual([{ n: 2 }]);
    expect(await readRows(db, "SELECT $1::int + 1 AS n", [41])).toEqual([{ n: 42 }]);
  });

  it("answers a statement again after its table changed shape under it", async () => {
    const db = single.dataSource;
    await db.query("CREATE TABLE shape_change (x int)");
    await db.query("INSERT INTO shape_change VALUES (1)");
    expect(await readRows(db, "SELECT * FROM shape_change")).toEqual([{ x: 1 }]);
    await db.query("ALTER TABLE shape_change ADD COLUMN y int DEFAULT 2");
    expect(await readRows(db, "SELECT * FROM shape_change")).toEqual([{ x: 1, y: 2 }]);
    expect(await readRows(db, "SELECT * FROM shape_change")).toEqual([{ x: 1, y: 2 }]);
  });

  it("plans a page of a person's articles once and reuses that plan for every person", async () => {
    if (!test.url) return; // PGlite's reads are never prepared.
    const db = single.dataSource;
    const pages = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => scopedArticlePagesQuery("person", [id], {}, 21));
    for (const page of pages) expect(await readRows(db, page.sql, page.params)).toEqual([]);
    const [plans] = await readRows<{ generic: number; custom: number }>(db,
      "SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1", [pages[0].sql]);
    // PostgreSQL tries five custom plans first; a statement it keeps planning afresh never gets to generic ones.
    expect(plans).toEqual({ generic: 3, custom: 5 });
  });

  it("prepares a bounded number of texts and runs the rest unnamed", async () => {
    if (!test.url) return; // PGlite's reads are never prepared.
    const db = single.dataSource;
    for (let i = 0; i < MAX_PREPARED_TEXTS + 20; i++) expect(await readRows(db, `SELECT ${i} AS n`)).toEqual([{ n: i }]);
    const [{ n }] = await readRows<{ n: number }>(db, "SELECT count(*)::int AS n FROM pg_prepared_statements");
    expect(n).toBeLessThanOrEqual(MAX_PREPARED_TEXTS);
    expect(n).toBeGreaterThan(MAX_PREPARED_TEXTS - 10);
  });
});
