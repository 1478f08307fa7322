import { Pool } from "pg";
import { databaseName, ensureDatabase } from "../db";
import { formatReport } from "../generate";
import { DEFAULTS, datasetMark, generateDataset, type GenerateReport } from "../generate/load";

type Log = (line: string) => void;

/** Reuses the database when it holds enough articles; otherwise (re)generates it, but only an empty or bench-made one. */
export async function ensureDataset(databaseUrl: string, articles: number, seed: number, log: Log): Promise<GenerateReport | undefined> {
  await ensureDatabase(databaseUrl);
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  let have = 0;
  let mark: Awaited<ReturnType<typeof datasetMark>>;
  try {
    const table = (await pool.query<{ exists: boolean }>(`SELECT to_regclass('article') IS NOT NULL AS exists`)).rows[0].exists;
    have = table ? Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM article`)).rows[0].n) : 0;
    mark = table ? await datasetMark(pool) : undefined;
  } finally {
    await pool.end();
  }
  if (have >= articles) {
    if (have > articles) log(`note: ${databaseName(databaseUrl)} holds ${have} articles, more than --articles ${articles}; measuring it as it is`);
    return mark;
  }
  if (have > 0 && !mark) {
    throw new Error(`bench.run: ${databaseName(databaseUrl)} has ${have} articles the benchmark did not generate; refusing to replace them (use another --database-url)`);
  }
  log(`${databaseName(databaseUrl)} holds ${have} articles, fewer than ${articles}: generating`);
  const report = await generateDataset({
    ...DEFAULTS, articles, seed, databaseUrl, reset: true, keepIndexes: false, verify: false,
  }, log);
  log(formatReport(report));
  return report;
}

/** 10000 → "10k", 1000000 → "1m": the suffix of a size's own database. */
export function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

/** The same server and credentials, database `<name>_<size>` (khabar_bench → khabar_bench_100k). */
export function databaseForSize(databaseUrl: string, articles: number): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${databaseName(databaseUrl)}_${sizeLabel(articles)}`;
  return u.toString();
}
