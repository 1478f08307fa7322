import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabaseOn } from "./pglite-db";

const MIGRATIONS_DIR = path.resolve(__dirname, "../../src/db/migrations");

/** The dump is keyed by the migrations' content, so a changed migration never reuses a stale dump. */
function dumpPath(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) h.update(f).update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  return path.join(tmpdir(), `khabar-pglite-${h.digest("hex").slice(0, 16)}.tar.gz`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * initdb + migrations take seconds on PGlite, so the first test file to need a database builds a
 * migrated dump once (other workers wait on a lock file) and every file then loads it.
 */
export async function migratedDump(): Promise<Buffer> {
  const file = dumpPath();
  const lock = `${file}.lock`;
  for (let waited = 0; !existsSync(file); waited += 200) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, "wx");
    } catch {
      if (waited > 120_000) throw new Error(`tests/support/pglite-dump: gave up waiting for ${lock}; delete it if no test run is active`);
      await sleep(200);
      continue;
    }
    try {
      await buildDump(file);
    } finally {
      closeSync(fd);
      unlinkSync(lock);
    }
  }
  return readFileSync(file);
}

async function buildDump(file: string): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = require("@electric-sql/pglite/contrib/pg_trgm");
  const pglite = await PGlite.create("memory://", { extensions: { pg_trgm } });
  const db = await openDatabaseOn(pglite);
  await db.dataSource.runMigrations({ transaction: "each" });
  await db.dataSource.destroy();
  const dump = await pglite.dumpDataDir("gzip");
  writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${file}.tmp`, file);
  await pglite.close();
}
