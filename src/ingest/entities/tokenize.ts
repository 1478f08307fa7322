import { normalizeArabic } from "./arabic";
import { isCapitalized, normalizeLatin } from "./english";

export type Script = "ar" | "lat" | "num" | "other";

export interface Token {
  start: number;
  end: number;
  surface: string;
  /** Matching form: Arabic normalised, Latin case-folded without accents. */
  norm: string;
  script: Script;
  /** Latin token starting with a capital letter. */
  cap: boolean;
  /** First token of a sentence or a line (capitalisation there says nothing). */
  sentenceStart: boolean;
  /** Followed by 's / ’s, which the tokenizer dropped. */
  possessive: boolean;
  /** Followed by "$" (US$, HK$): a currency, not a place. */
  dollar: boolean;
  /** Joined to the previous word by a hyphen (Jong-un): its case says nothing. */
  afterHyphen: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}\u0640]+/gu;
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const DIGITS = /^[\p{N}]+$/u;
const SENTENCE_BREAKS = new Set([...".!?؟\n:;\"“”«»"].map((c) => c.charCodeAt(0)));
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;

// Most text repeats a small vocabulary; caching the normal form keeps tokenizing linear and cheap.
const normCache = new Map<string, { norm: string; script: Script }>();
const CACHE_LIMIT = 200_000;

function classify(surface: string): { norm: string; script: Script } {
  const hit = normCache.get(surface);
  if (hit) return hit;
  let value: { norm: string; script: Script };
  if (ARABIC_LETTER.test(surface)) value = { norm: normalizeArabic(surface), script: "ar" };
  else if (DIGITS.test(surface)) value = { norm: normalizeArabic(surface), script: "num" };
  else if (/\p{Script=Latin}/u.test(surface)) value = { norm: normalizeLatin(surface), script: "lat" };
  else value = { norm: surface.toLowerCase(), script: "other" };
  if (normCache.size > CACHE_LIMIT) normCache.clear();
  normCache.set(surface, value);
  return value;
}

/** Splits text into word tokens with offsets; punctuation and spaces only separate them. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const surface = m[0];
    const start = m.index;
    // The gap is read in place (no substring per token): one character for "'s" and hyphens, any break character for sentences.
    const single = start - prevEnd === 1 ? text.charCodeAt(prevEnd) : -1;
    const last = out[out.length - 1];
    if (last && (surface === "s" || surface === "S") && (single === APOSTROPHE || single === RIGHT_QUOTE)) {
      last.possessive = true;
      prevEnd = start + surface.length;
      continue;
    }
    const { norm, script } = classify(surface);
    if (norm.length === 0) {
      prevEnd = start + surface.length;
      continue;
    }
    out.push({
      start,
      end: start + surface.length,
      surface,
      norm,
      script,
      cap: script === "lat" && isCapitalized(surface),
      sentenceStart: !last || hasSentenceBreak(text, prevEnd, start),
      possessive: false,
      dollar: text.charCodeAt(start + surface.length) === 36,
      afterHyphen: single === HYPHEN,
    });
    prevEnd = start + surface.length;
  }
  return out;
}

function hasSentenceBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (SENTENCE_BREAKS.has(text.charCodeAt(i))) return true;
  return false;
}

/** Tokenizes a name from the knowledge base the same way text is tokenized. */
export function nameTokens(name: string): string[] {
  return tokenize(name).map((t) => t.norm);
}
