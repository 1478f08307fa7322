import { normalizeArabic } from "../entities/arabic";

const LATIN_MARKS = /[\u0300-\u036f]/g;

/**
 * Folds spelling variants so the same word compares equal: Arabic through the entities module's
 * normaliser (diacritics, tatweel, alef/ya/ta-marbuta/hamza forms, Persian letters, digits),
 * Latin by case and accents. NFKD first turns Arabic presentation forms into plain letters.
 * Changing either step changes stored near-duplicate signatures: recompute them if it does.
 */
export function normaliseText(text: string): string {
  return normalizeArabic(text.normalize("NFKD")).replace(LATIN_MARKS, "").toLowerCase();
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;
const LATIN_SINGLE = /^[a-z]$/;

/** Normalised word tokens; lone Latin letters (the "s" of "Rubio's") are dropped. */
export function tokenize(text: string): string[] {
  const words = normaliseText(text).match(TOKEN_RE) ?? [];
  let kept = 0;
  for (const w of words) if (!LATIN_SINGLE.test(w)) words[kept++] = w;
  words.length = kept;
  return words;
}

export function isArabicToken(token: string): boolean {
  const c = token.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
}
