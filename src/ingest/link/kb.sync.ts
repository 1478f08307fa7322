import type { DataSource, EntityManager } from "typeorm";
import type { KnowledgeBase, PersonEntry } from "../entities";
import { translitTokens } from "../entities";

export interface PersonNameKeys { key: string; surname: string }

/** Transliteration keys of a name, from its English form when there is one. */
export function nameKeys(names: Record<string, string | undefined>): PersonNameKeys | undefined {
  const [text, lang] = names.en ? [names.en, "en"] : names.ar ? [names.ar, "ar"] : [Object.values(names).find(Boolean), "en"];
  if (!text) return undefined;
  const tokens = translitTokens(text, lang);
  if (tokens.length === 0) return undefined;
  return { key: tokens.join(" "), surname: tokens[tokens.length - 1] };
}

function personRow(p: PersonEntry) {
  const names: Record<string, string> = {};
  if (p.name.en) names.en = p.name.en;
  if (p.name.ar) names.ar = p.name.ar;
  const aliases = [...new Set([...(p.aliases?.en ?? []), ...(p.aliases?.ar ?? []), ...(p.short?.en ?? []), ...(p.short?.ar ?? [])])];
  const keys = nameKeys(names);
  return {
    kb_id: p.id,
    names,
    aliases,
    wikidata_id: p.wikidata?.trim() || null,
    country_code: p.country?.toUpperCase() || null,
    description: p.description ?? {},
    translit_key: keys?.key ?? null,
    translit_surname: keys?.surname ?? null,
    search: [...Object.values(names), ...aliases].join(" "),
  };
}

async function syncPeople(em: EntityManager, people: PersonEntry[]): Promise<number> {
  const seenWikidata = new Set<string>();
  const rows = people.map(personRow).map((r) => {
    // Two rows claiming one Wikidata id would break its unique index; the first keeps it.
    if (r.wikidata_id && seenWikidata.has(r.wikidata_id)) return { ...r, wikidata_id: null };
    if (r.wikidata_id) seenWikidata.add(r.wikidata_id);
    return r;
  });
  if (rows.length === 0) return 0;
  // Curated aliases survive a re-sync: the knowledge base only ever adds names.
  await em.query(
    `INSERT INTO person (kb_id, names, aliases, wikidata_id, country_code, description, translit_key, translit_surname, search_text, verified)
     SELECT r.kb_id, r.names, r.aliases, r.wikidata_id, c.code, r.description, r.translit_key, r.translit_surname, khabar_fold(r.search), true
     FROM jsonb_to_recordset($1::jsonb) AS r(kb_id text, names jsonb, aliases text[], wikidata_id text, country_code text,
       description jsonb, translit_key text, translit_surname text, search text)
     LEFT JOIN country c ON c.code = r.country_code
     ON CONFLICT (kb_id) WHERE kb_id IS NOT NULL DO UPDATE SET
       names = person.names || EXCLUDED.names,
       aliases = ARRAY(SELECT DISTINCT unnest(person.aliases || EXCLUDED.aliases)),
       wikidata_id = COALESCE(person.wikidata_id, EXCLUDED.wikidata_id),
       country_code = COALESCE(EXCLUDED.country_code, person.country_code),
       description = person.description || EXCLUDED.description,
       translit_key = EXCLUDED.translit_key, translit_surname = EXCLUDED.translit_surname,
       search_text = khabar_fold(array_to_string(ARRAY(SELECT jsonb_each_text.value FROM jsonb_each_text(person.names || EXCLUDED.names)), ' ')
         || ' ' || array_to_string(ARRAY(SELECT DISTINCT unnest(person.aliases || EXCLUDED.aliases)), ' ')),
       verified = true, updated_at = now()`,
    [JSON.stringify(rows)]);
  return rows.length;
}

async function syncCountries(em: EntityManager, kb: KnowledgeBase): Promise<number> {
  const rows = kb.countries.map((c) => ({
    code: c.code.toUpperCase(),
    search: [c.name.en, c.name.ar, ...(c.names.en ?? []), ...(c.names.ar ?? []), ...(c.demonyms?.en ?? []), ...(c.demonyms?.ar ?? []),
      ...(c.capitals?.en ?? []), ...(c.capitals?.ar ?? [])].filter(Boolean).join(" "),
  }));
  await em.query(
    `UPDATE country c SET search_text = khabar_fold(c.name_en || ' ' || c.name_ar || ' ' || c.alpha3 || ' ' || r.search)
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, search text) WHERE c.code = r.code`,
    [JSON.stringify(rows)]);
  return rows.length;
}

/**
 * Loads the shipped knowledge base into the database (people by their KB id, country search names).
 * Idempotent; run at start-up, so edits to the data files reach the database on the next start.
 */
export async function syncKnowledgeBase(db: DataSource, kb: KnowledgeBase): Promise<{ people: number; countries: number }> {
  return db.transaction(async (em) => ({ people: await syncPeople(em, kb.people), countries: await syncCountries(em, kb) }));
}
