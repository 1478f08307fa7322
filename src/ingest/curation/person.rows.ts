import type { Queryable } from "../rollups";
import { CurationError, type IdLabel } from "./curation.errors";

export interface CuratedPerson {
  id: number;
  names: Record<string, string>;
  aliases: string[];
  wikidataId: string | null;
  description: Record<string, string>;
  countryCode: string | null;
  verified: boolean;
  mergedIntoId: number | null;
}

const COLS = `id, names, aliases, wikidata_id AS "wikidataId", description, country_code AS "countryCode", verified, merged_into_id AS "mergedIntoId"`;

/** The people, locked for the rest of the transaction; each must exist and not be merged away. */
export async function lockPeople(q: Queryable, ids: { id: number; argument: string }[], label: IdLabel): Promise<Map<number, CuratedPerson>> {
  const rows: CuratedPerson[] = await q.query(
    `SELECT ${COLS} FROM person WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [ids.map((i) => i.id)]);
  const byId = new Map(rows.map((r) => [r.id, { ...r, countryCode: r.countryCode?.trim() ?? null }]));
  for (const { id, argument } of ids) {
    const row = byId.get(id);
    if (!row) throw new CurationError("CURATION_NOT_FOUND", argument, `no ${label(id)}`);
    if (row.mergedIntoId !== null) {
      throw new CurationError("CURATION_MERGED", argument, `${label(id)} was merged into ${label(row.mergedIntoId)}; use that id`);
    }
  }
  return byId;
}

/** The text trigram search matches: every name and alias, folded (mirrors the KB sync and the linker). */
export const SEARCH_TEXT = (names: string, aliases: string) =>
  `khabar_fold(array_to_string(ARRAY(SELECT v FROM jsonb_each_text(${names}) AS j(k, v)) || ${aliases}, ' '))`;

/** Writes names, aliases and the search text that follows from them. */
export async function writeNames(q: Queryable, id: number, names: Record<string, string>, aliases: string[]): Promise<void> {
  await q.query(
    `UPDATE person SET names = $2::jsonb, aliases = $3::text[], search_text = ${SEARCH_TEXT("$2::jsonb", "$3::text[]")}, updated_at = now() WHERE id = $1`,
    [id, JSON.stringify(names), aliases]);
}
