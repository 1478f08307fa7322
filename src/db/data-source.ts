import "reflect-metadata";
import { DataSource } from "typeorm";
import type { Config } from "../config/config";
import { ENTITIES } from "./entities";
import { MIGRATIONS } from "./migrations";
import { sqlState } from "./sql-state";
import { installStatementCounter } from "./statement-counter";

export type DbSettings = Pick<Config, "databaseUrl" | "dataDir" | "dbPoolSize">;

interface PgliteHandle { close(): Promise<void> }

/** A DataSource plus whatever embedded engine backs it, so shutdown closes both. */
export interface Database {
  dataSource: DataSource;
  embedded: boolean;
  close(): Promise<void>;
}

async function openPglite(dataDir: string): Promise<{ pglite: PgliteHandle; extra: unknown }> {
  const { PGlite } = await import("@electric-sql/pglite");
  // Contrib typings are ESM-only under CJS (TS1479), so the extension is required untyped.
  const { pg_trgm } = require("@electric-sql/pglite/contrib/pg_trgm") as { pg_trgm: never };
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  return { pglite, extra: createPgConfig(pglite) };
}

/** The database could not be opened at start-up: where (password removed) and why, without a stack. */
export class DatabaseOpenError extends Error {
  constructor(readonly where: string, readonly cause: unknown) {
    const code = sqlState(cause);
    const why = `${cause instanceof Error ? cause.message : String(cause)}${code ? ` (${code})` : ""}`;
    super(`db: cannot open the database at ${where}: ${why}`);
    this.name = "DatabaseOpenError";
  }
}

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}

// Gateways and workers starting together must not run the same migration twice.
const MIGRATION_LOCK = 7_220_000;

async function migrate(dataSource: DataSource, shared: boolean): Promise<void> {
  // PGlite has one connection and one process: nothing to serialise, and a held runner would starve it.
  if (!shared) {
    await dataSource.runMigrations({ transaction: "each" });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await dataSource.runMigrations({ transaction: "each" });
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await runner.release();
  }
}

export async function openDatabase(settings: DbSettings, options: { migrate?: boolean; logging?: boolean } = {}): Promise<Database> {
  installStatementCounter();
  const common = {
    type: "postgres" as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: options.logging ?? false,
  };
  let pglite: PgliteHandle | undefined;
  let dataSource: DataSource;
  if (settings.databaseUrl) {
    dataSource = new DataSource({
      ...common,
      url: settings.databaseUrl,
      poolSize: settings.dbPoolSize,
      extra: { max: settings.dbPoolSize, connectionTimeoutMillis: 5000, statement_timeout: 30000 },
    });
  } else {
    const embedded = await openPglite(settings.dataDir);
    pglite = embedded.pglite;
    dataSource = new DataSource({ ...common, extra: embedded.extra as Record<string, unknown>, uuidExtension: "pgcrypto" });
  }
  try {
    await dataSource.initialize();
  } catch (err) {
    throw new DatabaseOpenError(settings.databaseUrl ? redacted(settings.databaseUrl) : `embedded (${settings.dataDir})`, err);
  }
  if (options.migrate) await migrate(dataSource, !pglite);
  return {
    dataSource,
    embedded: !!pglite,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await pglite?.close();
    },
  };
}
