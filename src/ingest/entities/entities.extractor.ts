/**
 * People, countries, places and organisations mentioned in one article. Pure: text and a
 * matcher in, mentions out; linear in the text (one trie walk per token, bounded look-ahead).
 */
import { arabicCandidates } from "./arabic";
import { blankCredits, findEmbeddedCredits } from "./credits";
import { discoverArabic } from "./discover.ar";
import { discoverEnglish } from "./discover.en";
import type { EntityInput, EntityResult, Mention, MentionSpan, PersonRef, SectionName } from "./entities.types";
import { kbPass, notesFrom, type KbSpan } from "./kb.pass";
import type { EntityMatcher } from "./matcher";
import { OVERRIDABLE, resolvePeople, type NewPerson, type Suggestion } from "./people.resolve";
import { markTeams } from "./sports";
import { tokenize, type Token } from "./tokenize";

/** Section weights of the salience noisy-OR: a title mention says more than a caption one. */
export const SALIENCE_WEIGHTS: Record<SectionName, number> = { title: 0.6, summary: 0.4, body: 0.15, caption: 0.05 };

export interface Section {
  name: SectionName;
  start: number;
  end: number;
}

export interface PreparedText {
  text: string;
  sections: Section[];
  /** Names from bylines and credits, normalised word sets: a person inside one is not mentioned. */
  excluded: Set<string>[];
  creditTexts: string[];
}

function wordSet(s: string): Set<string> {
  return new Set(tokenize(s).flatMap((t) => (t.script === "ar" ? arabicCandidates(t.norm) : [t.norm])));
}

/** Concatenates the parts (title\n\nsummary\n\nbody\n\ncaptions) with embedded credits blanked. */
export function prepareText(input: EntityInput): PreparedText {
  const parts: { name: SectionName; text: string }[] = [
    { name: "title", text: input.title ?? "" },
    { name: "summary", text: input.summary ?? "" },
    { name: "body", text: input.bodyText ?? "" },
  ];
  const creditTexts = [...(input.credits ?? [])];
  for (const cap of input.captions ?? []) {
    const found = findEmbeddedCredits(cap);
    creditTexts.push(...found.map((f) => f.text));
    parts.push({ name: "caption", text: blankCredits(cap, found) });
  }
  if (parts.length === 3) parts.push({ name: "caption", text: "" });
  const sections: Section[] = [];
  let text = "";
  parts.forEach((p, k) => {
    if (k > 0) text += "\n\n";
    sections.push({ name: p.name, start: text.length, end: text.length + p.text.length });
    text += p.text;
  });
  const excluded = [...creditTexts, ...(input.authors ?? [])].map((c) => wordSet(c.replace(/\//g, " "))).filter((s) => s.size > 0);
  return { text, sections, excluded, creditTexts };
}

function sectionAt(sections: Section[], offset: number): SectionName {
  for (const s of sections) if (offset >= s.start && offset <= s.end) return s.name;
  return "body";
}

function excludedPerson(tokens: readonly Token[], start: number, end: number, excluded: Set<string>[]): boolean {
  if (excluded.length === 0) return false;
  const words = tokens.slice(start, end).map((t) => t.norm);
  return excluded.some((set) => words.every((w) => set.has(w) || arabicCandidates(w).some((c) => set.has(c))));
}

/**
 * A shared name (محمد حسن, Mike Johnson) is the knowledge-base person only in an article that
 * names their country; elsewhere its words are left to discovery as someone new.
 */
function confirmedOnly(kb: KbSpan[], matcher: EntityMatcher): { kb: KbSpan[]; allowed: (id: string) => boolean } {
  const countries = new Set(kb.flatMap((s) => (s.payload.target.kind === "country" ? [s.payload.target.code] : [])));
  const allowed = (id: string) => {
    const p = matcher.people.get(id);
    return !p?.ambiguous || (p.country !== undefined && countries.has(p.country));
  };
  return { kb: kb.filter((s) => s.payload.target.kind !== "person" || allowed(s.payload.target.id)), allowed };
}

export interface Analysis {
  spans: MentionSpan[];
  newPeople: Map<string, NewPerson>;
  suggestions: Suggestion[];
}

/**
 * Span-level mentions of one prepared text. Discovery rules run for Arabic-script words when
 * the language is "ar" or unknown, for Latin-script words when it is "en" or unknown; any
 * other language gets knowledge-base matching only.
 */
export function analyseText(prepared: PreparedText, matcher: EntityMatcher, language?: string): Analysis {
  const { text, sections, excluded } = prepared;
  const tokens = tokenize(text);
  const { kb, allowed } = confirmedOnly(kbPass(tokens, matcher), matcher);
  markTeams(tokens, kb);
  const notes = notesFrom(tokens, kb);
  const lang = (language ?? "").toLowerCase().split("-")[0];
  const discovered = [
    ...(lang === "ar" || lang === "" ? discoverArabic(tokens, notes, text) : []),
    ...(lang === "en" || lang === "" ? discoverEnglish(tokens, notes, text) : []),
  ].sort((a, b) => a.start - b.start);
  const taken = new Uint8Array(tokens.length);
  for (const s of kb) {
    const soft = s.end - s.start === 1 && s.payload.target.kind === "country" && s.via === "demonym";
    for (let j = s.start; j < s.end; j++) taken[j] = soft ? OVERRIDABLE : 3;
  }
  const named = new Set<string>();
  for (const s of kb) if (s.payload.target.kind === "person") named.add(s.payload.target.id);
  const people = resolvePeople(tokens, taken, discovered, matcher, named, allowed);
  const spans: MentionSpan[] = [];
  const newPeople = new Map<string, NewPerson>();
  const make = (start: number, end: number) => {
    const a = tokens[start].start;
    const b = tokens[end - 1].end;
    return { start: a, end: b, tokenStart: start, tokenEnd: end, surface: text.slice(a, b), section: sectionAt(sections, a) };
  };
  const claimed = new Set(people.spans.map((p) => p.start));
  for (const s of kb) {
    const t = s.payload.target;
    if (claimed.has(s.start)) continue;
    if (t.kind === "person") {
      if (!excludedPerson(tokens, s.start, s.end, excluded)) spans.push({ ...make(s.start, s.end), kind: "person", id: t.id });
    } else if (t.kind === "country") {
      const c = matcher.countries.get(t.code);
      if (s.via === "city") spans.push({ ...make(s.start, s.end), kind: "place", id: t.capital ?? c?.capitals?.en?.[0] ?? t.code, country: t.code, via: "city" });
      else spans.push({ ...make(s.start, s.end), kind: "country", id: t.code, via: s.via });
    } else if (t.kind === "place") {
      spans.push({ ...make(s.start, s.end), kind: "place", id: t.name, country: t.country, via: "city" });
    } else if (t.kind === "region") {
      spans.push({ ...make(s.start, s.end), kind: "region", id: t.id });
    } else {
      spans.push({ ...make(s.start, s.end), kind: "org", id: t.id });
    }
  }
  for (const p of people.spans) {
    if (excludedPerson(tokens, p.start, p.end, excluded)) continue;
    if (p.ref.kind === "kb") spans.push({ ...make(p.start, p.end), kind: "person", id: p.ref.id });
    else {
      newPeople.set(p.ref.person.id, p.ref.person);
      spans.push({ ...make(p.start, p.end), kind: "person", id: p.ref.person.id });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return { spans, newPeople, suggestions: people.suggestions };
}

interface Acc extends Mention {
  keep: number;
}

function accumulate(map: Map<string, Acc>, key: string, s: MentionSpan): Acc {
  let m = map.get(key);
  if (!m) {
    m = { count: 0, firstOffset: s.start, salience: 0, surfaces: [], keep: 1 };
    map.set(key, m);
  }
  m.count++;
  m.firstOffset = Math.min(m.firstOffset, s.start);
  m.keep *= 1 - SALIENCE_WEIGHTS[s.section];
  if (!m.surfaces.includes(s.surface)) m.surfaces.push(s.surface);
  return m;
}

function finish(m: Acc): Mention {
  return { count: m.count, firstOffset: m.firstOffset, salience: Math.round((1 - m.keep) * 1000) / 1000, surfaces: m.surfaces };
}

function creditedOrgs(creditTexts: string[], matcher: EntityMatcher): { orgs: string[]; names: string[] } {
  const orgs = new Set<string>();
  const names = new Set<string>();
  for (const c of creditTexts) {
    const prepared: PreparedText = { text: c, sections: [{ name: "body", start: 0, end: c.length }], excluded: [], creditTexts: [] };
    const found = analyseText(prepared, matcher, "none").spans.filter((s) => s.kind === "org");
    found.forEach((s) => orgs.add(s.id));
    const rest = c.split("/").map((x) => x.trim()).filter((x) => x && !found.some((s) => x.includes(s.surface)));
    rest.forEach((x) => names.add(x));
  }
  return { orgs: [...orgs], names: [...names] };
}

/** Mentions per entity for one article; see EntityInput and Mention for the conventions. */
export function extractEntities(input: EntityInput, matcher: EntityMatcher): EntityResult {
  const prepared = prepareText(input);
  const { spans, newPeople, suggestions } = analyseText(prepared, matcher, input.language);
  const people = new Map<string, Acc>();
  const countries = new Map<string, Acc & { via: Set<string> }>();
  const places = new Map<string, Acc>();
  const orgs = new Map<string, Acc>();
  const regions = new Map<string, Acc>();
  const placeCountry = new Map<string, string>();
  for (const s of spans) {
    if (s.kind === "person") accumulate(people, s.id, s);
    else if (s.kind === "org") accumulate(orgs, s.id, s);
    else if (s.kind === "region") accumulate(regions, s.id, s);
    else {
      const code = s.kind === "country" ? s.id : s.country!;
      const acc = accumulate(countries as Map<string, Acc>, code, s) as Acc & { via?: Set<string> };
      (acc.via ??= new Set()).add(s.via ?? "name");
      if (s.kind === "place") {
        accumulate(places, s.id, s);
        placeCountry.set(s.id, s.country!);
      }
    }
  }
  const refOf = (id: string): PersonRef => {
    const n = newPeople.get(id);
    return n ? { kind: "new", name: n.name, lang: n.lang, aliases: n.aliases, key: n.key } : { kind: "kb", id };
  };
  const bySalience = <T extends Mention>(xs: T[]) => xs.sort((a, b) => b.salience - a.salience || a.firstOffset - b.firstOffset);
  return {
    people: bySalience([...people].map(([id, m]) => ({ ...finish(m), ref: refOf(id) }))),
    countries: bySalience([...countries].map(([code, m]) => ({ ...finish(m), code, via: [...m.via] as EntityResult["countries"][number]["via"] }))),
    places: bySalience([...places].map(([name, m]) => ({ ...finish(m), name, country: placeCountry.get(name)! }))),
    orgs: bySalience([...orgs].map(([id, m]) => ({ ...finish(m), id }))),
    regions: bySalience([...regions].map(([id, m]) => ({ ...finish(m), id }))),
    suggestions: dedupeSuggestions(suggestions),
    credited: creditedOrgs(prepared.creditTexts, matcher),
  };
}

function dedupeSuggestions(xs: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return xs.filter((s) => {
    const k = `${s.a}\u0000${s.b}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

