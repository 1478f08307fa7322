import type { DataSource } from "typeorm";
import type { Queryable } from "../rollups";
import { CurationError, numericLabel, type IdLabel } from "./curation.errors";
import { lockPeople, writeNames } from "./person.rows";

export const MAX_ALIAS_LENGTH = 200;
const WIKIDATA_ID = /^Q[1-9]\d{0,11}$/;

/** An alias as stored: trimmed, inner whitespace collapsed, no control characters, not empty, bounded. */
export function cleanAlias(raw: string): string {
  const alias = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!alias) throw new CurationError("CURATION_BAD_VALUE", "alias", "must not be empty");
  if (alias.length > MAX_ALIAS_LENGTH) throw new CurationError("CURATION_BAD_VALUE", "alias", `at most ${MAX_ALIAS_LENGTH} characters, got ${alias.length}`);
  if (/[\u0000-\u001f\u007f]/.test(alias)) throw new CurationError("CURATION_BAD_VALUE", "alias", "must not contain control characters");
  return alias;
}

/** Adds a spelling search and matching should know; a name or alias the person already has changes nothing. */
export async function addAlias(db: DataSource, personId: number, raw: string, label: IdLabel = numericLabel): Promise<boolean> {
  const alias = cleanAlias(raw);
  return db.transaction(async (em) => {
    const p = (await lockPeople(em, [{ id: personId, argument: "person" }], label)).get(personId)!;
    if (p.aliases.includes(alias) || Object.values(p.names).includes(alias)) return false;
    await writeNames(em, personId, p.names, [...p.aliases, alias]);
    return true;
  });
}

export async function removeAlias(db: DataSource, personId: number, raw: string, label: IdLabel = numericLabel): Promise<void> {
  const alias = cleanAlias(raw);
  await db.transaction(async (em) => {
    const p = (await lockPeople(em, [{ id: personId, argument: "person" }], label)).get(personId)!;
    if (!p.aliases.includes(alias)) {
      const hint = Object.values(p.names).includes(alias) ? " (it is one of the person's names)" : "";
      throw new CurationError("CURATION_BAD_VALUE", "alias", `"${alias.slice(0, 80)}" is not an alias of ${label(personId)}${hint}`);
    }
    await writeNames(em, personId, p.names, p.aliases.filter((a) => a !== alias));
  });
}

/** Sets (or with null clears) the Wikidata id; an id another person holds is refused, naming that person. */
export async function setWikidataId(db: DataSource, personId: number, raw: string | null, label: IdLabel = numericLabel): Promise<void> {
  const id = raw === null ? null : raw.trim().toUpperCase();
  if (id !== null && !WIKIDATA_ID.test(id)) {
    throw new CurationError("CURATION_BAD_VALUE", "wikidataId", `"${raw!.slice(0, 40)}" is not a Wikidata item id (Q followed by digits, e.g. "Q7747")`);
  }
  await db.transaction(async (em) => {
    await lockPeople(em, [{ id: personId, argument: "person" }], label);
    if (id !== null) {
      const holders: { id: number; mergedIntoId: number | null }[] = await em.query(
        `SELECT id, merged_into_id AS "mergedIntoId" FROM person WHERE wikidata_id = $1 AND id <> $2`, [id, personId]);
      if (holders[0]) {
        const h = holders[0];
        const advice = h.mergedIntoId === null ? `merge the two with mergePeople or clear it there first` : `it was merged into ${label(h.mergedIntoId)}`;
        throw new CurationError("CURATION_CONFLICT", "wikidataId", `${id} already belongs to ${label(h.id)}; ${advice}`);
      }
    }
    await em.query(`UPDATE person SET wikidata_id = $2, updated_at = now() WHERE id = $1`, [personId, id]);
  });
}

export interface SuggestionRow {
  personId: number;
  otherId: number;
  confidence: number;
  reason: string;
  createdAt: Date;
}

/** Pending suggestions between two live people, most confident first. */
export async function listMergeSuggestions(q: Queryable, limit: number): Promise<SuggestionRow[]> {
  return q.query(
    `SELECT s.person_id AS "personId", s.other_id AS "otherId", s.confidence, s.reason, s.created_at AS "createdAt"
     FROM person_merge_suggestion s
     JOIN person p ON p.id = s.person_id AND p.merged_into_id IS NULL
     JOIN person o ON o.id = s.other_id AND o.merged_into_id IS NULL
     ORDER BY s.confidence DESC, s.created_at DESC, s.person_id, s.other_id LIMIT $1`,
    [limit]);
}

/** An analyst's "not the same person": the suggestion goes (either direction). False when there was none. */
export async function dismissMergeSuggestion(q: Queryable, personId: number, otherId: number): Promise<boolean> {
  const rows: unknown[] = await q.query(
    `WITH gone AS (DELETE FROM person_merge_suggestion WHERE (person_id = $1 AND other_id = $2) OR (person_id = $2 AND other_id = $1) RETURNING 1)
     SELECT 1 FROM gone`,
    [personId, otherId]);
  return rows.length > 0;
}
