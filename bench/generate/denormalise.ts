import type { Pool } from "pg";

/**
 * Columns the read path serves without joins, computed from the loaded rows themselves (as the
 * ingest store keeps them): mention counts, event sizes and spans, folded search text.
 */
export const DENORMALISE: { name: string; sql: string }[] = [
  {
    name: "person.mention_count, person.search_text",
    sql: `UPDATE person p SET
            mention_count = coalesce(m.n, 0),
            search_text = khabar_fold(concat_ws(' ', (SELECT string_agg(v, ' ') FROM jsonb_each_text(q.names) AS e(k, v)), array_to_string(q.aliases, ' ')))
          FROM person q LEFT JOIN (SELECT person_id, count(*)::int AS n FROM article_person GROUP BY person_id) m ON m.person_id = q.id
          WHERE q.id = p.id`,
  },
  {
    name: "country.mention_count",
    sql: `UPDATE country c SET mention_count = coalesce(m.n, 0)
          FROM country d LEFT JOIN (SELECT country_code, count(*)::int AS n FROM article_country GROUP BY country_code) m ON m.country_code = d.code
          WHERE d.code = c.code`,
  },
  {
    name: "event.article_count, source_count, languages, starts_at, ends_at, search_text",
    sql: `UPDATE event e SET
            article_count = s.n, source_count = s.sources, languages = s.langs, starts_at = s.first_at, ends_at = s.last_at,
            search_text = khabar_fold(concat_ws(' ', e.titles->>'en', e.titles->>'ar', e.city))
          FROM (
            SELECT ae.event_id, count(DISTINCT ae.article_id)::int AS n, count(DISTINCT src.source_id)::int AS sources,
                   array_agg(DISTINCT a.language ORDER BY a.language) AS langs, min(ae.published_at) AS first_at, max(ae.published_at) AS last_at
              FROM article_event ae JOIN article a ON a.id = ae.article_id JOIN article_source src ON src.article_id = ae.article_id
             GROUP BY ae.event_id) s
          WHERE s.event_id = e.id`,
  },
];

/** Identity columns were given explicit values; the next ingest must continue after them. */
export const SEQUENCES = ["source", "person", "event", "article", "article_image"].map(
  (t) => `SELECT setval(pg_get_serial_sequence('${t}', 'id'), coalesce((SELECT max(id) FROM ${t}), 0) + 1, false)`,
);

/** Invariants of a generated (or ingested) database; each query counts violations. */
export const CHECKS: { name: string; sql: string }[] = [
  { name: "person.mention_count equals its article_person rows",
    sql: `SELECT count(*)::int AS n FROM person p WHERE p.mention_count <> (SELECT count(*) FROM article_person x WHERE x.person_id = p.id)` },
  { name: "country.mention_count equals its article_country rows",
    sql: `SELECT count(*)::int AS n FROM country c WHERE c.mention_count <> (SELECT count(*) FROM article_country x WHERE x.country_code = c.code)` },
  { name: "event.article_count equals its article_event rows",
    sql: `SELECT count(*)::int AS n FROM event e WHERE e.article_count <> (SELECT count(*) FROM article_event x WHERE x.event_id = e.id)` },
  { name: "every event has an article and a source",
    sql: `SELECT count(*)::int AS n FROM event e WHERE e.article_count < 1 OR e.source_count < 1` },
  { name: "mention tables carry their article's published_at",
    sql: `SELECT (SELECT count(*) FROM article_person x JOIN article a ON a.id = x.article_id WHERE x.published_at <> a.published_at)
               + (SELECT count(*) FROM article_country x JOIN article a ON a.id = x.article_id WHERE x.published_at <> a.published_at)
               + (SELECT count(*) FROM article_event x JOIN article a ON a.id = x.article_id WHERE x.published_at <> a.published_at)
               + (SELECT count(*) FROM article_source x JOIN article a ON a.id = x.article_id WHERE x.published_at <> a.published_at) AS n` },
  { name: "every article is carried by its own source",
    sql: `SELECT count(*)::int AS n FROM article a WHERE NOT EXISTS (SELECT 1 FROM article_source s WHERE s.article_id = a.id AND s.source_id = a.source_id)` },
  { name: "every article mentions 1–6 people and 1–4 countries",
    sql: `SELECT count(*)::int AS n FROM article a
           WHERE (SELECT count(*) FROM article_person x WHERE x.article_id = a.id) NOT BETWEEN 1 AND 6
              OR (SELECT count(*) FROM article_country x WHERE x.article_id = a.id) NOT BETWEEN 1 AND 4` },
  { name: "article.country_codes lists its article_country rows in order",
    sql: `SELECT count(*)::int AS n FROM article a WHERE a.country_codes IS DISTINCT FROM
            coalesce((SELECT array_agg(x.country_code::text ORDER BY x.salience DESC, x.count DESC, x.country_code) FROM article_country x WHERE x.article_id = a.id), '{}')` },
  { name: "every article has its text row, with its published_at",
    sql: `SELECT count(*)::int AS n FROM article a LEFT JOIN article_text t ON t.article_id = a.id WHERE t.published_at IS DISTINCT FROM a.published_at` },
  { name: "search_text is the folded names",
    sql: `SELECT count(*)::int AS n FROM person p WHERE p.search_text NOT LIKE '%' || khabar_fold(p.names->>'en') || '%'` },
];

export interface CheckResult { name: string; violations: number }

export async function verifyDataset(pool: Pool): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const c of CHECKS) {
    const { rows } = await pool.query<{ n: number | string }>(c.sql);
    out.push({ name: c.name, violations: Number(rows[0].n) });
  }
  return out;
}
