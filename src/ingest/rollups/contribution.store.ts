import { buildContribution, type Contribution, type MentionFact } from "./contribution";

/** Runs SQL; an EntityManager, a DataSource or a QueryRunner all fit. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** Rows of an UPDATE/DELETE … RETURNING: TypeORM wraps them as [rows, affected], plain drivers do not. */
export async function returning<T>(q: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  const res = await q.query(sql, params);
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === "number") return res[0] as T[];
  return res as T[];
}

/**
 * What the articles contributed last time (locked, so two writers of one article queue up) and what
 * they contribute now from the mention tables: people, countries and the live (not merged-away)
 * event. Near-duplicates (original_id set) and missing articles contribute nothing. One round trip.
 */
const READ_SQL = `
  WITH old AS (
    SELECT article_id, day, published_at, keys, pair_n FROM article_rollup WHERE article_id = ANY($1::int[]) ORDER BY article_id FOR UPDATE)
  SELECT 'old' AS side, article_id AS id, day::text AS day, published_at AS "publishedAt", keys, pair_n AS "pairN",
    NULL::text AS key, NULL::real AS salience, NULL::int AS count FROM old
  UNION ALL
  SELECT 'new', a.id, NULL, a.published_at, NULL, NULL, m.key, m.salience, m.count
  FROM article a CROSS JOIN LATERAL (
    SELECT 'p:' || ap.person_id AS key, ap.salience, ap.count FROM article_person ap WHERE ap.article_id = a.id
    UNION ALL
    SELECT 'c:' || ac.country_code, ac.salience, ac.count FROM article_country ac WHERE ac.article_id = a.id
    UNION ALL
    SELECT 'e:' || ae.event_id, ae.salience, ae.count FROM article_event ae JOIN event e ON e.id = ae.event_id
    WHERE ae.article_id = a.id AND e.merged_into_id IS NULL
  ) m
  WHERE a.id = ANY($1::int[]) AND a.original_id IS NULL`;

interface ReadRow {
  side: "old" | "new";
  id: number;
  day: string | null;
  publishedAt: Date;
  keys: string[] | null;
  pairN: number | null;
  key: string | null;
  salience: number | null;
  count: number | null;
}

export interface ContributionPair {
  stored: Map<number, Contribution>;
  current: Map<number, Contribution>;
}

export async function readContributions(q: Queryable, ids: readonly number[]): Promise<ContributionPair> {
  const rows: ReadRow[] = await q.query(READ_SQL, [ids]);
  const stored = new Map<number, Contribution>();
  const facts = new Map<number, { at: Date; list: MentionFact[] }>();
  for (const r of rows) {
    if (r.side === "old") {
      stored.set(r.id, { articleId: r.id, day: r.day!, publishedAt: new Date(r.publishedAt), keys: r.keys!, pairN: Number(r.pairN) });
      continue;
    }
    const entry = facts.get(r.id) ?? { at: new Date(r.publishedAt), list: [] };
    entry.list.push({ key: r.key!, salience: Number(r.salience), count: Number(r.count) });
    facts.set(r.id, entry);
  }
  const current = new Map<number, Contribution>();
  for (const [id, { at, list }] of facts) {
    const c = buildContribution(id, at, list);
    if (c) current.set(id, c);
  }
  return { stored, current };
}

/** Upsert of contributions from a JSON array parameter. */
export const CONTRIBUTIONS_UPSERT = (p: string) =>
  `INSERT INTO article_rollup (article_id, day, published_at, keys, pair_n)
   SELECT r.article_id, r.day, r.published_at, r.keys, r.pair_n
   FROM jsonb_to_recordset(${p}::jsonb) AS r(article_id int, day date, published_at timestamptz, keys text[], pair_n int)
   ON CONFLICT (article_id) DO UPDATE SET day = EXCLUDED.day, published_at = EXCLUDED.published_at, keys = EXCLUDED.keys, pair_n = EXCLUDED.pair_n`;

export const contributionsJson = (next: readonly Contribution[]): string =>
  JSON.stringify(next.map((c) => ({ article_id: c.articleId, day: c.day, published_at: c.publishedAt.toISOString(), keys: c.keys, pair_n: c.pairN })));

export async function writeContributions(q: Queryable, removedIds: number[], next: Contribution[]): Promise<void> {
  if (removedIds.length) await q.query(`DELETE FROM article_rollup WHERE article_id = ANY($1::int[])`, [removedIds]);
  if (next.length) await q.query(CONTRIBUTIONS_UPSERT("$1"), [contributionsJson(next)]);
}
