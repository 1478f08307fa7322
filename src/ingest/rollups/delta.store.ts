import { SAMPLES_PER_DAY, type Contribution } from "./contribution";
import { CONTRIBUTIONS_UPSERT, contributionsJson, returning, type Queryable } from "./contribution.store";
import type { EntityDayDelta, PairDelta, RollupDelta, Sample } from "./delta";

interface PairRef { a: string; b: string; day?: string }

const toJson = (rows: PairDelta[], side: "added" | "removed") =>
  JSON.stringify(rows.filter((r) => r[side].length > 0).map((r) => {
    const s = r[side];
    const times = s.map((x) => x.at.getTime());
    return {
      a: r.a,
      b: r.b,
      day: r.day ?? null,
      n: s.length,
      ids: newestIds(s),
      lo: new Date(Math.min(...times)).toISOString(),
      hi: new Date(Math.max(...times)).toISOString(),
    };
  }));

/** Samples are the most recently stored articles (highest ids) of the row. */
function newestIds(s: Sample[]): number[] {
  return [...new Set(s.map((x) => x.articleId))].sort((x, y) => y - x).slice(0, SAMPLES_PER_DAY);
}

const RECORD = (p = "$1") => `jsonb_to_recordset(${p}::jsonb) AS r(a text, b text, day date, n int, ids int[], lo timestamptz, hi timestamptz)`;

const ENTITY_DAYS_UPSERT = (p: string) =>
  `INSERT INTO entity_day (entity, day, count) SELECT r.key, r.day, r.delta FROM jsonb_to_recordset(${p}::jsonb) AS r(key text, day date, delta int)
   ON CONFLICT (entity, day) DO UPDATE SET count = entity_day.count + EXCLUDED.count`;

const PAIR_DAYS_UPSERT = (p: string) =>
  `INSERT INTO pair_day (a, b, day, count, first_seen, last_seen, samples)
   SELECT r.a, r.b, r.day, r.n, r.lo, r.hi, r.ids FROM ${RECORD(p)} ORDER BY r.a, r.b, r.day
   ON CONFLICT (a, b, day) DO UPDATE SET count = pair_day.count + EXCLUDED.count,
     first_seen = LEAST(pair_day.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(pair_day.last_seen, EXCLUDED.last_seen),
     samples = ARRAY(SELECT DISTINCT s FROM unnest(pair_day.samples || EXCLUDED.samples) AS s ORDER BY s DESC LIMIT ${SAMPLES_PER_DAY})`;

const PAIR_TOTALS_UPSERT = (p: string) =>
  `INSERT INTO pair_total (a, b, count, first_seen, last_seen)
   SELECT r.a, r.b, r.n, r.lo, r.hi FROM ${RECORD(p)} ORDER BY r.a, r.b
   ON CONFLICT (a, b) DO UPDATE SET count = pair_total.count + EXCLUDED.count,
     first_seen = LEAST(pair_total.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(pair_total.last_seen, EXCLUDED.last_seen)`;

async function applyEntityDays(q: Queryable, rows: EntityDayDelta[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(ENTITY_DAYS_UPSERT("$1"), [JSON.stringify(rows)]);
  const shrunk = rows.filter((r) => r.delta < 0);
  if (shrunk.length) {
    await q.query(
      `DELETE FROM entity_day e USING unnest($1::text[], $2::date[]) AS t(k, d) WHERE e.entity = t.k AND e.day = t.d AND e.count <= 0`,
      [shrunk.map((r) => r.key), shrunk.map((r) => r.day)]);
  }
}

/**
 * Takes articles out of daily pair rows. A row whose evidence or first/last instant may have left
 * with them is returned for repair (after additions, which may refill it); counts stay exact by arithmetic.
 */
async function removeFromPairDays(q: Queryable, rows: PairDelta[]): Promise<PairRef[]> {
  const json = toJson(rows, "removed");
  if (json === "[]") return [];
  const out = await returning<PairRef & { repair: boolean }>(q, 
    `UPDATE pair_day p SET count = p.count - r.n,
       samples = ARRAY(SELECT s FROM unnest(p.samples) AS s WHERE s <> ALL(r.ids) ORDER BY s DESC)
     FROM ${RECORD()} WHERE p.a = r.a AND p.b = r.b AND p.day = r.day
     RETURNING p.a, p.b, p.day::text AS day,
       (cardinality(p.samples) < LEAST(p.count, ${SAMPLES_PER_DAY}) OR r.lo <= p.first_seen OR r.hi >= p.last_seen) AS repair`,
    [json]);
  return out.filter((r) => r.repair);
}

async function addToPairDays(q: Queryable, rows: PairDelta[]): Promise<void> {
  const json = toJson(rows, "added");
  if (json !== "[]") await q.query(PAIR_DAYS_UPSERT("$1"), [json]);
}

async function removeFromPairTotals(q: Queryable, rows: PairDelta[]): Promise<PairRef[]> {
  const json = toJson(rows, "removed");
  if (json === "[]") return [];
  const out = await returning<PairRef & { repair: boolean }>(q, 
    `UPDATE pair_total p SET count = p.count - r.n FROM ${RECORD()} WHERE p.a = r.a AND p.b = r.b
     RETURNING p.a, p.b, (r.lo <= p.first_seen OR r.hi >= p.last_seen) AS repair`,
    [json]);
  return out.filter((r) => r.repair);
}

async function addToPairTotals(q: Queryable, rows: PairDelta[]): Promise<void> {
  const json = toJson(rows, "added");
  if (json !== "[]") await q.query(PAIR_TOTALS_UPSERT("$1"), [json]);
}

async function dropEmptyPairs(q: Queryable, days: PairDelta[], totals: PairDelta[]): Promise<void> {
  const d = days.filter((r) => r.removed.length > r.added.length);
  if (d.length) {
    await q.query(
      `DELETE FROM pair_day p USING unnest($1::text[], $2::text[], $3::date[]) AS t(a, b, day)
       WHERE p.a = t.a AND p.b = t.b AND p.day = t.day AND p.count <= 0`,
      [d.map((r) => r.a), d.map((r) => r.b), d.map((r) => r.day)]);
  }
  const t = totals.filter((r) => r.removed.length > r.added.length);
  if (t.length) {
    await q.query(
      `DELETE FROM pair_total p USING unnest($1::text[], $2::text[]) AS t(a, b) WHERE p.a = t.a AND p.b = t.b AND p.count <= 0`,
      [t.map((r) => r.a), t.map((r) => r.b)]);
  }
}

/** Recomputes daily rows from the stored contributions of their day (one day's articles, not all mentions). */
async function repairPairDays(q: Queryable, rows: PairRef[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE pair_day p SET count = x.n, first_seen = x.f, last_seen = x.l, samples = x.s FROM (
       SELECT t.a, t.b, t.day, count(*)::int AS n, min(r.published_at) AS f, max(r.published_at) AS l,
         (array_agg(r.article_id ORDER BY r.article_id DESC))[1:${SAMPLES_PER_DAY}] AS s
       FROM unnest($1::text[], $2::text[], $3::date[]) AS t(a, b, day)
       JOIN article_rollup r ON r.day = t.day AND r.keys[1:r.pair_n] @> ARRAY[t.a, t.b]
       GROUP BY t.a, t.b, t.day) x
     WHERE p.a = x.a AND p.b = x.b AND p.day = x.day`,
    [rows.map((r) => r.a), rows.map((r) => r.b), rows.map((r) => r.day)]);
}

async function repairPairTotals(q: Queryable, rows: PairRef[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE pair_total p SET count = x.n, first_seen = x.f, last_seen = x.l FROM (
       SELECT d.a, d.b, sum(d.count)::int AS n, min(d.first_seen) AS f, max(d.last_seen) AS l
       FROM unnest($1::text[], $2::text[]) AS t(a, b) JOIN pair_day d ON d.a = t.a AND d.b = t.b GROUP BY d.a, d.b) x
     WHERE p.a = x.a AND p.b = x.b`,
    [rows.map((r) => r.a), rows.map((r) => r.b)]);
}

/**
 * Writes a delta. article_rollup must already hold the new contributions: repairs read them.
 * Order: removals (noting rows to repair), additions, empty rows dropped, daily repairs, then totals.
 */
export async function applyDelta(q: Queryable, delta: RollupDelta): Promise<void> {
  await applyEntityDays(q, delta.entityDays);
  const dayRepairs = await removeFromPairDays(q, delta.pairDays);
  await addToPairDays(q, delta.pairDays);
  const totalRepairs = await removeFromPairTotals(q, delta.pairTotals);
  await addToPairTotals(q, delta.pairTotals);
  await dropEmptyPairs(q, delta.pairDays, delta.pairTotals);
  await repairPairDays(q, dayRepairs);
  await repairPairTotals(q, totalRepairs);
}

/** True when the delta only adds (new articles): no row can shrink, so nothing needs repair. */
export function isAdditive(delta: RollupDelta): boolean {
  return delta.entityDays.every((d) => d.delta > 0) && [...delta.pairDays, ...delta.pairTotals].every((p) => p.removed.length === 0);
}

/**
 * The common case in one round trip: new contributions and all the rows they add, written by one
 * statement of data-modifying CTEs (they touch different tables, so their order does not matter).
 */
export async function applyAdditions(q: Queryable, next: readonly Contribution[], delta: RollupDelta): Promise<void> {
  await q.query(
    `WITH c AS (${CONTRIBUTIONS_UPSERT("$1")}),
       e AS (${ENTITY_DAYS_UPSERT("$2")}),
       d AS (${PAIR_DAYS_UPSERT("$3")}),
       t AS (${PAIR_TOTALS_UPSERT("$4")})
     SELECT 1`,
    [contributionsJson(next), JSON.stringify(delta.entityDays), toJson(delta.pairDays, "added"), toJson(delta.pairTotals, "added")]);
}
