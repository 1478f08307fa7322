import type { DataSource, EntityManager } from "typeorm";
import { compareNames, SAME_PERSON_THRESHOLD, SUGGEST_THRESHOLD, type PersonRef } from "../entities";
import { nameKeys } from "./kb.sync";

type NewRef = Extract<PersonRef, { kind: "new" }>;

interface Candidate { id: number; names: Record<string, string>; aliases: string[] }

/** What a batch adds to a stored person: new spellings, and their name in a language they had none in. */
interface PersonUpdate { forms: Set<string>; names: Record<string, string> }

/** A person the batch creates; its id is allocated once all references are matched. */
interface Created extends Candidate { key: string; surname: string; suggestion?: { other: Candidate; confidence: number; reason: string } }

const CANDIDATES_PER_NAME = 20;

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

function surnameOf(ref: NewRef): { key: string; surname: string } {
  const keys = nameKeys({ [ref.lang]: ref.name });
  return { key: keys?.key ?? ref.key, surname: keys?.surname ?? ref.key };
}

/**
 * Turns the extractor's person references into person ids. Knowledge-base people are looked up by
 * their KB id; people found in text join an existing person when the transliteration key says it is
 * surely them, are created unverified otherwise, with a merge suggestion when it might be them.
 *
 * A refresh resolves all its references at once (`prepare`: a few statements whatever their number);
 * `resolve` then answers from what this transaction already resolved.
 */
export class PeopleLinker {
  /** Per transaction (its EntityManager): reference key → person id, for text and `db:` references. */
  private readonly memo = new WeakMap<object, Map<string, number>>();
  /** Per transaction: new aliases of stored people held for `writeAliases` (asked for with `aliasesLater`). */
  private readonly heldAliases = new WeakMap<object, Map<number, PersonUpdate>>();

  private constructor(private readonly kbIds: Map<string, number>) {}

  static async load(db: DataSource): Promise<PeopleLinker> {
    const rows: { kbId: string; id: number }[] = await db.query(
      `SELECT kb_id AS "kbId", COALESCE(merged_into_id, id) AS id FROM person WHERE kb_id IS NOT NULL`);
    return new PeopleLinker(new Map(rows.map((r) => [r.kbId, r.id])));
  }

  async resolve(em: EntityManager, refs: PersonRef[]): Promise<Map<string, number>> {
    await this.prepare(em, refs);
    const out = new Map<string, number>();
    for (const ref of refs) {
      const key = refKey(ref);
      const id = this.known(em, ref);
      if (!out.has(key) && id !== undefined) out.set(key, id);
    }
    return out;
  }

  /**
   * Resolves every reference of a batch: one statement per kind of reference, four when new names are met.
   * With `aliasesLater`, new spellings of stored people are held until `writeAliases`: a caller that
   * links before taking the write lock leaves stored people's rows unlocked until it holds it.
   */
  async prepare(em: EntityManager, refs: PersonRef[], opts: { aliasesLater?: boolean } = {}): Promise<void> {
    // Spellings sharing a key (برونو رودريغيز, Bruno Rodríguez) all count: each may add a name or an alias.
    const spelling = (r: PersonRef) => (r.kind === "new" ? `${refKey(r)}|${r.lang}|${r.name}` : refKey(r));
    const todo = [...new Map(refs.filter((r) => this.known(em, r) === undefined).map((r) => [spelling(r), r])).values()];
    const kb = todo.flatMap((r) => (r.kind === "kb" && !r.id.startsWith("db:") ? [r.id] : []));
    const db = todo.flatMap((r) => (r.kind === "kb" && r.id.startsWith("db:") ? [r.id] : []));
    const fresh = todo.filter((r): r is NewRef => r.kind === "new");
    if (kb.length) await this.kbPeople(em, kb);
    if (db.length) await this.dbPeople(em, db);
    if (fresh.length) await this.textPeople(em, fresh, opts.aliasesLater === true);
  }

  /** Whether `prepare` held aliases for this transaction: its caller must then take the write lock and `writeAliases`. */
  holdsAliases(em: EntityManager): boolean {
    return (this.heldAliases.get(em)?.size ?? 0) > 0;
  }

  /** Writes the aliases `prepare` held for this transaction: one statement, none when there are none. */
  async writeAliases(em: EntityManager): Promise<void> {
    const held = this.heldAliases.get(em);
    this.heldAliases.delete(em);
    if (held?.size) await this.writePeople(em, [], held);
  }

  private known(em: EntityManager, ref: PersonRef): number | undefined {
    if (ref.kind === "kb" && !ref.id.startsWith("db:")) return this.kbIds.get(ref.id);
    return this.memo.get(em)?.get(refKey(ref));
  }

  private remember(em: EntityManager, key: string, id: number): void {
    let memo = this.memo.get(em);
    if (!memo) this.memo.set(em, (memo = new Map()));
    memo.set(key, id);
  }

  private async kbPeople(em: EntityManager, kbIds: string[]): Promise<void> {
    const rows: { kbId: string; id: number }[] = await em.query(
      `SELECT kb_id AS "kbId", COALESCE(merged_into_id, id) AS id FROM person WHERE kb_id = ANY($1::text[])`, [kbIds]);
    for (const r of rows) this.kbIds.set(r.kbId, r.id);
  }

  // People first found in text are added to the matcher as "db:<person id>".
  private async dbPeople(em: EntityManager, refIds: string[]): Promise<void> {
    const asked = refIds.map((r) => ({ r, id: Number(r.slice(3)) })).filter((x) => Number.isInteger(x.id) && x.id > 0 && x.id < 2 ** 31);
    const rows: { id: number; survivor: number }[] = await em.query(
      `SELECT id, COALESCE(merged_into_id, id) AS survivor FROM person WHERE id = ANY($1::int[])`, [asked.map((x) => x.id)]);
    const survivor = new Map(rows.map((row) => [row.id, row.survivor]));
    for (const { r, id } of asked) if (survivor.has(id)) this.remember(em, refKey({ kind: "kb", id: r }), survivor.get(id)!);
  }

  /** New names matched against stored people (and earlier names of the batch); those that match no one are created. */
  private async textPeople(em: EntityManager, refs: NewRef[], aliasesLater: boolean): Promise<void> {
    const named = refs.map((ref) => ({ ref, ...surnameOf(ref) }));
    const surnames = [...new Set(named.map((n) => n.surname))];
    let plan = matchNames(named, await this.readCandidates(em, surnames));
    // Only a name that creates a person needs the surname locks; then everything is matched again under them.
    if (plan.created.length) {
      await this.lockSurnames(em, surnames);
      plan = matchNames(named, await this.readCandidates(em, surnames));
    }
    const { created, aliases, chosen } = plan;
    if (aliasesLater) {
      const held = this.heldAliases.get(em) ?? new Map<number, PersonUpdate>();
      for (const [id, u] of aliases) {
        const before = held.get(id);
        held.set(id, { forms: new Set([...(before?.forms ?? []), ...u.forms]), names: { ...u.names, ...before?.names } });
      }
      this.heldAliases.set(em, held);
      aliases.clear();
    }
    await this.writePeople(em, created, aliases);
    for (const [key, c] of chosen) this.remember(em, key, c.id);
  }

  /** Two workers meeting the same new name at once must not both create it: a lock per surname, taken in order. */
  private async lockSurnames(em: EntityManager, surnames: string[]): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('person:' || s)) FROM unnest($1::text[]) AS s`, [[...surnames].sort()]);
  }

  private async readCandidates(em: EntityManager, surnames: string[]): Promise<Map<string, Candidate[]>> {
    const sorted = [...surnames].sort();
    const rows: (Candidate & { surname: string })[] = await em.query(
      `SELECT id, names, aliases, translit_surname AS surname FROM (
         SELECT id, names, aliases, translit_surname,
           row_number() OVER (PARTITION BY translit_surname ORDER BY verified DESC, mention_count DESC, id) AS n
         FROM person WHERE translit_surname = ANY($1::text[]) AND merged_into_id IS NULL) p
       WHERE n <= ${CANDIDATES_PER_NAME} ORDER BY translit_surname, n`,
      [sorted]);
    const out = new Map<string, Candidate[]>();
    for (const r of rows) out.set(r.surname, [...(out.get(r.surname) ?? []), { id: r.id, names: r.names, aliases: r.aliases }]);
    return out;
  }

  /** New people (ids allocated first), their merge suggestions and new aliases of known people: two statements. */
  private async writePeople(em: EntityManager, created: Created[], aliases: Map<number, PersonUpdate>): Promise<void> {
    if (created.length === 0 && aliases.size === 0) return;
    if (created.length) {
      const ids: { id: number }[] = await em.query(
        `SELECT nextval(pg_get_serial_sequence('person', 'id'))::int AS id FROM generate_series(1, $1::int)`, [created.length]);
      created.forEach((c, i) => (c.id = ids[i].id));
    }
    const people = created.map((c) => ({
      id: c.id, names: c.names, aliases: c.aliases, key: c.key, surname: c.surname, search: [...Object.values(c.names), ...c.aliases].join(" "),
    }));
    const suggestions = created.flatMap((c) => (c.suggestion ? [{ person_id: c.id, other_id: c.suggestion.other.id, confidence: c.suggestion.confidence, reason: c.suggestion.reason }] : []));
    await em.query(
      `WITH np AS (
         INSERT INTO person (id, names, aliases, verified, translit_key, translit_surname, search_text)
         SELECT r.id, r.names, r.aliases, false, r.key, r.surname, khabar_fold(r.search)
         FROM jsonb_to_recordset($1::jsonb) AS r(id int, names jsonb, aliases text[], key text, surname text, search text)),
       ms AS (
         INSERT INTO person_merge_suggestion (person_id, other_id, confidence, reason)
         SELECT r.person_id, r.other_id, r.confidence, r.reason FROM jsonb_to_recordset($2::jsonb) AS r(person_id int, other_id int, confidence real, reason text)
         ON CONFLICT DO NOTHING),
       al AS (
         UPDATE person p SET aliases = ARRAY(SELECT DISTINCT unnest(p.aliases || r.forms)), names = r.names || p.names,
           search_text = p.search_text || ' ' || khabar_fold(array_to_string(r.forms, ' '))
         FROM jsonb_to_recordset($3::jsonb) AS r(id int, forms text[], names jsonb) WHERE p.id = r.id)
       SELECT 1`,
      [JSON.stringify(people), JSON.stringify(suggestions), JSON.stringify([...aliases].map(([id, u]) => ({ id, forms: [...u.forms], names: u.names })))]);
  }
}

/** New names, in order: each joins the first candidate sure to be them (earlier new names of the batch included) or becomes a person. */
function matchNames(named: { ref: NewRef; key: string; surname: string }[], candidates: Map<string, Candidate[]>) {
  const created: Created[] = [];
  const isNew = new Set<Candidate>();
  const aliases = new Map<number, PersonUpdate>();
  const chosen = new Map<string, Candidate>();
  for (const { ref, key, surname } of named) {
    const list = candidates.get(surname) ?? [];
    let suggestion: Created["suggestion"];
    let match: Candidate | undefined;
    for (const c of list) {
      const m = bestMatch(ref, c);
      if (m.confidence >= SAME_PERSON_THRESHOLD) {
        match = c;
        break;
      }
      if (m.confidence >= SUGGEST_THRESHOLD && (!suggestion || m.confidence > suggestion.confidence)) suggestion = { other: c, ...m };
    }
    if (match) {
      addAliases(match, ref, isNew.has(match) ? undefined : aliases);
    } else {
      const person: Created = { id: 0, names: { [ref.lang]: ref.name }, aliases: [...ref.aliases], key, surname, suggestion };
      created.push(person);
      isNew.add(person);
      candidates.set(surname, [...list, person]);
      match = person;
    }
    chosen.set(refKey(ref), match);
  }
  return { created, aliases, chosen };
}

/**
 * A new spelling of a known person becomes one of their aliases, so search finds it, and a full name
 * in a language they had no name in becomes that name (غريغ أبوت met as "Greg Abbott" answers
 * name(lang: "en")). Recorded for the update (`pending`, stored people) or added to the row about to
 * be inserted (people the batch creates). Names already held are never replaced.
 */
function addAliases(c: Candidate, ref: NewRef, pending: Map<number, PersonUpdate> | undefined): void {
  const known = new Set([...Object.values(c.names), ...c.aliases]);
  const added = [...new Set([ref.name, ...ref.aliases].filter((f) => f && !known.has(f)))];
  const names: Record<string, string> = {};
  if (!c.names[ref.lang] && ref.name.trim().split(/\s+/).length >= 2) names[ref.lang] = ref.name;
  if (added.length === 0 && !names[ref.lang]) return;
  c.aliases.push(...added);
  Object.assign(c.names, names);
  if (!pending) return;
  const update = pending.get(c.id) ?? { forms: new Set<string>(), names: {} };
  for (const f of added) update.forms.add(f);
  update.names = { ...names, ...update.names };
  pending.set(c.id, update);
}
