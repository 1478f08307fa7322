import { MigrationInterface, QueryRunner } from "typeorm";
import { nameKeys } from "../../ingest/link/kb.sync";

/**
 * Transliteration keys now read a leading أل/إل/آل as part of a foreign name (ألكاراز = Alcaraz,
 * ALKRZ), not as the article ال (which gave KRZ), so Arabic and Latin spellings meet. People whose
 * key came from such an Arabic name are re-keyed, or new mentions of them would miss them by surname.
 * Down leaves the new keys: they are what the code computes.
 */
export class TranslitHamzaAl1764375400000 implements MigrationInterface {
  name = "TranslitHamzaAl1764375400000";

  async up(q: QueryRunner): Promise<void> {
    const rows: { id: number; names: Record<string, string> }[] = await q.query(
      `SELECT id, names FROM person WHERE NOT (names ? 'en') AND names->>'ar' ~ '(^|[^\\u0600-\\u06ff])[أإآ]ل[\\u0600-\\u06ff]'`);
    const updates = rows.flatMap((r) => {
      const keys = nameKeys(r.names);
      return keys ? [{ id: r.id, key: keys.key, surname: keys.surname }] : [];
    });
    if (updates.length === 0) return;
    await q.query(
      `UPDATE person p SET translit_key = r.key, translit_surname = r.surname
       FROM jsonb_to_recordset($1::jsonb) AS r(id int, key text, surname text) WHERE p.id = r.id`,
      [JSON.stringify(updates)]);
  }

  async down(): Promise<void> {}
}
