import { randomBytes } from "node:crypto";
import { Client, Pool } from "pg";
import { CopyWriter, json } from "../../bench/generate/copy";
import { DEFAULTS, GenerateError, datasetMark, generateDataset, type GenerateOptions } from "../../bench/generate/load";
import { captureSecondary, dropSecondary, pendingDdl } from "../../bench/generate/schema";
import { LOADED_TABLES } from "../../bench/generate/tables";
import { openDatabase } from "../../src/db/data-source";

// COPY needs a real server (PGlite speaks no COPY FROM STDIN over node-postgres); CI sets DATABASE_URL.
const base = process.env.DATABASE_URL;

function urlFor(database: string): string {
  const u = new URL(base!);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: urlFor("postgres") });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

// Without a server the suite is skipped, and its title says why (describe bodies still run when skipped).
const onPostgres = base ? describe : describe.skip;
const title = base ? "the synthetic corpus generator on PostgreSQL" : "the synthetic corpus generator on PostgreSQL (skipped: DATABASE_URL is unset)";
if (!base) console.info("tests/bench/generate.pg.test.ts: skipped, COPY needs a real PostgreSQL server; set DATABASE_URL to run it");

onPostgres(title, () => {
  const name = `khabar_bench_t_${randomBytes(4).toString("hex")}`;
  const url = base ? urlFor(name) : "";
  const options = (over: Partial<GenerateOptions> = {}): GenerateOptions => ({
    ...DEFAULTS, articles: 1500, people: 800, events: 60, sources: 6, days: 60, databaseUrl: url, reset: false, keepIndexes: false, verify: true, ...over,
  });
  let pool: Pool;
  let migratedDdl: string[];
  const sorted = (ddl: { createSql: string }[]) => ddl.map((d) => d.createSql).sort();

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const db = await openDatabase({ databaseUrl: url, dataDir: "memory://", dbPoolSize: 2 }, { migrate: true });
    await db.close();
    pool = new Pool({ connectionString: url, max: 2 });
    migratedDdl = sorted(await captureSecondary(pool, LOADED_TABLES));
  });

  afterAll(async () => {
    await pool?.end();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("loads a corpus whose denormalised columns and invariants all check out", async () => {
    const report = await generateDataset(options());
    expect(report.checks!.filter((c) => c.violations > 0)).toEqual([]);
    expect(report.rows).toMatchObject({ article: 1500, person: 800, event: 60, source: 6 });
    expect(report.rows.article_person).toBeGreaterThan(1500);
    expect(report.rows.article_event).toBeGreaterThan(600);
    const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM person WHERE mention_count > 0`)).rows;
    expect(n).toBeGreaterThan(100);
    expect((await datasetMark(pool))?.rows.article).toBe(1500);
  });

  it("puts back every index, key and foreign key it set aside", async () => {
    expect(sorted(await captureSecondary(pool, LOADED_TABLES))).toEqual(migratedDdl);
    expect(await pendingDdl(pool)).toEqual([]);
  });

  it("lets later inserts continue after the generated ids", async () => {
    const { rows } = await pool.query(`INSERT INTO source (url, name) VALUES ('https://later.invalid/feed', 'Later') RETURNING id`);
    expect(rows[0].id).toBe(7);
    await pool.query(`DELETE FROM source WHERE id = 7`);
  });

  it("stores link lists as JSON arrays, empty or not", async () => {
    const { rows } = await pool.query(`SELECT count(*) FILTER (WHERE jsonb_typeof(see_also) <> 'array' OR jsonb_typeof(related_links) <> 'array')::int AS bad,
      count(*) FILTER (WHERE jsonb_array_length(see_also) > 0)::int AS linked FROM article`);
    expect(rows[0].bad).toBe(0);
    expect(rows[0].linked).toBeGreaterThan(100);
  });

  it("writes text that full-text search finds in both languages", async () => {
    const count = async (sql: string, q: string) => (await pool.query(sql, [q])).rows[0].n as number;
    expect(await count(`SELECT count(*)::int AS n FROM article_text WHERE tsv_lang @@ websearch_to_tsquery('english', $1)`, "minister")).toBeGreaterThan(50);
    expect(await count(`SELECT count(*)::int AS n FROM article_text WHERE tsv_lang @@ websearch_to_tsquery('arabic', $1)`, "الحكومة")).toBeGreaterThan(50);
    expect(await count(`SELECT count(*)::int AS n FROM article_text WHERE tsv_simple @@ to_tsquery('simple', khabar_fold($1))`, "القاهرة")).toBeGreaterThan(5);
    // A rare word matches far fewer articles than a frequent one: Zipf-like frequencies.
    expect(await count(`SELECT count(*)::int AS n FROM article_text WHERE tsv_lang @@ websearch_to_tsquery('english', $1)`, "century"))
      .toBeLessThan(await count(`SELECT count(*)::int AS n FROM article_text WHERE tsv_lang @@ websearch_to_tsquery('english', $1)`, "government") / 3);
  });

  it("refuses a database that already has articles unless asked to reset", async () => {
    await expect(generateDataset(options())).rejects.toThrow(GenerateError);
    await expect(generateDataset(options())).rejects.toThrow(/expected an empty database or --reset/);
  });

  it("gives the same corpus for the same seed and another for another seed", async () => {
    const digest = async () => (await pool.query(`SELECT md5(string_agg(content_hash || title, ',' ORDER BY id)) AS d FROM article`)).rows[0].d as string;
    const first = await digest();
    await generateDataset(options({ reset: true, verify: false }));
    expect(await digest()).toBe(first);
    await generateDataset(options({ reset: true, verify: false, seed: 99 }));
    expect(await digest()).not.toBe(first);
  });

  it("puts back what an interrupted load left aside before loading again", async () => {
    await dropSecondary(pool, await captureSecondary(pool, ["article", "article_person"]));
    expect((await pendingDdl(pool)).length).toBeGreaterThan(5);
    const report = await generateDataset(options({ reset: true, keepIndexes: true, articles: 800, events: 40 }));
    expect(report.checks!.filter((c) => c.violations > 0)).toEqual([]);
    expect(sorted(await captureSecondary(pool, LOADED_TABLES))).toEqual(migratedDdl);
  });

  it("round-trips awkward text, arrays, JSON and NULLs through COPY exactly", async () => {
    await pool.query(`CREATE TABLE copy_probe (t text, a text[], j jsonb, n real, b boolean, d timestamptz)`);
    const values = ["tab\there\nnew line\\back \\N", ['say "hi"', "back\\slash", "", "عربي"], { en: "x\ty", list: [1, "\\"] }, 0.125, true, new Date("2025-11-28T09:30:00Z")];
    const client = await pool.connect();
    try {
      const w = new CopyWriter("copy_probe", ["t", "a", "j", "n", "b", "d"], client);
      w.start();
      await w.add(values);
      await w.add([null, [], json([]), null, false, null]);
      expect(await w.end()).toBe(2);
    } finally {
      client.release();
    }
    const { rows } = await pool.query(`SELECT t, a, j, n, b, d FROM copy_probe ORDER BY b DESC`);
    expect(Object.values(rows[0])).toEqual(values);
    expect(Object.values(rows[1])).toEqual([null, [], [], null, false, null]);
  });
});
