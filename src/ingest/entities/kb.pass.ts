/**
 * The knowledge-base pass: leftmost-longest matching over the token stream, choosing one
 * reading per match from context (casing, place cues for weak forms, a full name seen before
 * its surname, a capital used as a location or as the state).
 */
import { normalizeArabic } from "./arabic";
import type { TokenNotes } from "./discover.types";
import type { CountryMentionVia } from "./entities.types";
import { EN_TITLE_MODIFIERS, EN_TITLES, isCommonWord, isGivenName } from "./lexicon.en";
import { AR_AMBIGUOUS_GIVEN, AR_GIVEN_NAMES, AR_NAME_LINKS, AR_STOPWORDS } from "./lexicon.ar";
import { EntityMatcher, type Candidate, type Payload } from "./matcher";
import { namesPlace } from "./namesake";
import type { Token } from "./tokenize";

export interface KbSpan {
  start: number;
  end: number;
  payload: Payload;
  /** For countries and places: how the state was named; a capital after "in"/"في" is a city. */
  via?: CountryMentionVia;
}

const norm = (words: string) => new Set(words.split(" ").map(normalizeArabic));
// Before a weak form (مالي, Chad) or a capital: words that make it a place.
const LOCATIVE = norm("in at into inside near outside across from to في الى إلى داخل خارج قرب بالقرب أنحاء انحاء");
const STATE_CUE = norm("of دولة جمهورية حكومة رئيس رئيسة عاصمة سفارة سفير government president embassy republic state");
const PRIORITY: Record<string, number> = { person: 0, org: 1, country: 2, region: 3, place: 4 };
// A country name after these is part of another name: ولاية جورجيا (US state), بحيرة تشاد, Lake Chad.
const FEATURE = norm("state lake river sea gulf mainland ولاية بحيرة نهر بحر خليج");
const VIA_RANK: Record<string, number> = { name: 0, metonym: 1, capital: 2, demonym: 3 };

function prevNorm(tokens: readonly Token[], i: number): string | undefined {
  return i > 0 ? tokens[i - 1].norm : undefined;
}

/** The clitic glued to an Arabic match says "in/to" (بموسكو، لمالي). */
function locativeClitic(t: Token, c: Candidate): boolean {
  return c.stripped && t.script === "ar" && /^(و|ف)?(ب|ل)/.test(t.norm);
}

/**
 * "Melania Trump", "Hunter Biden": a capitalised word no dictionary knows, right before a known
 * surname, is a relative's given name — not "President", "Mr", "Republican" (dictionary words).
 */
function unlistedName(t: Token): boolean {
  return t.norm.length >= 3 && /^\p{Lu}\p{Ll}+$/u.test(t.surface) && !isCommonWord(t.norm) && !EN_TITLES.has(t.norm) && !EN_TITLE_MODIFIERS.has(t.norm);
}

function afterGivenName(tokens: readonly Token[], i: number, unlisted = false): boolean {
  const p = tokens[i - 1];
  if (!p || tokens[i].start - p.end > 1) return false;
  if (p.script === "lat") return p.cap && !p.sentenceStart && (isGivenName(p.norm) || (unlisted && unlistedName(p)));
  return p.script === "ar" && AR_GIVEN_NAMES.has(p.norm) && !AR_AMBIGUOUS_GIVEN.has(p.norm) && !AR_STOPWORDS.has(p.norm);
}

// Of the name links, those that follow a given name: بن/ابن (son of) and آل (family of; ال once normalised).
const NAME_LINKS_AFTER_GIVEN = new Set(["بن", "ابن", "آل", "ال"].filter((w) => AR_NAME_LINKS.has(w)));

function beforeNameLink(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i];
  return !!next && next.script === "ar" && tokens[i - 1].script === "ar" && next.start - tokens[i - 1].end <= 1 && NAME_LINKS_AFTER_GIVEN.has(next.norm);
}

function acceptable(tokens: readonly Token[], c: Candidate, p: Payload, activePeople: Set<string> | null): boolean {
  if (!EntityMatcher.casingFits(tokens, c, p)) return false;
  const t = p.target;
  if (t.kind === "person" && t.form === "surname" && !activePeople?.has(t.id)) return false;
  // "Hans Scholz", "هانس شولتس": a known surname after someone else's given name is that someone.
  if (t.kind === "person" && t.form !== "full" && afterGivenName(tokens, c.start, true)) return false;
  if (t.kind === "person" && namesPlace(tokens, c.start, c.end)) return false;
  const prev = prevNorm(tokens, c.start);
  if (p.weak && !(prev && (LOCATIVE.has(prev) || STATE_CUE.has(prev))) && !locativeClitic(tokens[c.start], c)) return false;
  // "تركي آل الشيخ", "تركي بن عبد الله": a one-word country or place right before بن/آل is someone's given name.
  if ((t.kind === "country" || t.kind === "place") && c.end - c.start === 1 && beforeNameLink(tokens, c.end)) return false;
  // "Michael Jordan", "جورج واشنطن": a place name right after a given name is a surname.
  if ((t.kind === "country" || t.kind === "place") && c.end - c.start === 1 && afterGivenName(tokens, c.start)) return false;
  if ((t.kind === "country" || t.kind === "place") && prev && FEATURE.has(prev)) return false;
  // "US$ 20,000" is a currency.
  if (t.kind === "country" && tokens[c.end - 1].dollar) return false;
  return true;
}

function rank(p: Payload): number {
  const t = p.target;
  return PRIORITY[t.kind] * 10 + (t.kind === "country" ? VIA_RANK[t.via] : 0) + (t.kind === "person" && t.form === "surname" ? 5 : 0);
}

function choose(tokens: readonly Token[], c: Candidate, active: Set<string> | null): Payload | undefined {
  let best: Payload | undefined;
  for (const p of c.payloads) {
    if (!acceptable(tokens, c, p, active)) continue;
    if (!best || rank(p) < rank(best)) best = p;
  }
  return best;
}

function viaOf(tokens: readonly Token[], c: Candidate, p: Payload): CountryMentionVia | undefined {
  const t = p.target;
  if (t.kind === "place") return "city";
  if (t.kind !== "country") return undefined;
  if (t.via !== "capital") return t.via;
  const prev = prevNorm(tokens, c.start);
  return (prev && LOCATIVE.has(prev)) || locativeClitic(tokens[c.start], c) ? "city" : "capital";
}

/**
 * Two passes over the candidates found once per position: the first learns which people are
 * named in full, the second lets their bare surnames count (لافروف after سيرجي لافروف).
 */
export function kbPass(tokens: readonly Token[], matcher: EntityMatcher): KbSpan[] {
  const cands = new Map<number, Candidate[]>();
  for (let i = 0; i < tokens.length; i++) {
    const list = matcher.candidatesAt(tokens, i);
    if (list.length > 0) cands.set(i, list);
  }
  const scan = (active: Set<string> | null): KbSpan[] => {
    const spans: KbSpan[] = [];
    for (let i = 0; i < tokens.length; ) {
      const list = cands.get(i);
      let taken = false;
      for (const c of list ?? []) {
        const p = choose(tokens, c, active);
        if (!p) continue;
        spans.push({ start: c.start, end: c.end, payload: p, via: viaOf(tokens, c, p) });
        i = c.end;
        taken = true;
        break;
      }
      if (!taken) i++;
    }
    return spans;
  };
  const first = scan(null);
  const named = new Set<string>();
  for (const s of first) if (s.payload.target.kind === "person") named.add(s.payload.target.id);
  return named.size === 0 ? first : scan(named);
}

export function notesFrom(tokens: readonly Token[], spans: readonly KbSpan[]): TokenNotes {
  const notes: TokenNotes = { kbEnd: new Int32Array(tokens.length), kbKind: new Array(tokens.length), kbVia: new Array(tokens.length) };
  for (const s of spans) {
    notes.kbEnd[s.start] = s.end;
    notes.kbKind[s.start] = s.payload.target.kind;
    notes.kbVia[s.start] = s.via;
    for (let j = s.start + 1; j < s.end; j++) notes.kbEnd[j] = -1;
  }
  return notes;
}
