import { Pool, type PoolClient } from "pg";
import { openDatabase } from "../../src/db/data-source";
import { ensureDatabase } from "../db";
import { buildArticle } from "./article";
import { CopyWriter, type CopyValue } from "./copy";
import { SegmentedWriter } from "./segmented";
import { DENORMALISE, SEQUENCES, verifyDataset } from "./denormalise";
import { clearMark, markDataset } from "./mark";
import { GenerateError, validateOptions, type GenerateOptions, type GenerateReport } from "./options";
import { captureSecondary, dropSecondary, pendingDdl, restoreSecondary } from "./schema";
import { ARTICLE_TABLE, ARTICLE_TABLES, EVENT_TABLE, LOADED_TABLES, PERSON_TABLE, SOURCE_TABLE, type TableSpec } from "./tables";
import { buildWorld, type CountryName } from "./world";

export { DEFAULTS, GenerateError, type GenerateOptions, type GenerateReport } from "./options";
export { datasetMark } from "./mark";

const CHUNK = 1000;
/** Article rows per COPY statement (see SegmentedWriter). */
const SEGMENT_ROWS = 5000;

type Log = (line: string) => void;

class Phases {
  readonly ms: Record<string, number> = {};
  async run<T>(name: string, log: Log, fn: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const result = await fn();
    this.ms[name] = Date.now() - started;
    log(`${name}: ${(this.ms[name] / 1000).toFixed(1)} s`);
    return result;
  }
}

async function copyAll<T>(pool: Pool, spec: TableSpec<T>, items: Iterable<T>): Promise<number> {
  const client = await pool.connect();
  try {
    const w = new CopyWriter(spec.table, spec.columns, client);
    w.start();
    for (const item of items) for (const row of spec.rows(item)) await w.add(row);
    return await w.end();
  } finally {
    client.release();
  }
}

function* indexed<T>(count: number, make: (index: number) => T): Iterable<T> {
  for (let i = 0; i < count; i++) yield make(i);
}

async function openWriter(pool: Pool, spec: TableSpec<unknown>, clients: PoolClient[]): Promise<CopyWriter> {
  const client = await pool.connect();
  clients.push(client);
  const w = new CopyWriter(spec.table, spec.columns, client);
  w.start();
  return w;
}

/** One pass over the articles: each one is built once and its rows go to every table's stream. */
async function copyArticles(pool: Pool, o: GenerateOptions, world: ReturnType<typeof buildWorld>, log: Log): Promise<Record<string, number>> {
  const clients: PoolClient[] = [];
  const articleWriters = Array.from({ length: o.articleStreams }, () => new SegmentedWriter(pool, ARTICLE_TABLE.table, ARTICLE_TABLE.columns, SEGMENT_ROWS));
  try {
    const linkWriters = await Promise.all(ARTICLE_TABLES.map((spec) => openWriter(pool, spec as TableSpec<unknown>, clients)));
    const started = Date.now();
    const step = Math.max(CHUNK, Math.ceil(o.articles / 20));
    for (let i = 0; i < o.articles; i++) {
      const a = buildArticle(world, i);
      // Contiguous chunks per stream keep the heap roughly in id (= time) order, as ingestion would.
      const row: CopyValue[] = ARTICLE_TABLE.rows(a)[0];
      await articleWriters[Math.floor(i / CHUNK) % articleWriters.length].add(row);
      for (let t = 0; t < ARTICLE_TABLES.length; t++) {
        for (const r of ARTICLE_TABLES[t].rows(a)) await linkWriters[t].add(r);
      }
      if ((i + 1) % step === 0) {
        const s = (Date.now() - started) / 1000;
        log(`  ${i + 1} articles, ${Math.round((i + 1) / s)} articles/s`);
      }
    }
    const rows: Record<string, number> = { article: 0 };
    for (const w of articleWriters) rows.article += await w.end();
    for (const w of linkWriters) rows[w.table] = await w.end();
    return rows;
  } finally {
    for (const c of clients) c.release();
    for (const w of articleWriters) w.release();
  }
}

async function prepare(pool: Pool, o: GenerateOptions, log: Log): Promise<void> {
  const leftover = await pendingDdl(pool);
  if (leftover.length) {
    log(`an earlier load stopped before putting back ${leftover.length} indexes/keys; restoring them first`);
    await restoreSecondary(pool, 2, log);
  }
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM article LIMIT 1) x`);
  if (Number(rows[0].n) > 0 && !o.reset) {
    throw new GenerateError("NOT_EMPTY", `bench.generate: expected an empty database or --reset, got one that already has articles (${o.databaseUrl.replace(/\/\/[^@]*@/, "//")})`);
  }
  if (o.reset) {
    await clearMark(pool);
    await pool.query(`TRUNCATE ${LOADED_TABLES.join(", ")} RESTART IDENTITY CASCADE`);
    await pool.query(`UPDATE country SET mention_count = 0 WHERE mention_count <> 0`);
  }
}

/** Migrates `databaseUrl`, fills it with a deterministic synthetic news corpus through COPY, then VACUUM ANALYZE. */
export async function generateDataset(o: GenerateOptions, log: Log = () => undefined): Promise<GenerateReport> {
  validateOptions(o);
  const phases = new Phases();
  const started = Date.now();
  await phases.run("migrate", log, async () => {
    await ensureDatabase(o.databaseUrl);
    const db = await openDatabase({ databaseUrl: o.databaseUrl, dataDir: "memory://", dbPoolSize: 2 }, { migrate: true });
    await db.close();
  });
  // Each article stream may hold a segment that is ending and the one after it.
  const pool = new Pool({ connectionString: o.databaseUrl, max: 2 * o.articleStreams + ARTICLE_TABLES.length + 2 });
  try {
    await phases.run("prepare", log, () => prepare(pool, o, log));
    const countries = (await pool.query<CountryName>(`SELECT code, name_en AS en, name_ar AS ar FROM country ORDER BY code`)).rows;
    const world = await phases.run("plan", log, async () => buildWorld(o, countries));
    // Foreign keys go either way: rows of one article travel on different connections, so a check
    // would run before the row it needs is committed. They are validated when put back.
    await phases.run(o.keepIndexes ? "drop foreign keys" : "drop indexes and keys", log, async () => {
      const ddl = await captureSecondary(pool, LOADED_TABLES.filter((t) => !["source", "person", "event"].includes(t)));
      await dropSecondary(pool, o.keepIndexes ? ddl.filter((d) => d.kind === "fk") : ddl);
    });
    const rows: Record<string, number> = {};
    await phases.run("copy sources, people, events", log, async () => {
      rows.source = await copyAll(pool, SOURCE_TABLE, indexed(o.sources, (index) => ({ w: world, index })));
      rows.person = await copyAll(pool, PERSON_TABLE, indexed(o.people, (index) => ({ w: world, index })));
      rows.event = await copyAll(pool, EVENT_TABLE, indexed(o.events, (index) => ({ w: world, index })));
    });
    Object.assign(rows, await phases.run("copy articles and links", log, () => copyArticles(pool, o, world, log)).catch((err: Error) => {
      log("the load failed with indexes, keys or foreign keys dropped; the next run puts them back before anything else");
      throw err;
    }));
    await phases.run(o.keepIndexes ? "validate foreign keys" : "rebuild indexes and keys", log, () => restoreSecondary(pool, 2, log));
    await phases.run("denormalise", log, async () => {
      for (const d of DENORMALISE) await pool.query(d.sql);
      for (const s of SEQUENCES) await pool.query(s);
    });
    await phases.run("vacuum analyze", log, async () => {
      for (const t of [...LOADED_TABLES, "country"]) await pool.query(`VACUUM (ANALYZE) ${t}`);
    });
    const checks = o.verify ? await phases.run("verify", log, () => verifyDataset(pool)) : undefined;
    const totalMs = Date.now() - started;
    const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
    const { databaseUrl: _omit, ...options } = o;
    const report: GenerateReport = {
      options,
      rows,
      totalRows,
      phasesMs: phases.ms,
      totalMs,
      rowsPerSecond: Math.round(totalRows / (totalMs / 1000)),
      articlesPerSecond: Math.round(o.articles / (totalMs / 1000)),
      checks,
    };
    await markDataset(pool, report);
    return report;
  } finally {
    await pool.end();
  }
}
