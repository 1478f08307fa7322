/**
 * Finds people in English text that the knowledge base does not hold: runs of capitalised
 * words confirmed by a title (Ambassador Hamdullah Mohib, actor Jason Beghe), a known given
 * name (Andreas Granqvist), a reporting verb (Mohib said) or an apposition (Rathbun, a former…).
 */
import type { Discovered, TokenNotes } from "./discover.types";
import { EN_NON_PERSON_HEADS, EN_SPEECH, EN_TITLE_MODIFIERS, EN_TITLES, isCommonWord, isGivenName } from "./lexicon.en";
import type { Token } from "./tokenize";

const MAX_NAME = 4;
const LOWER_PARTICLES = new Set(["de", "da", "van", "von", "der", "den", "al", "el", "bin", "ibn", "le", "la", "du", "dos", "del", "di"]);
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
const DETERMINERS = new Set(["a", "an", "the", "his", "her", "its", "their"]);

function isTitle(t: Token): boolean {
  return EN_TITLES.has(t.norm) || EN_TITLE_MODIFIERS.has(t.norm);
}

/** Joined by a space, a hyphen (Jong-un) or an initial's period (L. Ron Hubbard). */
function joined(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return /^[ \u00a0]+$/.test(gap) || gap === "-" || (gap === ". " && a.surface.length === 1) || (/^\.? $/.test(gap) && a.surface.length <= 2 && a.cap);
}

/** Capitalised runs not covered by the knowledge base, as [start, end) token ranges. */
function capitalisedRuns(tokens: readonly Token[], notes: TokenNotes, text: string): [number, number][] {
  const runs: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.script !== "lat" || !t.cap || notes.kbEnd[i]) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < tokens.length && !notes.kbEnd[end] && tokens[end].script === "lat" && joined(text, tokens[end - 1], tokens[end])) {
      const n = tokens[end];
      const hyphenTail = text.slice(tokens[end - 1].end, n.start) === "-";
      if (!n.cap && !hyphenTail && !(LOWER_PARTICLES.has(n.norm) && end + 1 < tokens.length && tokens[end + 1].cap)) break;
      if (tokens[end - 1].possessive) break;
      end++;
    }
    runs.push([i, end]);
    i = end;
  }
  return runs;
}

interface Cues {
  title: boolean;
  speech: boolean;
  apposition: boolean;
}

function cuesAround(tokens: readonly Token[], text: string, start: number, end: number, titled: boolean): Cues {
  const prev = tokens[start - 1];
  const next = tokens[end];
  const prevGap = prev ? text.slice(prev.end, tokens[start].start) : "";
  const title = titled || (!!prev && /^\s+$/.test(prevGap) && (EN_TITLES.has(prev.norm) || (prev.possessive && !prev.cap)));
  const nextGap = next ? text.slice(tokens[end - 1].end, next.start) : "";
  const speech =
    (!!next && EN_SPEECH.has(next.norm) && /^[\s,]*$/.test(nextGap)) ||
    (!!prev && EN_SPEECH.has(prev.norm) && prev.norm !== "according" && /^\s+$/.test(prevGap));
  let apposition = false;
  if (next && /^\s*,\s*$/.test(nextGap)) {
    for (let k = end; k < Math.min(tokens.length, end + 4); k++) {
      if (EN_TITLES.has(tokens[k].norm) && (k === end || DETERMINERS.has(tokens[end].norm) || !tokens[k].cap)) apposition = true;
    }
  }
  return { title, speech, apposition };
}

/** People in English text; `surnames` are last names of people already found (for lone mentions). */
export function discoverEnglish(tokens: readonly Token[], notes: TokenNotes, text: string): Discovered[] {
  const out: Discovered[] = [];
  const pending: Discovered[] = [];
  for (const [runStart, runEnd] of capitalisedRuns(tokens, notes, text)) {
    let s = runStart;
    let titled = false;
    // "Environment Minister John Baird": the name starts after the run's last title word.
    for (let k = runEnd - 2; k >= runStart; k--) {
      if (EN_TITLES.has(tokens[k].norm) && tokens[k].cap) {
        s = k + 1;
        titled = true;
        break;
      }
    }
    while (s < runEnd && isTitle(tokens[s])) {
      titled ||= EN_TITLES.has(tokens[s].norm);
      s++;
    }
    // Sentence-initial dictionary words ("However", "Officials") are not part of a name.
    if (s < runEnd && tokens[s].sentenceStart && isCommonWord(tokens[s].norm) && !isGivenName(tokens[s].norm)) s++;
    let e = runEnd;
    while (e > s && SUFFIXES.has(tokens[e - 1].norm)) e--;
    if (e <= s || e - s > MAX_NAME) continue;
    const words = tokens.slice(s, e);
    if (EN_NON_PERSON_HEADS.has(words[words.length - 1].norm)) continue;
    // "the Abu Shouk camp", "the Roland Garros final": people take no article; a name after one names a thing.
    if (!titled && s === runStart && s > 0 && tokens[s - 1].norm === "the" && /^\s+$/.test(text.slice(tokens[s - 1].end, tokens[s].start))) continue;
    if (words.some((w) => w.surface.length > 1 && w.surface === w.surface.toUpperCase())) continue;
    const common = words.filter((w) => isCommonWord(w.norm) && !isGivenName(w.norm)).length;
    const cues = cuesAround(tokens, text, s, runEnd, titled || (s > runStart && EN_TITLES.has(tokens[s - 1].norm)));
    const given = isGivenName(words[0].norm) && words.length >= 2;
    // After a given name, capitalised dictionary words are surnames (John Stones, Marcus Berg).
    const strictFail = common > (cues.title ? 1 : 0) && !(given && !isCommonWord(words[0].norm));
    // Two or three capitalised words, none a dictionary word, inside a sentence: a name's shape.
    const shape = words.length >= 2 && words.length <= 3 && common <= 1 && !words[0].sentenceStart && !isGivenName(words[words.length - 1].norm);
    if (strictFail && !shape) continue;
    if (strictFail) {
      pending.push({ start: s, end: runEnd, cue: "shape", lang: "en", loose: true });
      continue;
    }
    // "at Roland Garros", "at Pete Rodriguez Park": a given name alone does not make a person of a place after "at".
    const atPlace = !cues.title && !cues.speech && !cues.apposition && tokens[s - 1]?.norm === "at" && s === runStart && !tokens[runEnd - 1].possessive;
    if (atPlace) continue;
    if (cues.title || given || ((cues.speech || cues.apposition) && words.length >= 2)) {
      out.push({ start: s, end: runEnd, cue: cues.title ? "title" : given ? "given" : cues.speech ? "speech" : "apposition", lang: "en" });
    } else if (shape) {
      pending.push({ start: s, end: runEnd, cue: "shape", lang: "en", loose: common > 0 });
    }
  }
  return [...out, ...confirmLists(tokens, text, out, pending)].sort((a, b) => a.start - b.start);
}

/**
 * Name-shaped runs count when they share a list with a confirmed person ("Romelu Lukaku,
 * Yannick Carrasco, and Dries Mertens") or stand alone as the list's members.
 */
function confirmLists(tokens: readonly Token[], text: string, confirmed: Discovered[], pending: Discovered[]): Discovered[] {
  const out: Discovered[] = [];
  const all = [...confirmed, ...pending].sort((a, b) => a.start - b.start);
  const listed = (a: Discovered, b: Discovered) => /^\s*(,|and|, and|&)\s*$/.test(text.slice(tokens[a.end - 1].end, tokens[b.start].start));
  for (let k = 0; k < all.length; k++) {
    const d = all[k];
    if (d.cue !== "shape") continue;
    const prev = all[k - 1];
    const next = all[k + 1];
    if ((prev && prev.cue !== "shape" && listed(prev, d)) || (next && next.cue !== "shape" && listed(d, next))) {
      out.push(d);
      d.cue = "apposition";
    }
  }
  // A name-shaped run whose last word also stands alone elsewhere (Daniel Montalvo … Montalvo)
  // is someone referred to by surname; organisations are not shortened to their last word.
  const alone = new Map<string, number>();
  tokens.forEach((t, i) => {
    if (!t.cap || t.sentenceStart) return;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // Euro-Atlantic: a hyphen joins as a space does, so Atlantic there is not standing alone.
    const joinedPrev = prev && prev.cap && /^[ -]$/.test(text.slice(prev.end, t.start));
    const joinedNext = next && next.cap && /^[ -]$/.test(text.slice(t.end, next.start));
    if (!joinedPrev && !joinedNext) alone.set(t.norm, (alone.get(t.norm) ?? 0) + 1);
  });
  for (const d of all) {
    if (d.cue === "shape" && !d.loose && (alone.get(tokens[d.end - 1].norm) ?? 0) > 0) {
      d.cue = "surname";
      out.push(d);
    }
  }
  return out;
}
