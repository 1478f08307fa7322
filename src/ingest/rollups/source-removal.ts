import { returning, type Queryable } from "./contribution.store";

/** Ids of the articles only this source carried (run after articles other sources carry were handed over). */
export async function articlesOnlyOn(q: Queryable, sourceId: number): Promise<number[]> {
  const rows: { id: number }[] = await q.query(`SELECT id FROM article WHERE source_id = $1`, [sourceId]);
  return rows.map((r) => r.id);
}

/**
 * Near-duplicates on other sources of originals that are about to go: in each family the oldest copy
 * becomes the original (and starts counting), the others point at it. Without this the foreign key's
 * SET NULL would turn every copy into an uncounted "original". Returns the promoted ids.
 */
export async function promoteSurvivingCopies(q: Queryable, sourceId: number): Promise<number[]> {
  const rows = await returning<{ id: number; originalId: number | null }>(q, 
    `WITH heirs AS (
       SELECT DISTINCT ON (c.original_id) c.original_id AS old_id, c.id AS heir FROM article c
       WHERE c.source_id <> $1 AND c.original_id IN (SELECT id FROM article WHERE source_id = $1)
       ORDER BY c.original_id, c.id)
     UPDATE article c SET original_id = CASE WHEN c.id = h.heir THEN NULL ELSE h.heir END
     FROM heirs h WHERE c.original_id = h.old_id AND c.source_id <> $1
     RETURNING c.id, c.original_id AS "originalId"`,
    [sourceId]);
  const heirs = rows.filter((r) => r.originalId === null).map((r) => r.id);
  if (heirs.length) {
    await q.query(
      `UPDATE person p SET mention_count = p.mention_count + x.n
       FROM (SELECT person_id, count(*)::int AS n FROM article_person WHERE article_id = ANY($1::int[]) GROUP BY person_id) x WHERE p.id = x.person_id`,
      [heirs]);
    await q.query(
      `UPDATE country c SET mention_count = c.mention_count + x.n
       FROM (SELECT country_code, count(*)::int AS n FROM article_country WHERE article_id = ANY($1::int[]) GROUP BY country_code) x WHERE c.code = x.country_code`,
      [heirs]);
  }
  return heirs;
}
