import { arabicCandidates, hasArabic } from "./arabic";
import { EntityEntryError } from "./errors";
import type { CountryEntry, KbEntry, KnowledgeBase, OrgEntry, PersonEntry, RegionEntry } from "./kb.types";
import { validateKbRow } from "./kb.validate";
import { isAllCaps } from "./english";
import { AR_STOPWORDS } from "./lexicon.ar";
import { nameTokens, type Token } from "./tokenize";
import { skeletonsAlike, translitTokens } from "./translit";
import { TokenTrie } from "./trie";

export type CountryVia = "name" | "demonym" | "capital" | "metonym";

export type Target =
  | { kind: "person"; id: string; form: "full" | "short" | "surname" }
  | { kind: "country"; code: string; via: CountryVia; capital?: string }
  | { kind: "place"; name: string; country: string }
  | { kind: "org"; id: string }
  | { kind: "region"; id: string };

export interface Payload {
  target: Target;
  lang: "en" | "ar";
  /** The form is also a common word: it counts only after a place cue (في مالي, in Chad). */
  weak: boolean;
  /** The knowledge-base form is an acronym (US, UN): the text must be upper case too. */
  caps: boolean;
}

export interface Candidate {
  start: number;
  /** Token index after the last token. */
  end: number;
  payloads: Payload[];
  /** The first token matched only after a clitic was stripped (والروسي → الروسي). */
  stripped: boolean;
}

// Shared by every token that starts no name; frozen, so a caller that pushed to it would fail loudly.
const NO_CANDIDATES = Object.freeze([]) as unknown as Candidate[];
// Lower-case words allowed inside a Latin-script name: "Ursula von der Leyen", "Bashar al-Assad".
const PARTICLES = new Set(["of", "the", "and", "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "al", "el", "bin", "ibn", "bint", "abu", "ul", "y", "e", "d", "s", "jr", "sr"]);
// Names where the family name comes first or a patronymic chain makes "last token" meaningless.
const FAMILY_FIRST = new Set(["CN", "TW", "HK", "KP", "KR", "VN", "KH", "MM", "HU"]);
const SUFFIX = /^(Jr\.?|Sr\.?|II|III|IV|جونيور|الابن)$/;
const LINK_WORDS = /(^|\s)(bin|ibn|bint|al|Al|بن|ابن|بنت|آل|ال|ولد)(\s|$)/;

const samePayload = (a: Payload, b: Payload): boolean => a.lang === b.lang && JSON.stringify(a.target) === JSON.stringify(b.target);

/** A lone word that is a function word in Arabic (علي = على after normalisation) never stands for a person. */
function isFunctionWord(word: string): boolean {
  const toks = nameTokens(word);
  return toks.length === 1 && (AR_STOPWORDS.has(toks[0]) || toks[0].length < 3);
}

function langOf(form: string): "en" | "ar" {
  return hasArabic(form) ? "ar" : "en";
}

/** Knowledge-base entries compiled into a token trie; `add` takes more at run time. */
export class EntityMatcher {
  readonly people = new Map<string, PersonEntry>();
  readonly countries = new Map<string, CountryEntry>();
  readonly orgs = new Map<string, OrgEntry>();
  readonly regions = new Map<string, RegionEntry>();
  private readonly trie = new TokenTrie<Payload>();
  private longest = 1;
  private surnameIndex?: Map<string, Set<string>>;

  constructor(kb?: Partial<Pick<KnowledgeBase, "countries" | "people" | "orgs" | "regions">>) {
    for (const c of kb?.countries ?? []) this.addCountry(c);
    for (const o of kb?.orgs ?? []) this.addOrg(o);
    for (const r of kb?.regions ?? []) this.addRegion(r);
    for (const p of kb?.people ?? []) this.addPerson(p);
  }

  /** Number of surface forms in the trie. */
  get size(): number {
    return this.trie.size;
  }

  /** Adds a person, country or organisation at run time (unverified people, curated aliases). */
  add(entry: KbEntry): void {
    const { type, ...row } = entry;
    const problems = validateKbRow(type, row);
    if (problems.length > 0) throw new EntityEntryError(`invalid ${type} entry: ${problems.join("; ")}`);
    if (type === "person") this.addPerson(row as PersonEntry);
    else if (type === "country") this.addCountry(row as CountryEntry);
    else if (type === "region") this.addRegion(row as RegionEntry);
    else this.addOrg(row as OrgEntry);
  }

  /** Adds one more full-name spelling to a known person (a curated alias). */
  addAlias(personId: string, alias: string): void {
    const person = this.people.get(personId);
    if (!person) throw new EntityEntryError(`addAlias: unknown person "${personId}"`);
    const lang = langOf(alias);
    const list = ((person.aliases ??= {})[lang] ??= []);
    if (!list.includes(alias)) list.push(alias);
    this.insertPersonForm(person, alias, "full");
  }

  private insert(form: string, target: Target, weak = false): void {
    const tokens = nameTokens(form);
    if (tokens.length === 0) return;
    const lang = langOf(form);
    const caps = lang === "en" && tokens.length === 1 && isAllCaps(form.replace(/\./g, ""));
    this.trie.insert(tokens, { target, lang, weak, caps }, samePayload);
    this.longest = Math.max(this.longest, tokens.length);
  }

  private addCountry(c: CountryEntry): void {
    this.countries.set(c.code, c);
    const weak = new Set(c.weak ?? []);
    const put = (forms: string[] | undefined, via: CountryVia) => {
      for (const f of forms ?? []) this.insert(f, { kind: "country", code: c.code, via }, weak.has(f));
    };
    for (const lang of ["en", "ar"] as const) {
      put(c.names[lang], "name");
      put(c.demonyms?.[lang], "demonym");
      for (const f of c.capitals?.[lang] ?? []) this.insert(f, { kind: "country", code: c.code, via: "capital", capital: capitalNamed(f, lang, c.capitals?.en ?? []) }, weak.has(f));
      put(c.metonyms?.[lang], "metonym");
    }
    for (const city of c.cities ?? []) {
      const name = city.en?.[0] ?? city.ar?.[0] ?? "";
      for (const f of [...(city.en ?? []), ...(city.ar ?? [])]) this.insert(f, { kind: "place", name, country: c.code }, weak.has(f));
    }
  }

  private addOrg(o: OrgEntry): void {
    this.orgs.set(o.id, o);
    const forms = [o.name.en, o.name.ar, ...(o.aliases?.en ?? []), ...(o.aliases?.ar ?? [])];
    for (const f of forms) if (f) this.insert(f, { kind: "org", id: o.id });
  }

  private addRegion(r: RegionEntry): void {
    this.regions.set(r.id, r);
    const forms = [r.name.en, r.name.ar, ...(r.aliases?.en ?? []), ...(r.aliases?.ar ?? [])];
    for (const f of forms) if (f) this.insert(f, { kind: "region", id: r.id });
  }

  private addPerson(p: PersonEntry): void {
    this.surnameIndex = undefined;
    const known = this.people.get(p.id);
    this.people.set(p.id, known ? mergePerson(known, p) : p);
    for (const f of [p.name.en, p.name.ar, ...(p.aliases?.en ?? []), ...(p.aliases?.ar ?? [])]) {
      if (f) this.insertPersonForm(p, f, "full");
    }
    for (const f of [...(p.short?.en ?? []), ...(p.short?.ar ?? [])]) {
      if (!isFunctionWord(f)) this.insert(f, { kind: "person", id: p.id, form: "short" });
    }
  }

  /** A full name, its first+last and initial forms, and its surname (valid after the full name). */
  private insertPersonForm(p: PersonEntry, form: string, kind: "full"): void {
    const target = { kind: "person" as const, id: p.id, form: kind };
    this.insert(form, target);
    const words = form.split(/\s+/).filter(Boolean);
    while (words.length > 2 && SUFFIX.test(words[words.length - 1])) words.pop();
    if (words.length < 2 || LINK_WORDS.test(form) || /^(King|Queen|Prince|Pope|Emperor|Sheikh|الملك|الملكة|الأمير|البابا|الشيخ|الإمبراطور|السلطان)\b/.test(form)) return;
    const last = words[words.length - 1];
    const familyFirst = FAMILY_FIRST.has(p.country ?? "");
    if (words.length >= 3 && !familyFirst) this.insert(`${words[0]} ${last}`, target);
    if (langOf(form) === "en" && /^[A-Z]/.test(words[0])) this.insert(`${words[0][0]}. ${last}`, target);
    if (!familyFirst && !isFunctionWord(last)) {
      this.insert(last, { kind: "person", id: p.id, form: "surname" });
    }
  }

  /** Ids of people one of whose full names ends in a word with this transliteration key. */
  peopleWithSurnameKey(key: string): Set<string> {
    if (!this.surnameIndex) {
      this.surnameIndex = new Map();
      for (const p of this.people.values()) {
        for (const f of [p.name.en, p.name.ar, ...(p.aliases?.en ?? []), ...(p.aliases?.ar ?? [])]) {
          if (!f) continue;
          const keys = translitTokens(f);
          const last = keys[keys.length - 1];
          if (!last) continue;
          const ids = this.surnameIndex.get(last) ?? new Set<string>();
          ids.add(p.id);
          this.surnameIndex.set(last, ids);
        }
      }
    }
    return this.surnameIndex.get(key) ?? new Set();
  }

  /** Every knowledge-base name starting at token `i`, longest first. */
  candidatesAt(tokens: readonly Token[], i: number): Candidate[] {
    const first = tokens[i];
    // Most tokens start no name: the common path allocates nothing.
    let out = NO_CANDIDATES;
    if (first.script !== "ar") out = this.matchesFrom(tokens, i, first.norm, false, out);
    else {
      const forms = arabicCandidates(first.norm);
      for (let k = 0; k < forms.length; k++) out = this.matchesFrom(tokens, i, forms[k], k > 0, out);
    }
    return out.length > 1 ? out.sort((a, b) => b.end - a.end || Number(a.stripped) - Number(b.stripped)) : out;
  }

  /** `out` with the names starting with `form` at token i added (a new list replaces the shared empty one). */
  private matchesFrom(tokens: readonly Token[], i: number, form: string, stripped: boolean, out: Candidate[]): Candidate[] {
    let node = this.trie.child(form);
    let j = i + 1;
    while (node) {
      if (node.payloads) {
        if (out === NO_CANDIDATES) out = [];
        out.push({ start: i, end: j, payloads: node.payloads, stripped });
      }
      if (j >= tokens.length || j - i >= this.longest) break;
      node = node.next?.get(tokens[j].norm);
      j++;
    }
    return out;
  }

  /** Latin-script forms must be written as names: capitalised words, acronyms in capitals. */
  static casingFits(tokens: readonly Token[], c: Candidate, p: Payload): boolean {
    if (p.lang !== "en") return true;
    const first = tokens[c.start];
    if (p.caps && !isAllCaps(first.surface) && !(first.surface.length === 1 && first.cap)) return false;
    for (let j = c.start; j < c.end; j++) {
      const t = tokens[j];
      if (t.script !== "lat") continue;
      if (!t.cap && !t.afterHyphen && !(j > c.start && PARTICLES.has(t.norm)) && !/^\p{N}/u.test(t.surface)) return false;
    }
    return true;
  }
}

function mergePerson(a: PersonEntry, b: PersonEntry): PersonEntry {
  const forms = (x?: { en?: string[]; ar?: string[] }, y?: { en?: string[]; ar?: string[] }) => ({
    en: [...new Set([...(x?.en ?? []), ...(y?.en ?? [])])],
    ar: [...new Set([...(x?.ar ?? []), ...(y?.ar ?? [])])],
  });
  return { ...a, ...b, aliases: forms(a.aliases, b.aliases), short: forms(a.short, b.short) };
}

/**
 * The English name of the city a capital form names: the first English capital (the place id used
 * so far) unless the form is another seat the country lists (Tel Aviv beside Jerusalem, Cape Town
 * beside Pretoria) that is not a spelling of the first (Kiev of Kyiv); the lists are unaligned across scripts.
 */
function capitalNamed(form: string, lang: "en" | "ar", english: string[]): string | undefined {
  const [first, ...others] = english;
  if (!first || skeletonsAlike(form, lang, first, "en")) return first;
  return others.find((name) => (lang === "en" ? name === form : skeletonsAlike(form, lang, name, "en")) && !skeletonsAlike(name, "en", first, "en")) ?? first;
}
