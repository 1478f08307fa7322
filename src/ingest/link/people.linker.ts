import type { DataSource, EntityManager } from "typeorm";
import { compareNames, SAME_PERSON_THRESHOLD, SUGGEST_THRESHOLD, type PersonRef } from "../entities";
import { nameKeys } from "./kb.sync";

type NewRef = Extract<PersonRef, { kind: "new" }>;

interface Candidate { id: number; names: Record<string, string>; aliases: string[] }

/** Stable key of a reference, to map extractor output to person ids. */
export function refKey(ref: PersonRef): string {
  return ref.kind === "kb" ? `kb:${ref.id}` : `new:${ref.key}`;
}

/** Best confidence that `ref` names the candidate, over the candidate's names and aliases. */
function bestMatch(ref: NewRef, c: Candidate): { confidence: number; reason: string } {
  let best = { confidence: 0, reason: "" };
  const forms = [...Object.entries(c.names).map(([lang, text]) => ({ text, lang })), ...c.aliases.map((text) => ({ text, lang: /[\u0600-\u06FF]/.test(text) ? "ar" : "en" }))];
  for (const form of forms) {
    const r = compareNames({ text: ref.name, lang: ref.lang }, form);
    if (r.confidence > best.confidence) best = r;
  }
  return best;
}

/**
 * Turns the extractor's person references into person ids. Knowledge-base people are looked up by
 * their KB id; people found in text join an existing person when the transliteration key says it is
 * surely them, are created unverified otherwise, with a merge suggestion when it might be them.
 */
export class PeopleLinker {
  private constructor(private readonly kbIds: Map<string, number>) {}

  static async load(db: DataSource): Promise<PeopleLinker> {
    const rows: { kbId: string; id: number }[] = await db.query(
      `SELECT kb_id AS "kbId", COALESCE(merged_into_id, id) AS id FROM person WHERE kb_id IS NOT NULL`);
    return new PeopleLinker(new Map(rows.map((r) => [r.kbId, r.id])));
  }

  async resolve(em: EntityManager, refs: PersonRef[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const ref of refs) {
      const key = refKey(ref);
      if (out.has(key)) continue;
      const id = ref.kind === "kb" ? await this.kbPerson(em, ref.id) : await this.textPerson(em, ref);
      if (id !== undefined) out.set(key, id);
    }
    return out;
  }

  private async kbPerson(em: EntityManager, kbId: string): Promise<number | undefined> {
    // People first found in text are added to the matcher as "db:<person id>".
    if (kbId.startsWith("db:")) {
      const rows: { id: number }[] = await em.query(`SELECT COALESCE(merged_into_id, id) AS id FROM person WHERE id = $1`, [Number(kbId.slice(3))]);
      return rows[0]?.id;
    }
    const cached = this.kbIds.get(kbId);
    if (cached !== undefined) return cached;
    const rows: { id: number }[] = await em.query(`SELECT COALESCE(merged_into_id, id) AS id FROM person WHERE kb_id = $1`, [kbId]);
    if (rows[0]) this.kbIds.set(kbId, rows[0].id);
    return rows[0]?.id;
  }

  private async textPerson(em: EntityManager, ref: NewRef): Promise<number> {
    const keys = nameKeys({ [ref.lang]: ref.name });
    const surname = keys?.surname ?? ref.key;
    // Two workers meeting the same new name at once must not both create it.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('person:' || $1))`, [surname]);
    const candidates: Candidate[] = await em.query(
      `SELECT id, names, aliases FROM person WHERE translit_surname = $1 AND merged_into_id IS NULL ORDER BY verified DESC, mention_count DESC LIMIT 20`,
      [surname]);
    let suggestion: { id: number; confidence: number; reason: string } | undefined;
    for (const c of candidates) {
      const m = bestMatch(ref, c);
      if (m.confidence >= SAME_PERSON_THRESHOLD) {
        const known = new Set([...Object.values(c.names), ...c.aliases]);
        await this.rememberAliases(em, c.id, [ref.name, ...ref.aliases].filter((f) => f && !known.has(f)));
        return c.id;
      }
      if (m.confidence >= SUGGEST_THRESHOLD && (!suggestion || m.confidence > suggestion.confidence)) suggestion = { id: c.id, ...m };
    }
    const names = { [ref.lang]: ref.name };
    const [row] = await em.query(
      `INSERT INTO person (names, aliases, verified, translit_key, translit_surname, search_text)
       VALUES ($1, $2, false, $3, $4, khabar_fold($5)) RETURNING id`,
      [names, ref.aliases, keys?.key ?? ref.key, surname, [ref.name, ...ref.aliases].join(" ")]);
    if (suggestion) {
      await em.query(
        `INSERT INTO person_merge_suggestion (person_id, other_id, confidence, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [row.id, suggestion.id, suggestion.confidence, suggestion.reason]);
    }
    return row.id;
  }

  /** A new spelling of a known person becomes one of their aliases, so search finds it. */
  private async rememberAliases(em: EntityManager, id: number, forms: string[]): Promise<void> {
    if (forms.length === 0) return;
    await em.query(
      `UPDATE person SET aliases = ARRAY(SELECT DISTINCT unnest(aliases || $2::text[])),
         search_text = search_text || ' ' || khabar_fold(array_to_string($2::text[], ' '))
       WHERE id = $1`,
      [id, forms]);
  }
}
