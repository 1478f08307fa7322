import type { EntityManager } from "typeorm";
import type { EntityStats } from "./types";

const TOTAL = "__total__";

/** The rest of `INSERT INTO entity_stat (key, df)` adding counts (parameters: keys text[], counts int[]) to document frequencies. */
export const STAT_INCREMENTS = (keys: string, counts: string) =>
  `SELECT k, n FROM unnest(${keys}::text[], ${counts}::int[]) AS t(k, n) ON CONFLICT (key) DO UPDATE SET df = entity_stat.df + EXCLUDED.df`;

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
    const rows: { key: string; df: number }[] = await em.query(`SELECT key, df FROM entity_stat WHERE key = ANY($1::text[])`, [PgEntityStats.keysToRead(keys)]);
    return PgEntityStats.fromRows(rows);
  }

  /** The entity_stat keys `forKeys` reads for these keys (the document total included), for a caller reading them in its own statement. */
  static keysToRead(keys: Iterable<string>): string[] {
    return [...new Set(keys), TOTAL];
  }

  /** Stats from entity_stat rows read elsewhere (`keysToRead`). */
  static fromRows(rows: readonly { key: string; df: number }[]): PgEntityStats {
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
    const { keys, counts } = this.takePending();
    if (keys.length) await em.query(`INSERT INTO entity_stat (key, df) ${STAT_INCREMENTS("$1", "$2")}`, [keys, counts]);
  }

  /** What `count` added since the last flush, in key order (for a caller writing it in its own statement, with STAT_INCREMENTS); forgotten here. */
  takePending(): { keys: string[]; counts: number[] } {
    const keys = [...this.pending.keys()].sort();
    const counts = keys.map((k) => this.pending.get(k)!);
    this.pending.clear();
    return { keys, counts };
  }

  /** Counts one article under each of its distinct keys, straight to the table. */
  static async observe(em: EntityManager, keys: string[]): Promise<void> {
    await em.query(
      `INSERT INTO entity_stat (key, df) SELECT DISTINCT k, 1 FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET df = entity_stat.df + 1`,
      [[...new Set(keys), TOTAL]]);
  }
}
