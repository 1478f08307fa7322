import type { Pool } from "pg";

/** A secondary structure (index, key, foreign key) taken off a table for the load and put back after. */
export interface Ddl {
  kind: "fk" | "constraint" | "index";
  tableName: string;
  name: string;
  createSql: string;
  dropSql: string;
}

/** Survives a crash: a later run finds what it has to put back before doing anything else. */
const PENDING = "bench_pending_ddl";

// Built by PostgreSQL itself (format/pg_get_*def), so whatever the migrations declare comes back verbatim.
const CAPTURE = `
  WITH t AS (SELECT unnest($1::regclass[]) AS oid)
  SELECT 'fk' AS kind, c.conrelid::regclass::text AS "tableName", c.conname AS name,
         format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS "createSql",
         format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS "dropSql"
    FROM pg_constraint c
   WHERE c.contype = 'f' AND (c.conrelid IN (SELECT oid FROM t) OR c.confrelid IN (SELECT oid FROM t))
  UNION ALL
  SELECT 'constraint', c.conrelid::regclass::text, c.conname,
         format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)),
         format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname)
    FROM pg_constraint c
   WHERE c.contype IN ('p', 'u', 'x') AND c.conrelid IN (SELECT oid FROM t)
  UNION ALL
  SELECT 'index', i.indrelid::regclass::text, ic.relname, pg_get_indexdef(i.indexrelid), format('DROP INDEX %s', i.indexrelid::regclass)
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
   WHERE i.indrelid IN (SELECT oid FROM t)
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))`;

export async function captureSecondary(pool: Pool, tables: string[]): Promise<Ddl[]> {
  const { rows } = await pool.query<Ddl>(CAPTURE, [tables]);
  return rows;
}

/** Records the structures, then drops them, in one transaction: either both happen or neither. */
export async function dropSecondary(pool: Pool, ddl: Ddl[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`CREATE TABLE IF NOT EXISTS ${PENDING} (seq serial PRIMARY KEY, kind text NOT NULL, table_name text NOT NULL, name text NOT NULL, create_sql text NOT NULL)`);
    for (const d of ddl) {
      await client.query(`INSERT INTO ${PENDING} (kind, table_name, name, create_sql) VALUES ($1, $2, $3, $4)`, [d.kind, d.tableName, d.name, d.createSql]);
    }
    const order = { fk: 0, constraint: 1, index: 2 };
    for (const d of [...ddl].sort((a, b) => order[a.kind] - order[b.kind])) await client.query(d.dropSql);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

interface Pending { seq: number; kind: Ddl["kind"]; table_name: string; name: string; create_sql: string }

/** What the pending table says must still be put back (empty when there is no such table). */
export async function pendingDdl(pool: Pool): Promise<Pending[]> {
  const { rows } = await pool.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [PENDING]);
  if (!rows[0].exists) return [];
  return (await pool.query<Pending>(`SELECT seq, kind, table_name, name, create_sql FROM ${PENDING} ORDER BY seq`)).rows;
}

// GIN indexes over the text search vectors dominate; start them first so the two workers finish together.
const cost = (p: Pending) => (/USING gin/i.test(p.create_sql) ? 0 : p.table_name === "article" ? 1 : 2);

/**
 * Recreates recorded structures with `parallel` connections: keys and indexes first, then foreign
 * keys (which validate against them). Each one is struck off the list once it exists again.
 */
export async function restoreSecondary(pool: Pool, parallel: number, log: (line: string) => void): Promise<number> {
  const pending = await pendingDdl(pool);
  const phases = [pending.filter((p) => p.kind !== "fk").sort((a, b) => cost(a) - cost(b)), pending.filter((p) => p.kind === "fk")];
  for (const queue of phases) {
    const worker = async () => {
      const client = await pool.connect();
      try {
        // Sorting for index builds happens in memory instead of temporary files.
        await client.query(`SET maintenance_work_mem = '512MB'`);
        for (let item = queue.shift(); item; item = queue.shift()) {
          const started = Date.now();
          await client.query(item.create_sql);
          await client.query(`DELETE FROM ${PENDING} WHERE seq = $1`, [item.seq]);
          log(`  restored ${item.kind} ${item.name} on ${item.table_name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  }
  await pool.query(`DROP TABLE IF EXISTS ${PENDING}`);
  return pending.length;
}
