import { Pool } from "pg";

/**
 * What PostGraphile needs beyond the gateway's tables: a search function equivalent to the gateway's
 * article search (src/graphql/loaders/article-query.ts textCondition: the language tsvector through
 * websearch_to_tsquery in the query's language, OR the folded `simple` tsvector through to_tsquery),
 * newest first, walking article_text as the gateway does. Not STRICT: PostgreSQL inlines only
 * non-strict SQL functions, and inlined, the caller's LIMIT reaches the plan (as it does in the
 * gateway's query). Created only in the benchmark database, in a schema of its own.
 */
export const BENCH_PG_SCHEMA = "bench_pg";

export const BENCH_PG_SQL = `
CREATE SCHEMA IF NOT EXISTS ${BENCH_PG_SCHEMA};
CREATE OR REPLACE FUNCTION ${BENCH_PG_SCHEMA}.search_articles(q text, lang text, simple_query text)
RETURNS SETOF public.article LANGUAGE sql STABLE AS $$
  SELECT a.* FROM public.article_text t JOIN public.article a ON a.id = t.article_id
   WHERE t.tsv_lang @@ websearch_to_tsquery(lang::regconfig, q)
      OR t.tsv_simple @@ to_tsquery('simple', simple_query)
   ORDER BY t.published_at DESC, t.article_id DESC
$$;
COMMENT ON FUNCTION ${BENCH_PG_SCHEMA}.search_articles(text, text, text) IS
  'Full-text article search as the Khabar gateway does it; lang is english or arabic, simple_query the folded to_tsquery text.';
`;

export async function installBenchPgSchema(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(BENCH_PG_SQL);
  } finally {
    await pool.end();
  }
}
