import type { Pool } from "pg";
import type { GenerateReport } from "./options";

const DATASET_MARK = "bench_dataset";

/** Marks the database as the generator's: the runner may then regenerate it, and reports what it holds. */
export async function markDataset(pool: Pool, report: GenerateReport): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS ${DATASET_MARK} (generated_at timestamptz NOT NULL DEFAULT now(), report jsonb NOT NULL)`);
  await pool.query(`TRUNCATE ${DATASET_MARK}`);
  await pool.query(`INSERT INTO ${DATASET_MARK} (report) VALUES ($1)`, [JSON.stringify(report)]);
}

/** The report of the load that filled this database, if the generator filled it. */
export async function datasetMark(pool: Pool): Promise<(GenerateReport & { generatedAt: Date }) | undefined> {
  const { rows } = await pool.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [DATASET_MARK]);
  if (!rows[0].exists) return undefined;
  const mark = (await pool.query<{ generated_at: Date; report: GenerateReport }>(`SELECT generated_at, report FROM ${DATASET_MARK} LIMIT 1`)).rows[0];
  return mark ? { ...mark.report, generatedAt: mark.generated_at } : undefined;
}

/** Forgets the mark before the tables are emptied. */
export async function clearMark(pool: Pool): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${DATASET_MARK}`);
}
