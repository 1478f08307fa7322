import { Client } from "pg";

/** Never DATABASE_URL: pointing the benchmark at a real database by accident must take an explicit flag. */
export const DEFAULT_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/khabar_bench";
export const DEFAULT_REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The same server's maintenance database, from which databases are created. */
function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`bench.db: expected a database name of letters, digits and _ in the URL, got "${name}"`);
  }
  return name;
}

/** Creates the database named in `url` if the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new Client({ connectionString: maintenanceUrl(url) });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (rows.length) return false;
    await admin.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await admin.end();
  }
}

/** Articles in the database, or undefined when it has no article table yet. */
export async function countArticles(url: string): Promise<number | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('article') IS NOT NULL AS exists`);
    if (!rows[0].exists) return undefined;
    return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM article`)).rows[0].n);
  } finally {
    await client.end();
  }
}
