/**
 * Latin-script normalisation for matching: case-folded, accents removed, so Erdoğan,
 * Erdogan and ERDOGAN share a key; capitalisation is kept on the token for the cue rules.
 */

const COMBINING = /[\u0300-\u036f]/g;
const SPECIAL: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", đ: "d", ł: "l", ı: "i", þ: "th" };
const SPECIAL_RE = /[ßæøœđłıþ]/g;

export function normalizeLatin(token: string): string {
  let s = token.toLowerCase();
  // Plain ASCII words skip the NFD pass: most English tokens take this path.
  if (/[^\x00-\x7f]/.test(s)) {
    s = s.normalize("NFD").replace(COMBINING, "").replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
  }
  return s;
}

export function isCapitalized(surface: string): boolean {
  const c = surface.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

export function isAllCaps(surface: string): boolean {
  return surface.length > 1 && surface === surface.toUpperCase() && surface !== surface.toLowerCase();
}
