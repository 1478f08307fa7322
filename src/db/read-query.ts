import { createHash } from "node:crypto";
import type { Pool, QueryConfig } from "pg";
import type { DataSource } from "typeorm";

/** How many distinct statement texts a process prepares; any text past these runs unnamed. */
export const MAX_PREPARED_TEXTS = 500;

// PostgreSQL refuses a prepared statement whose tables changed shape under it (a migration while serving).
const PLAN_CHANGED = "0A000";

interface Reader {
  pool?: Pool;
  /** Statement name per text; null for a text that must run unnamed from now on. */
  names: Map<string, string | null>;
}

const readers = new WeakMap<DataSource, Reader>();

function readerOf(db: DataSource): Reader {
  let reader = readers.get(db);
  if (!reader) {
    const pool = (db.driver as unknown as { master?: Pool }).master;
    // PGlite's adapter has one connection and no planning to save: it keeps TypeORM's path.
    const embedded = !(db.options as { url?: string }).url;
    readers.set(db, (reader = { pool: embedded ? undefined : pool, names: new Map() }));
  }
  return reader;
}

function statementName(reader: Reader, text: string): string | null | undefined {
  let name = reader.names.get(text);
  if (name === undefined && reader.names.size < MAX_PREPARED_TEXTS) {
    name = `k${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
    reader.names.set(text, name);
  }
  return name;
}

/**
 * A read through a named prepared statement: PostgreSQL parses and plans each text once per
 * connection instead of on every request (planning cost as much as running a person page).
 * The number of texts is bounded, so clients varying their selections cannot fill the server.
 */
export async function readRows<R>(db: DataSource, text: string, values: unknown[] = []): Promise<R[]> {
  const reader = readerOf(db);
  const name = reader.pool && statementName(reader, text);
  if (!reader.pool || !name) return db.query(text, values);
  const config: QueryConfig = { name, text, values };
  try {
    return (await reader.pool.query(config)).rows as R[];
  } catch (err) {
    if ((err as { code?: string }).code !== PLAN_CHANGED) throw err;
    reader.names.set(text, null);
    return (await reader.pool.query({ text, values })).rows as R[];
  }
}

/**
 * A statement's array of keys, read through a sub-select. Given the array as a plain parameter,
 * PostgreSQL sees how many keys each execution brings, finds a plan cheaper than its generic one
 * and plans every execution again (~0.6 ms of a person page's ~1.2 ms); through a sub-select every
 * execution looks alike, and the statement is planned once.
 */
export const keyArray = (param: string, sqlType: string): string => `(SELECT ${param}::${sqlType}[])::${sqlType}[]`;
