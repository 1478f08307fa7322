import type { Queryable } from "./contribution.store";
import type { EntityKindCode, ParsedKey } from "./keys";

/** Reads of the entity graph. All go through the rollup tables' indexes except the hourly timeline (see below). */

export interface CoMentionRow {
  key: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
  /** Evidence article ids, latest days first. */
  samples: number[];
}

export interface PairRow {
  a: string;
  b: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

const kindsParam = (kinds?: readonly EntityKindCode[]) => (kinds && kinds.length ? [...kinds] : null);

/**
 * Partners of `key` over [fromDay, toDay) from the daily pair rows, strongest first: counts come from
 * the (entity, day) covering indexes alone; evidence is read for the top partners only, latest days first.
 */
export async function coMentionsInRange(
  q: Queryable, key: string, o: { fromDay: string; toDay: string; kinds?: readonly EntityKindCode[]; limit: number; samples: number },
): Promise<CoMentionRow[]> {
  return q.query(
    `WITH top AS (
       SELECT other, sum(count)::int AS n, min(first_seen) AS f, max(last_seen) AS l FROM (
         SELECT b AS other, count, first_seen, last_seen FROM pair_day WHERE a = $1 AND day >= $2::date AND day < $3::date
         UNION ALL
         SELECT a, count, first_seen, last_seen FROM pair_day WHERE b = $1 AND day >= $2::date AND day < $3::date
       ) r WHERE $4::text[] IS NULL OR left(other, 1) = ANY($4::text[])
       GROUP BY other ORDER BY n DESC, l DESC, other LIMIT $5
     )
     SELECT t.other AS key, t.n AS count, t.f AS "firstSeen", t.l AS "lastSeen", coalesce(e.samples, '{}') AS samples
     FROM top t CROSS JOIN LATERAL (
       SELECT (array_agg(s ORDER BY d.day DESC, s DESC))[1:$6] AS samples FROM (
         SELECT day, samples FROM pair_day
         WHERE a = LEAST($1 COLLATE "C", t.other) AND b = GREATEST($1 COLLATE "C", t.other) AND day >= $2::date AND day < $3::date
         ORDER BY day DESC LIMIT $6) d
       CROSS JOIN LATERAL unnest(d.samples) AS s) e
     ORDER BY t.n DESC, t.l DESC, t.other`,
    [key, o.fromDay, o.toDay, kindsParam(o.kinds), o.limit, o.samples]);
}

/** Partners of `key` over all time, from the pair totals (index order: no aggregation). */
export async function coMentionsAllTime(q: Queryable, key: string, o: { kinds?: readonly EntityKindCode[]; limit: number }): Promise<Omit<CoMentionRow, "samples">[]> {
  return q.query(
    `SELECT * FROM (
       (SELECT b AS key, count, first_seen AS "firstSeen", last_seen AS "lastSeen" FROM pair_total
        WHERE a = $1 AND ($2::text[] IS NULL OR left(b, 1) = ANY($2::text[])) ORDER BY count DESC, b LIMIT $3)
       UNION ALL
       (SELECT a, count, first_seen, last_seen FROM pair_total
        WHERE b = $1 AND ($2::text[] IS NULL OR left(a, 1) = ANY($2::text[])) ORDER BY count DESC, a LIMIT $3)
     ) u ORDER BY count DESC, "lastSeen" DESC, key LIMIT $3`,
    [key, kindsParam(o.kinds), o.limit]);
}

export const pairId = (a: string, b: string) => `${a}~${b}`;

/** Evidence of canonical pairs: sample ids of each pair's latest `days` daily rows, newest first. */
export async function pairSamples(q: Queryable, pairs: readonly [string, string][], days: number): Promise<Map<string, number[]>> {
  if (pairs.length === 0) return new Map();
  const rows: { a: string; b: string; samples: number[] | null }[] = await q.query(
    `SELECT t.a, t.b, s.samples FROM unnest($1::text[], $2::text[]) AS t(a, b) CROSS JOIN LATERAL (
       SELECT array_agg(x ORDER BY d.day DESC, x DESC) AS samples FROM (
         SELECT day, samples FROM pair_day WHERE a = t.a AND b = t.b ORDER BY day DESC LIMIT $3) d
       CROSS JOIN LATERAL unnest(d.samples) AS x) s`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1]), days]);
  return new Map(rows.map((r) => [pairId(r.a, r.b), r.samples ?? []]));
}

/** All-time totals of canonical pairs that exist. */
export async function pairTotals(q: Queryable, pairs: readonly [string, string][]): Promise<Map<string, PairRow>> {
  if (pairs.length === 0) return new Map();
  const rows: PairRow[] = await q.query(
    `SELECT p.a, p.b, p.count, p.first_seen AS "firstSeen", p.last_seen AS "lastSeen"
     FROM unnest($1::text[], $2::text[]) AS t(a, b) JOIN pair_total p ON p.a = t.a AND p.b = t.b`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
  return new Map(rows.map((r) => [pairId(r.a, r.b), r]));
}

/** The `limit` strongest partners of each key (all time), optionally of some kinds only. */
export async function strongestPartners(
  q: Queryable, keys: readonly string[], limit: number, kinds?: readonly EntityKindCode[],
): Promise<Map<string, { key: string; count: number }[]>> {
  const out = new Map<string, { key: string; count: number }[]>(keys.map((k) => [k, []]));
  if (keys.length === 0) return out;
  const rows: { node: string; other: string; count: number }[] = await q.query(
    `SELECT t.k AS node, n.other, n.count FROM unnest($1::text[]) AS t(k) CROSS JOIN LATERAL (
       SELECT * FROM (
         (SELECT b AS other, count FROM pair_total WHERE a = t.k AND ($3::text[] IS NULL OR left(b, 1) = ANY($3::text[])) ORDER BY count DESC, b LIMIT $2)
         UNION ALL
         (SELECT a, count FROM pair_total WHERE b = t.k AND ($3::text[] IS NULL OR left(a, 1) = ANY($3::text[])) ORDER BY count DESC, a LIMIT $2)
       ) u ORDER BY count DESC, other LIMIT $2) n
     ORDER BY t.k, n.count DESC, n.other`,
    [keys, limit, kindsParam(kinds)]);
  for (const r of rows) out.get(r.node)?.push({ key: r.other, count: r.count });
  return out;
}

/** Daily counts of one entity over [fromDay, toDay). */
export async function entityDays(q: Queryable, key: string, fromDay: string, toDay: string): Promise<{ day: string; count: number }[]> {
  return q.query(
    `SELECT day::text AS day, count FROM entity_day WHERE entity = $1 AND day >= $2::date AND day < $3::date ORDER BY day`,
    [key, fromDay, toDay]);
}

const MENTION_INDEX: Record<EntityKindCode, { table: string; column: string; cast: string }> = {
  p: { table: "article_person", column: "person_id", cast: "int" },
  c: { table: "article_country", column: "country_code", cast: "bpchar" },
  e: { table: "article_event", column: "event_id", cast: "int" },
};

/**
 * Hourly counts of one entity over [from, to): no hourly rollup is kept; this reads the entity's own
 * (entity, published_at) mention index over the range, which callers bound (31 days at most).
 */
export async function entityHours(q: Queryable, key: ParsedKey, from: Date, to: Date): Promise<{ hour: number; count: number }[]> {
  const m = MENTION_INDEX[key.kind];
  const rows: { hour: string; count: number }[] = await q.query(
    `SELECT floor(extract(epoch FROM x.published_at) / 3600)::bigint AS hour, count(*)::int AS count
     FROM ${m.table} x JOIN article a ON a.id = x.article_id AND a.original_id IS NULL
     WHERE x.${m.column} = $1::${m.cast} AND x.published_at >= $2 AND x.published_at < $3 GROUP BY 1 ORDER BY 1`,
    [key.id, from, to]);
  return rows.map((r) => ({ hour: Number(r.hour), count: r.count }));
}

export interface TrendQuery {
  kind: EntityKindCode;
  /** Days [recentFrom, recentTo] (inclusive) form the recent window; [baselineFrom, recentFrom) the baseline. */
  recentFrom: string;
  recentTo: string;
  baselineFrom: string;
  recentDays: number;
  baselineDays: number;
  smoothing: number;
  minSupport: number;
  limit: number;
}

export interface TrendRow {
  key: string;
  recent: number;
  baseline: number;
  score: number;
}

/** Entities of one kind whose recent daily rate grew most against their own baseline rate. */
export async function trendingEntities(q: Queryable, t: TrendQuery): Promise<TrendRow[]> {
  return q.query(
    `WITH recent AS (
       SELECT entity, sum(count)::int AS n FROM entity_day
       WHERE day >= $1::date AND day <= $2::date AND entity >= $3 AND entity < $4
       GROUP BY entity HAVING sum(count) >= $5
     ), base AS (
       SELECT d.entity, sum(d.count)::int AS n FROM entity_day d JOIN recent r ON r.entity = d.entity
       WHERE d.day >= $6::date AND d.day < $1::date GROUP BY d.entity
     ), scored AS (
       SELECT r.entity, r.n AS recent, coalesce(b.n, 0) AS baseline,
         (r.n / $7::float8 + $9::float8) / (coalesce(b.n, 0) / $8::float8 + $9::float8) AS score
       FROM recent r LEFT JOIN base b ON b.entity = r.entity
     )
     SELECT entity AS key, recent, baseline, score FROM scored WHERE score > 1
     ORDER BY score DESC, recent DESC, entity LIMIT $10`,
    [t.recentFrom, t.recentTo, `${t.kind}:`, `${t.kind};`, t.minSupport, t.baselineFrom, t.recentDays, t.baselineDays, t.smoothing, t.limit]);
}
