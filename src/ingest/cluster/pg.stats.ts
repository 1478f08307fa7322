import type { EntityManager } from "typeorm";
import type { EntityStats } from "./types";

const TOTAL = "__total__";

/**
 * Document frequencies for the keys of one article, read before clustering it (the clusterer asks
 * synchronously) and counted after, in the same transaction.
 */
export class PgEntityStats implements EntityStats {
  private constructor(private readonly df: Map<string, number>) {}

  static async forKeys(em: EntityManager, keys: string[]): Promise<PgEntityStats> {
    const rows: { key: string; df: number }[] = await em.query(`SELECT key, df FROM entity_stat WHERE key = ANY($1::text[])`, [[...keys, TOTAL]]);
    return new PgEntityStats(new Map(rows.map((r) => [r.key, r.df])));
  }

  documentFrequency(key: string): number {
    return this.df.get(key) ?? 0;
  }

  totalDocuments(): number {
    return this.df.get(TOTAL) ?? 0;
  }

  /** Counts one article under each of its distinct keys. */
  static async observe(em: EntityManager, keys: string[]): Promise<void> {
    await em.query(
      `INSERT INTO entity_stat (key, df) SELECT DISTINCT k, 1 FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET df = entity_stat.df + 1`,
      [[...new Set(keys), TOTAL]]);
  }
}
