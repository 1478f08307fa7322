/**
 * Turns people found by cues into identities: links them to the knowledge base when the
 * transliteration keys agree, merges spellings of one new person within the article
 * (سيرغي ريابكوف / ريابكوف / Ryabkov), suggests uncertain pairs, and finds later lone surnames.
 */
import { arabicCandidates } from "./arabic";
import type { Discovered } from "./discover.types";
import { isCommonWord } from "./lexicon.en";
import { AR_COMMON_NOUNS, AR_SPEECH_VERBS, AR_STOPWORDS } from "./lexicon.ar";
import type { EntityMatcher } from "./matcher";
import type { Token } from "./tokenize";
import { compareNames, SAME_PERSON_THRESHOLD, SUGGEST_THRESHOLD, translitKey, translitTokens } from "./translit";

export interface NewPerson {
  id: string;
  name: string;
  lang: "ar" | "en";
  aliases: string[];
  key: string;
}

export interface PersonSpan {
  start: number;
  end: number;
  ref: { kind: "kb"; id: string } | { kind: "new"; person: NewPerson };
}

export interface Suggestion {
  a: string;
  b: string;
  confidence: number;
  reason: string;
}

/** `taken` value of a knowledge-base word that a person found in the same article may claim. */
export const OVERRIDABLE = 2;

interface Group {
  person: NewPerson;
  words: number;
  /** Named by a title or a verb of saying at least once: a one-word name is then a surname. */
  cued: boolean;
  spans: { start: number; end: number }[];
}

function surfaceOf(tokens: readonly Token[], start: number, end: number): string {
  return tokens.slice(start, end).map((t) => t.surface).join(" ");
}

/**
 * The knowledge-base person a found name is, when the keys say so; else suggestions. A lone
 * word (حسن, Salah) links only to someone the article already names in full.
 */
function linkToKb(
  name: string,
  lang: "ar" | "en",
  matcher: EntityMatcher,
  named: Set<string>,
  allowed: (id: string) => boolean,
  suggestions: Suggestion[],
): string | undefined {
  const keys = translitTokens(name, lang);
  if (keys.length === 0) return undefined;
  const lone = keys.length === 1;
  let best: { id: string; conf: number; reason: string; label: string } | undefined;
  for (const id of matcher.peopleWithSurnameKey(keys[keys.length - 1])) {
    if ((lone && !named.has(id)) || !allowed(id)) continue;
    const p = matcher.people.get(id)!;
    const forms = [p.name[lang], ...(p.aliases?.[lang] ?? []), p.name[lang === "ar" ? "en" : "ar"]].filter((f): f is string => !!f);
    for (const f of forms) {
      const r = compareNames({ text: name, lang }, { text: f, lang: /[\u0600-\u06ff]/.test(f) ? "ar" : "en" });
      if (!best || r.confidence > best.conf) best = { id, conf: r.confidence, reason: r.reason, label: f };
    }
  }
  if (!best) return undefined;
  if (best.conf >= SAME_PERSON_THRESHOLD) return best.id;
  if (best.conf >= SUGGEST_THRESHOLD) suggestions.push({ a: name, b: best.id, confidence: best.conf, reason: best.reason });
  return undefined;
}

function groupNewPeople(found: { d: Discovered; name: string }[], suggestions: Suggestion[]): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group[]>();
  // The same spelling always joins the same group: compare each distinct name once.
  const byName = new Map<string, Group>();
  const ordered = [...found].sort((x, y) => y.d.end - y.d.start - (x.d.end - x.d.start) || x.d.start - y.d.start);
  for (const { d, name } of ordered) {
    const same = byName.get(name);
    if (same) {
      same.spans.push({ start: d.start, end: d.end });
      same.cued ||= d.cue === "title" || d.cue === "speech";
      continue;
    }
    const keys = translitTokens(name, d.lang);
    if (keys.length === 0) continue;
    const bucket = byKey.get(keys[keys.length - 1]) ?? [];
    let home: Group | undefined;
    for (const g of bucket) {
      const r = compareNames({ text: name, lang: d.lang }, { text: g.person.name, lang: g.person.lang });
      if (r.confidence >= SAME_PERSON_THRESHOLD) {
        home = g;
        break;
      }
      if (r.confidence >= SUGGEST_THRESHOLD) suggestions.push({ a: name, b: g.person.name, confidence: r.confidence, reason: r.reason });
    }
    if (!home) {
      const key = translitKey(name, d.lang);
      // Two people may share a key (Ahmed Hassan / Ahmed Hussein): the id keeps the spelling too.
      home = { person: { id: `new:${key}|${name}`, name, lang: d.lang, aliases: [], key }, words: d.end - d.start, spans: [], cued: false };
      groups.push(home);
      bucket.push(home);
      byKey.set(keys[keys.length - 1], bucket);
    } else if (name !== home.person.name && !home.person.aliases.includes(name)) {
      home.person.aliases.push(name);
    }
    home.spans.push({ start: d.start, end: d.end });
    home.cued ||= d.cue === "title" || d.cue === "speech";
    byName.set(name, home);
  }
  return groups;
}

/** Lone surnames of the article's new people, anywhere in it (a title may name them first). */
function propagateSurnames(tokens: readonly Token[], taken: Uint8Array, groups: Group[]): void {
  const bySurname = new Map<string, Group>();
  for (const g of groups) {
    if (g.words < 2 && !g.cued) continue;
    const last = tokens[g.spans[0].end - 1];
    // A surname that is also a verb or noun (طالب "demanded", حرب "war") is not read alone as the person.
    const ok = last.script === "ar" ? !AR_STOPWORDS.has(last.norm) && !AR_SPEECH_VERBS.has(last.norm) && !AR_COMMON_NOUNS.has(last.norm) : !isCommonWord(last.norm);
    if (ok && last.norm.length >= 3 && !bySurname.has(last.norm)) bySurname.set(last.norm, g);
  }
  if (bySurname.size === 0) return;
  for (let i = 0; i < tokens.length; i++) {
    // 2 marks a one-word demonym reading (كينيون "Kenyans"): the article's own Kenyon outranks it.
    if (taken[i] && taken[i] !== OVERRIDABLE) continue;
    const t = tokens[i];
    if (t.script === "lat" && !t.cap) continue;
    const forms = t.script === "ar" ? arabicCandidates(t.norm) : [t.norm];
    const form = forms.find((f) => bySurname.has(f));
    const g = form === undefined ? undefined : bySurname.get(form);
    if (!g) continue;
    // "Melania Trump" again where no cue found it: the whole name, not a lone "Trump" alias.
    const from = fullNameBefore(tokens, taken, g, i);
    if (from < i) {
      g.spans.push({ start: from, end: i + 1 });
      continue;
    }
    g.spans.push({ start: i, end: i + 1 });
    // وألكاراز is "and Alcaraz": only the bare word is a spelling of the name.
    if (form !== t.norm) continue;
    const alias = t.surface;
    if (alias !== g.person.name && !g.person.aliases.includes(alias)) g.person.aliases.push(alias);
  }
}

/** Start of the group's full name when the words before surname token i spell it, else i. */
function fullNameBefore(tokens: readonly Token[], taken: Uint8Array, g: Group, i: number): number {
  const first = g.spans[0];
  const given = first.end - first.start - 1;
  if (given < 1 || i - given < 0) return i;
  for (let j = 0; j < given; j++) {
    const k = i - given + j;
    if ((taken[k] && taken[k] !== OVERRIDABLE) || tokens[k].norm !== tokens[first.start + j].norm) return i;
  }
  return i - given;
}

/**
 * A name read one word too far (كوندوليزا رايس نشرت) is cut back when the article also has it
 * without that word: a trailing verb or noun is not part of anyone's name.
 */
function trimToKnownNames(tokens: readonly Token[], discovered: Discovered[]): void {
  const key = (d: { start: number; end: number }) => tokens.slice(d.start, d.end).map((t) => t.norm).join(" ");
  const known = new Set(discovered.filter((d) => d.end - d.start >= 2).map(key));
  for (const d of discovered) {
    while (d.end - d.start >= 3 && known.has(key({ start: d.start, end: d.end - 1 }))) d.end--;
  }
}

/** Person spans (knowledge-base links and new people) for the discovered names of one article. */
export function resolvePeople(
  tokens: readonly Token[],
  taken: Uint8Array,
  discovered: Discovered[],
  matcher: EntityMatcher,
  named: Set<string>,
  allowed: (id: string) => boolean = () => true,
): { spans: PersonSpan[]; suggestions: Suggestion[] } {
  const suggestions: Suggestion[] = [];
  const spans: PersonSpan[] = [];
  const fresh: { d: Discovered; name: string }[] = [];
  const linked = new Map<string, string | undefined>();
  trimToKnownNames(tokens, discovered);
  for (const d of discovered) {
    for (let j = d.start; j < d.end; j++) taken[j] = 3;
    const name = surfaceOf(tokens, d.start, d.end);
    if (!linked.has(name)) linked.set(name, linkToKb(name, d.lang, matcher, named, allowed, suggestions));
    const kbId = linked.get(name);
    if (kbId) spans.push({ start: d.start, end: d.end, ref: { kind: "kb", id: kbId } });
    else fresh.push({ d, name });
  }
  const groups = groupNewPeople(fresh, suggestions);
  propagateSurnames(tokens, taken, groups);
  for (const g of groups) for (const s of g.spans) spans.push({ ...s, ref: { kind: "new", person: g.person } });
  return { spans: spans.sort((a, b) => a.start - b.start), suggestions };
}
