import type { Queryable } from "./contribution.store";

/** Entities of an article that look for neighbours: its rarest-and-most-salient eight. */
export const RELATED_ENTITIES = 8;
/** Neighbours read per entity: 20 before the article and 10 after it, within 30 days. */
const BEFORE = 20;
const AFTER = 10;
const WINDOW = "30 days";
/** Articles of the article's own event looked at. */
const EVENT_ARTICLES = 50;
/** Shared-entity weight halves when the other article is three days away (1 / (1 + Δt / 3 d)). */
const DECAY_SECONDS = 3 * 86_400;

export interface RelatedRow {
  parentId: number;
  articleId: number;
  sameEvent: boolean;
  score: number;
}

// The CASE keeps a country code from ever being cast to a person id (it yields NULL, which matches nothing).
const neighbours = (table: string, column: string, cast: string, kind: string) => `
  (SELECT article_id, published_at FROM ${table} WHERE ${column} = (CASE WHEN e.kind = '${kind}' THEN e.ref END)::${cast}
     AND published_at <= e.at AND published_at > e.at - interval '${WINDOW}' ORDER BY published_at DESC LIMIT ${BEFORE})
  UNION ALL
  (SELECT article_id, published_at FROM ${table} WHERE ${column} = (CASE WHEN e.kind = '${kind}' THEN e.ref END)::${cast}
     AND published_at > e.at AND published_at < e.at + interval '${WINDOW}' ORDER BY published_at LIMIT ${AFTER})`;

const idf = (key: string, fallback: string) =>
  `ln((n.total + 1) / (coalesce((SELECT df FROM entity_stat WHERE key = ${key}), ${fallback}, 0) + 0.5))`;

/**
 * Related articles of many parents in one statement: the parent's event-mates first, then articles
 * sharing its entities, each shared entity weighted by rarity (idf from the clusterer's document
 * frequencies, mention counts when it has none) × salience × closeness in time. Bounded: at most
 * 50 + 8 × 30 candidates per parent, all through (entity, published_at) indexes. Near-duplicates,
 * the parent's own original and the parent itself are left out.
 */
export async function relatedArticles(q: Queryable, parentIds: readonly number[], limit: number): Promise<RelatedRow[]> {
  if (parentIds.length === 0) return [];
  return q.query(
    `WITH parent AS (SELECT a.id, a.published_at AS at, a.original_id FROM article a WHERE a.id = ANY($1::int[])),
     n AS (SELECT greatest(coalesce((SELECT df FROM entity_stat WHERE key = '__total__'), 0),
                           (SELECT reltuples FROM pg_class WHERE oid = 'article'::regclass), 1)::float8 AS total),
     ents AS (
       SELECT p.id AS parent, p.at, x.kind, x.ref, x.w FROM parent p CROSS JOIN n CROSS JOIN LATERAL (
         SELECT * FROM (
           SELECT 'p' AS kind, ap.person_id::text AS ref, ${idf("'p:' || ap.person_id", "pe.mention_count")} * (0.3 + 0.7 * ap.salience) AS w
           FROM article_person ap JOIN person pe ON pe.id = ap.person_id WHERE ap.article_id = p.id
           UNION ALL
           SELECT 'c', ac.country_code::text, ${idf("'c:' || ac.country_code", "co.mention_count")} * (0.3 + 0.7 * ac.salience)
           FROM article_country ac JOIN country co ON co.code = ac.country_code WHERE ac.article_id = p.id
         ) y WHERE y.w > 0 ORDER BY y.w DESC, y.kind, y.ref LIMIT ${RELATED_ENTITIES}) x
     ),
     cands AS (
       SELECT p.id AS parent, x.article_id AS cand, x.published_at, true AS same_event, 0::float8 AS w
       FROM parent p JOIN article_event pe ON pe.article_id = p.id CROSS JOIN LATERAL (
         SELECT article_id, published_at FROM article_event WHERE event_id = pe.event_id ORDER BY published_at DESC LIMIT ${EVENT_ARTICLES}) x
       UNION ALL
       SELECT e.parent, x.article_id, x.published_at, false, e.w FROM ents e CROSS JOIN LATERAL (
         ${neighbours("article_person", "person_id", "int", "p")}
         UNION ALL
         ${neighbours("article_country", "country_code", "bpchar", "c")}) x
     ),
     scored AS (
       SELECT c.parent, c.cand, bool_or(c.same_event) AS same_event, max(c.published_at) AS published_at,
         sum(c.w / (1 + abs(extract(epoch FROM c.published_at - pa.at)) / ${DECAY_SECONDS})) AS score
       FROM cands c JOIN parent pa ON pa.id = c.parent JOIN article a ON a.id = c.cand
       WHERE c.cand <> c.parent AND a.original_id IS NULL AND c.cand IS DISTINCT FROM pa.original_id
       GROUP BY c.parent, c.cand
     )
     SELECT parent AS "parentId", cand AS "articleId", same_event AS "sameEvent", score FROM (
       SELECT s.*, row_number() OVER (PARTITION BY s.parent ORDER BY s.same_event DESC, s.score DESC, s.published_at DESC, s.cand DESC) AS rn
       FROM scored s) r
     WHERE rn <= $2 ORDER BY parent, rn`,
    [parentIds, limit]);
}
