import { SAMPLES_PER_DAY } from "./contribution";
import type { Queryable } from "./contribution.store";
import { CONTRIBUTIONS_SELECT } from "./rebuild";

export interface RollupMismatch {
  table: "article_rollup" | "entity_day" | "pair_day" | "pair_total";
  key: string;
  expected: string | null;
  actual: string | null;
}

/**
 * Compares every rollup row with a fresh computation from the mention tables (a full scan: for tests,
 * the benchmark and operators, never the request path). Returns at most `limit` differences.
 */
export async function verifyRollups(q: Queryable, limit = 50): Promise<RollupMismatch[]> {
  const rows: RollupMismatch[] = await q.query(
    `WITH c AS (${CONTRIBUTIONS_SELECT("")}),
     art AS (
       SELECT 'article_rollup' AS "table", coalesce(e.article_id, s.article_id)::text AS key,
         e.day || ' ' || array_to_string(e.keys, ',') || '/' || e.pair_n AS expected,
         s.day || ' ' || array_to_string(s.keys, ',') || '/' || s.pair_n AS actual
       FROM c e FULL JOIN article_rollup s ON s.article_id = e.article_id),
     ed AS (
       SELECT 'entity_day', coalesce(e.entity, s.entity) || ' ' || coalesce(e.day, s.day), e.n::text, s.count::text
       FROM (SELECT k AS entity, c.day, count(*)::int AS n FROM c CROSS JOIN LATERAL unnest(c.keys) AS k GROUP BY 1, 2) e
       FULL JOIN entity_day s ON s.entity = e.entity AND s.day = e.day),
     pairs AS (
       SELECT x.k AS a, y.k AS b, c.day, c.article_id, c.published_at FROM c
       CROSS JOIN LATERAL unnest(c.keys[1:c.pair_n]) AS x(k) CROSS JOIN LATERAL unnest(c.keys[1:c.pair_n]) AS y(k) WHERE x.k < y.k),
     pd AS (
       SELECT 'pair_day', coalesce(e.a, s.a) || '~' || coalesce(e.b, s.b) || ' ' || coalesce(e.day, s.day),
         e.n || ' ' || e.f || ' ' || e.l || ' ' || array_to_string(e.s, ','),
         s.count || ' ' || s.first_seen || ' ' || s.last_seen || ' ' || array_to_string(s.samples, ',')
       FROM (SELECT a, b, day, count(*)::int AS n, min(published_at) AS f, max(published_at) AS l,
               (array_agg(article_id ORDER BY article_id DESC))[1:${SAMPLES_PER_DAY}] AS s FROM pairs GROUP BY a, b, day) e
       FULL JOIN pair_day s ON s.a = e.a AND s.b = e.b AND s.day = e.day),
     pt AS (
       SELECT 'pair_total', coalesce(e.a, s.a) || '~' || coalesce(e.b, s.b),
         e.n || ' ' || e.f || ' ' || e.l, s.count || ' ' || s.first_seen || ' ' || s.last_seen
       FROM (SELECT a, b, count(*)::int AS n, min(published_at) AS f, max(published_at) AS l FROM pairs GROUP BY a, b) e
       FULL JOIN pair_total s ON s.a = e.a AND s.b = e.b)
     SELECT * FROM (SELECT * FROM art UNION ALL SELECT * FROM ed UNION ALL SELECT * FROM pd UNION ALL SELECT * FROM pt) d
     WHERE d.expected IS DISTINCT FROM d.actual LIMIT $1`,
    [limit]);
  return rows;
}
