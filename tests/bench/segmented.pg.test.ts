import { randomBytes } from "node:crypto";
import { Pool } from "pg";
import { SegmentedWriter } from "../../bench/generate/segmented";

// COPY needs a real server (PGlite speaks no COPY FROM STDIN over node-postgres); CI sets DATABASE_URL.
const base = process.env.DATABASE_URL;
const onPostgres = base ? describe : describe.skip;
if (!base) console.info("tests/bench/segmented.pg.test.ts: skipped, COPY needs a real PostgreSQL server; set DATABASE_URL to run it");

onPostgres(base ? "segmented COPY on PostgreSQL" : "segmented COPY on PostgreSQL (skipped: DATABASE_URL is unset)", () => {
  const suffix = randomBytes(4).toString("hex");
  const rows = `seg_rows_${suffix}`;
  const statements = `seg_statements_${suffix}`;
  let pool: Pool;
  beforeAll(async () => {
    pool = new Pool({ connectionString: base, max: 4 });
    await pool.query(`CREATE TABLE ${rows} (n int NOT NULL)`);
    await pool.query(`CREATE TABLE ${statements} (id serial PRIMARY KEY, row_count int)`);
    await pool.query(`CREATE FUNCTION ${statements}_log() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO ${statements} (row_count) SELECT count(*) FROM new_rows; RETURN NULL; END $$`);
    await pool.query(`CREATE TRIGGER log AFTER INSERT ON ${rows} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${statements}_log()`);
  });
  afterAll(async () => {
    await pool.query(`DROP TABLE ${rows}`);
    await pool.query(`DROP TABLE ${statements}`);
    await pool.query(`DROP FUNCTION ${statements}_log()`);
    await pool.end();
  });
  beforeEach(() => pool.query(`TRUNCATE ${rows}, ${statements}`));
  const checkedOut = () => pool.totalCount - pool.idleCount;

  it("writes every row, one COPY statement per segment, and gives back its connections", async () => {
    const w = new SegmentedWriter(pool, rows, ["n"], 3);
    for (let n = 1; n <= 10; n++) await w.add([n]);
    expect(await w.end()).toBe(10);
    const logged = await pool.query(`SELECT row_count FROM ${statements} ORDER BY id`);
    expect(logged.rows.map((r) => r.row_count).sort()).toEqual([1, 3, 3, 3]);
    const stored = await pool.query(`SELECT array_agg(n ORDER BY n) AS ns FROM ${rows}`);
    expect(stored.rows[0].ns).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(checkedOut()).toBe(0);
  });

  it("keeps the segments before a failing one, reports the failure and leaves no connection checked out", async () => {
    const w = new SegmentedWriter(pool, rows, ["n"], 2);
    for (const v of [1, 2, "not a number", 4]) await w.add([v]);
    await expect(w.end()).rejects.toThrow(/invalid input syntax for type integer/);
    w.release();
    expect(checkedOut()).toBe(0);
    expect((await pool.query(`SELECT array_agg(n ORDER BY n) AS ns FROM ${rows}`)).rows[0].ns).toEqual([1, 2]);
  });
});
