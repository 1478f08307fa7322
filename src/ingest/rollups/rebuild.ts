import type { DataSource, EntityManager } from "typeorm";
import { PAIR_ENTITY_CAP, SAMPLES_PER_DAY, utcDay } from "./contribution";
import { syncRollups } from "./rollup.sync";

export interface RebuildReport {
  /** First day rebuilt (YYYY-MM-DD), or null for everything. */
  from: string | null;
  articles: number;
  entityDays: number;
  pairDays: number;
  pairTotals: number;
  ms: number;
}

/**
 * Each counted article's contribution, computed from the mention tables. Same ranking as rankKeys()
 * in contribution.ts: the event first, then salience, occurrences, key in byte order.
 */
export const CONTRIBUTIONS_SELECT = (where: string) => `
  SELECT a.id AS article_id, (a.published_at AT TIME ZONE 'UTC')::date AS day, a.published_at, m.keys,
    LEAST(cardinality(m.keys), ${PAIR_ENTITY_CAP}) AS pair_n
  FROM (
    SELECT article_id, array_agg(key ORDER BY prio, salience DESC, count DESC, key) AS keys FROM (
      SELECT ap.article_id, 1 AS prio, ('p:' || ap.person_id) COLLATE "C" AS key, ap.salience, ap.count FROM article_person ap
      UNION ALL
      SELECT ac.article_id, 1, ('c:' || ac.country_code) COLLATE "C", ac.salience, ac.count FROM article_country ac
      UNION ALL
      SELECT ae.article_id, 0, ('e:' || ae.event_id) COLLATE "C", ae.salience, ae.count
      FROM article_event ae JOIN event e ON e.id = ae.event_id WHERE e.merged_into_id IS NULL
    ) x GROUP BY article_id
  ) m JOIN article a ON a.id = m.article_id
  WHERE a.original_id IS NULL ${where}`;

const CONTRIBUTIONS_SQL = (where: string) =>
  `INSERT INTO article_rollup (article_id, day, published_at, keys, pair_n) ${CONTRIBUTIONS_SELECT(where)}`;

const ENTITY_DAYS_SQL = (where: string) => `
  INSERT INTO entity_day (entity, day, count)
  SELECT k, r.day, count(*) FROM article_rollup r CROSS JOIN LATERAL unnest(r.keys) AS k ${where} GROUP BY k, r.day`;

const PAIR_DAYS_SQL = (where: string) => `
  INSERT INTO pair_day (a, b, day, count, first_seen, last_seen, samples)
  SELECT x.k, y.k, r.day, count(*), min(r.published_at), max(r.published_at),
    (array_agg(r.article_id ORDER BY r.article_id DESC))[1:${SAMPLES_PER_DAY}]
  FROM article_rollup r
  CROSS JOIN LATERAL unnest(r.keys[1:r.pair_n]) AS x(k)
  CROSS JOIN LATERAL unnest(r.keys[1:r.pair_n]) AS y(k)
  WHERE x.k < y.k ${where ? `AND ${where.replace(/^WHERE /, "")}` : ""}
  GROUP BY x.k, y.k, r.day`;

const PAIR_TOTALS_SQL = `
  INSERT INTO pair_total (a, b, count, first_seen, last_seen)
  SELECT a, b, sum(count), min(first_seen), max(last_seen) FROM pair_day GROUP BY a, b`;

/**
 * Recomputes the rollups from the mention tables: everything, or (with `from`) the days from that
 * UTC day on — pair totals are always recomputed whole from the daily rows. Runs in one transaction
 * that blocks ingest's rollup writes (readers carry on; a full rebuild truncates, so they wait too).
 *
 * Cost: one pass over the mention tables (a sort of all mention rows by article), then one over the
 * article's pairs (≤ 66 per article, ~20 on a typical one): about a minute per million articles on a
 * small server; see bench/relations.ts for measured figures.
 */
export async function rebuildRollups(db: DataSource, from?: Date): Promise<RebuildReport> {
  const started = Date.now();
  if (from && Number.isNaN(from.getTime())) throw new Error(`rollups.rebuild: expected a valid from date, got ${String(from)}`);
  const day = from ? utcDay(from) : null;
  const report = await db.transaction(async (em) => {
    // A maintenance pass over every mention: the pool's per-statement timeout is meant for requests.
    await em.query(`SET LOCAL statement_timeout = 0`);
    if (day) await clearFrom(em, day);
    else await em.query(`TRUNCATE article_rollup, entity_day, pair_day, pair_total`);
    const articles = await count(em, CONTRIBUTIONS_SQL(day ? `AND a.published_at >= ($1::timestamp AT TIME ZONE 'UTC')` : ""), day);
    const where = day ? `WHERE r.day >= $1::date` : "";
    const entityDays = await count(em, ENTITY_DAYS_SQL(where), day);
    const pairDays = await count(em, PAIR_DAYS_SQL(where), day);
    const pairTotals = await count(em, PAIR_TOTALS_SQL, null);
    return { from: day, articles, entityDays, pairDays, pairTotals };
  });
  // VACUUM sets the visibility map, so range reads of pair_day are index-only from the start.
  for (const t of ["article_rollup", "entity_day", "pair_day", "pair_total"]) await db.query(`VACUUM (ANALYZE) ${t}`);
  return { ...report, ms: Date.now() - started };
}

async function clearFrom(em: EntityManager, day: string): Promise<void> {
  await em.query(`LOCK TABLE article_rollup, entity_day, pair_day, pair_total IN SHARE ROW EXCLUSIVE MODE`);
  // Articles whose publication moved across the boundary carry counts on both sides: moved first, exactly.
  const moved: { id: number }[] = await em.query(
    `SELECT r.article_id AS id FROM article_rollup r JOIN article a ON a.id = r.article_id
     WHERE (r.day >= $1::date OR a.published_at >= ($1::timestamp AT TIME ZONE 'UTC')) AND (a.published_at AT TIME ZONE 'UTC')::date <> r.day`, [day]);
  await syncRollups(em, moved.map((m) => m.id));
  await em.query(`DELETE FROM article_rollup WHERE day >= $1::date`, [day]);
  await em.query(`DELETE FROM entity_day WHERE day >= $1::date`, [day]);
  await em.query(`DELETE FROM pair_day WHERE day >= $1::date`, [day]);
  await em.query(`DELETE FROM pair_total`);
}

/** Runs an INSERT … SELECT and returns how many rows it wrote. */
async function count(em: EntityManager, sql: string, day: string | null): Promise<number> {
  const [row] = await em.query(`WITH ins AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM ins`, day ? [day] : []);
  return row.n;
}
