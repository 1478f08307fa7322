import { randomBytes } from "node:crypto";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import type { Database } from "../../src/db/data-source";
import { openDatabase } from "../../src/db/data-source";
import { openDatabaseOn } from "./pglite-db";
import { migratedDump } from "./pglite-dump";

export interface TestDatabase extends Database {
  /** Set when running against a real server: the URL of this file's own database. */
  url?: string;
}

function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file: its own database on the real server when
 * DATABASE_URL is set (parallel workers never share one), else an in-memory PGlite from the dump.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `khabar_t${process.env.JEST_WORKER_ID ?? "0"}_${randomBytes(4).toString("hex")}`;
    const admin = new Client({ connectionString: adminUrl(base, "postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = adminUrl(base, name);
    const db = await openDatabase({ databaseUrl: url, dataDir: "memory://", dbPoolSize: 5 }, { migrate: true });
    return {
      ...db,
      url,
      async close() {
        await db.close();
        const c = new Client({ connectionString: adminUrl(base, "postgres") });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dump = await migratedDump();
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = require("@electric-sql/pglite/contrib/pg_trgm");
  const pglite = await PGlite.create("memory://", { extensions: { pg_trgm }, loadDataDir: new Blob([new Uint8Array(dump)]) });
  return openDatabaseOn(pglite);
}

/**
 * The same database, except that every read fails with `message` (as a missing table would): reads
 * go through TypeORM's `query` or, prepared, straight to its pool, and both fail.
 */
export function failingReads(dataSource: DataSource, message: string): DataSource {
  const fail = async () => { throw new Error(message); };
  return Object.create(dataSource, {
    query: { value: fail },
    driver: { value: Object.create(dataSource.driver, { master: { value: { query: fail } } }) },
  }) as DataSource;
}
