import type { DataSource } from "typeorm";
import { returning, syncRollups, type Queryable } from "../rollups";
import { CurationError, numericLabel, type IdLabel } from "./curation.errors";
import { lockPeople, writeNames, type CuratedPerson } from "./person.rows";

/** People merged in one request at most: a merge locks and rewrites every mention of each. */
export const MAX_MERGE = 20;

export interface MergeOutcome {
  into: number;
  merged: number[];
  /** Articles whose mentions moved to `into`. */
  articles: number;
  /** Counted articles mentioning `into` afterwards. */
  mentionCount: number;
}

function checkRequest(into: number, from: readonly number[]): void {
  if (from.length === 0) throw new CurationError("CURATION_BAD_VALUE", "from", "give at least one person to merge");
  if (from.length > MAX_MERGE) throw new CurationError("CURATION_BAD_VALUE", "from", `at most ${MAX_MERGE} people per merge, got ${from.length}`);
  from.forEach((id, i) => {
    if (id === into) throw new CurationError("CURATION_BAD_VALUE", `from[${i}]`, "a person cannot be merged into itself");
    if (from.indexOf(id) !== i) throw new CurationError("CURATION_BAD_VALUE", `from[${i}]`, "listed twice");
  });
}

/** The one Wikidata id of the group; two different ones mean two different people (or a data error to fix first). */
function survivingWikidata(group: CuratedPerson[], label: IdLabel): string | null {
  const held = group.filter((p) => p.wikidataId);
  const distinct = new Set(held.map((p) => p.wikidataId));
  if (distinct.size > 1) {
    const list = held.map((p) => `${label(p.id)} has ${p.wikidataId}`).join(", ");
    throw new CurationError("CURATION_CONFLICT", "from", `conflicting Wikidata ids (${list}); clear the wrong one with setWikidataId first`);
  }
  return held[0]?.wikidataId ?? null;
}

/** Names: the survivor's win per language; every other name and alias of the group becomes an alias. */
function mergedNames(into: CuratedPerson, from: CuratedPerson[]): { names: Record<string, string>; aliases: string[] } {
  const names: Record<string, string> = {};
  for (const p of [...from].reverse()) Object.assign(names, p.names);
  Object.assign(names, into.names);
  const own = new Set(Object.values(names));
  const forms = [...into.aliases, ...from.flatMap((p) => [...Object.values(p.names), ...p.aliases])];
  return { names, aliases: [...new Set(forms)].filter((f) => f.trim() && !own.has(f)) };
}

/**
 * Re-points every mention of `from` to `into`; an article naming both keeps one row with the counts
 * summed, the higher salience and the earlier offset. Returns the articles touched.
 */
async function moveMentions(q: Queryable, into: number, from: readonly number[]): Promise<number[]> {
  const rows: { articleId: number }[] = await q.query(
    `WITH gone AS (DELETE FROM article_person WHERE person_id = ANY($2::int[]) RETURNING article_id, count, salience, first_offset, published_at),
     merged AS (
       SELECT article_id, sum(count)::int AS count, max(salience) AS salience, min(first_offset) AS first_offset, min(published_at) AS published_at
       FROM (SELECT * FROM gone UNION ALL
             SELECT article_id, count, salience, first_offset, published_at FROM article_person
             WHERE person_id = $1 AND article_id IN (SELECT article_id FROM gone)) x
       GROUP BY article_id)
     INSERT INTO article_person (article_id, person_id, count, salience, first_offset, published_at)
     SELECT article_id, $1, count, salience, first_offset, published_at FROM merged
     ON CONFLICT (article_id, person_id) DO UPDATE SET count = EXCLUDED.count, salience = EXCLUDED.salience, first_offset = EXCLUDED.first_offset
     RETURNING article_id AS "articleId"`,
    [into, from]);
  return rows.map((r) => r.articleId);
}

/** Suggestions inside the group are settled; those naming a merged person now name the survivor. */
async function moveSuggestions(q: Queryable, into: number, from: readonly number[]): Promise<void> {
  const group = [into, ...from];
  await q.query(`DELETE FROM person_merge_suggestion WHERE person_id = ANY($1::int[]) AND other_id = ANY($1::int[])`, [group]);
  await q.query(
    `INSERT INTO person_merge_suggestion (person_id, other_id, confidence, reason, created_at)
     SELECT DISTINCT ON (p, o) p, o, confidence, reason, created_at FROM (
       SELECT CASE WHEN person_id = ANY($2::int[]) THEN $1 ELSE person_id END AS p,
              CASE WHEN other_id = ANY($2::int[]) THEN $1 ELSE other_id END AS o, confidence, reason, created_at
       FROM person_merge_suggestion WHERE person_id = ANY($2::int[]) OR other_id = ANY($2::int[])) s
     ORDER BY p, o, confidence DESC
     ON CONFLICT (person_id, other_id) DO UPDATE SET confidence = GREATEST(person_merge_suggestion.confidence, EXCLUDED.confidence)`,
    [into, from]);
  await q.query(`DELETE FROM person_merge_suggestion WHERE person_id = ANY($1::int[]) OR other_id = ANY($1::int[])`, [from]);
}

/**
 * Merges people into one, in one transaction: mentions move (no mention is lost: counts of an article
 * naming several of them are summed), mention counts are recounted, rollups follow the mentions,
 * names and aliases are pooled, a Wikidata id held by one side is kept (two different ones are refused),
 * merged rows stay with merged_into_id so their ids keep resolving, and merge suggestions are cleaned up.
 */
export async function mergePeople(db: DataSource, into: number, from: readonly number[], label: IdLabel = numericLabel): Promise<MergeOutcome> {
  checkRequest(into, from);
  return db.transaction(async (em) => {
    const people = await lockPeople(em, [{ id: into, argument: "into" }, ...from.map((id, i) => ({ id, argument: `from[${i}]` }))], label);
    const survivor = people.get(into)!;
    const absorbed = from.map((id) => people.get(id)!);
    const wikidataId = survivingWikidata([survivor, ...absorbed], label);
    const articles = await moveMentions(em, into, from);
    await em.query(
      `UPDATE person SET merged_into_id = $1, mention_count = 0, wikidata_id = NULL, updated_at = now() WHERE id = ANY($2::int[])`, [into, from]);
    // Earlier merges into an absorbed person now point straight at the survivor.
    await em.query(`UPDATE person SET merged_into_id = $1 WHERE merged_into_id = ANY($2::int[])`, [into, from]);
    const { names, aliases } = mergedNames(survivor, absorbed);
    await writeNames(em, into, names, aliases);
    const [{ n }] = await returning<{ n: number }>(em,
      `UPDATE person p SET wikidata_id = $2, description = $3::jsonb || p.description, country_code = COALESCE(p.country_code, $4),
         verified = p.verified OR $5, mention_count = (
           SELECT count(*)::int FROM article_person ap JOIN article a ON a.id = ap.article_id AND a.original_id IS NULL WHERE ap.person_id = $1)
       WHERE p.id = $1 RETURNING p.mention_count AS n`,
      [into, wikidataId, JSON.stringify(Object.assign({}, ...[...absorbed].reverse().map((p) => p.description))),
        absorbed.find((p) => p.countryCode)?.countryCode ?? null, absorbed.some((p) => p.verified)]);
    await moveSuggestions(em, into, from);
    await syncRollups(em, articles);
    return { into, merged: [...from], articles: articles.length, mentionCount: n };
  });
}
