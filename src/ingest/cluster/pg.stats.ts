import type { EntityManager } from "typeorm";
import type { EntityStats } from "./types";

const TOTAL = "__total__";

/**
 * Document frequencies for the keys of the articles about to be clustered, read before clustering
 * (the clusterer asks synchronously) and counted after, in the same transaction. A batch counts
 * each article in memory as it is clustered (`count`), so the next article sees it, and writes all
 * the increments in one statement (`flush`).
 */
export class PgEntityStats implements EntityStats {
  private readonly pending = new Map<string, number>();

  private constructor(private readonly df: Map<string, number>) {}

  static async forKeys(em: EntityManager, keys: Iterable<string>): Promise<PgEntityStats> {
    const rows: { key: string; df: number }[] = await em.query(`SELECT key, df FROM entity_stat WHERE key = ANY($1::text[])`, [[...new Set(keys), TOTAL]]);
    return new PgEntityStats(new Map(rows.map((r) => [r.key, r.df])));
  }

  documentFrequency(key: string): number {
    return this.df.get(key) ?? 0;
  }

  totalDocuments(): number {
    return this.df.get(TOTAL) ?? 0;
  }

  /** Counts one article under each of its distinct keys, in memory until `flush`. */
  count(keys: Iterable<string>): void {
    for (const k of [...new Set(keys), TOTAL]) {
      this.df.set(k, (this.df.get(k) ?? 0) + 1);
      this.pending.set(k, (this.pending.get(k) ?? 0) + 1);
    }
  }

  /** Writes what `count` added since the last flush. */
  async flush(em: EntityManager): Promise<void> {
    if (this.pending.size === 0) return;
    const keys = [...this.pending.keys()].sort();
    await em.query(
      `INSERT INTO entity_stat (key, df) SELECT k, n FROM unnest($1::text[], $2::int[]) AS t(k, n)
       ON CONFLICT (key) DO UPDATE SET df = entity_stat.df + EXCLUDED.df`,
      [keys, keys.map((k) => this.pending.get(k)!)]);
    this.pending.clear();
  }

  /** Counts one article under each of its distinct keys, straight to the table. */
  static async observe(em: EntityManager, keys: string[]): Promise<void> {
    await em.query(
      `INSERT INTO entity_stat (key, df) SELECT DISTINCT k, 1 FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET df = entity_stat.df + 1`,
      [[...new Set(keys), TOTAL]]);
  }
}
