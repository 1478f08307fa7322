/**
 * Arabic normalisation for matching (not for display): one spelling per name so that
 * أوكرانيا / اوكرانيا / أوكرانيَا and سورية / سوريه land on the same trie key.
 */

const MAP = new Map<number, string>();
const set = (chars: string, to: string) => {
  for (const ch of chars) MAP.set(ch.codePointAt(0)!, to);
};

// Harakat, tanwin, shadda, sukun, superscript/dagger alef, Quranic marks, tatweel, bidi marks.
for (let c = 0x064b; c <= 0x065f; c++) MAP.set(c, "");
for (let c = 0x0610; c <= 0x061a; c++) MAP.set(c, "");
for (let c = 0x06d6; c <= 0x06ed; c++) MAP.set(c, "");
set("\u0670\u0640\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\ufeff", "");
set("أإآٱٲٳ", "ا");
set("ىیيېۍ", "ي");
set("ة", "ه");
set("ؤ", "و");
set("ئ", "ي");
// Persian/Urdu letters seen in transliterated names; گ could be غ too, the translit key covers that.
set("کڪ", "ك");
set("گ", "ك");
set("پ", "ب");
set("چ", "ج");
set("ژ", "ز");
set("ڤڥ", "ف");
set("ۀ", "ه");
for (let d = 0; d < 10; d++) {
  MAP.set(0x0660 + d, String(d));
  MAP.set(0x06f0 + d, String(d));
}

const ARABIC_CHAR = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

export function hasArabic(text: string): boolean {
  return ARABIC_CHAR.test(text);
}

/** Normalises Arabic script for matching; other characters pass through unchanged. */
export function normalizeArabic(text: string): string {
  let out = "";
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const to = code >= 0x0600 || (code >= 0x200c && code <= 0x202e) ? MAP.get(code) : undefined;
    if (to === undefined) {
      if (changed) out += text[i];
      continue;
    }
    if (!changed) {
      out = text.slice(0, i);
      changed = true;
    }
    out += to;
  }
  return changed ? out : text;
}

/**
 * Proclitic stacks in the order they attach: conjunction (و ف), preposition (ب ل ك),
 * article (ال). لل is ل + ال with the alef dropped, so it gives back the ال form.
 */
const PREFIXES: { p: string; restore: string }[] = [
  { p: "وبال", restore: "ال" },
  { p: "فبال", restore: "ال" },
  { p: "وكال", restore: "ال" },
  { p: "فكال", restore: "ال" },
  { p: "وال", restore: "ال" },
  { p: "فال", restore: "ال" },
  { p: "بال", restore: "ال" },
  { p: "كال", restore: "ال" },
  { p: "ولل", restore: "ال" },
  { p: "فلل", restore: "ال" },
  { p: "لل", restore: "ال" },
  { p: "وب", restore: "" },
  { p: "ول", restore: "" },
  { p: "وك", restore: "" },
  { p: "فب", restore: "" },
  { p: "فل", restore: "" },
  { p: "و", restore: "" },
  { p: "ف", restore: "" },
  { p: "ب", restore: "" },
  { p: "ل", restore: "" },
  { p: "ك", restore: "" },
];

/** Shortest stem left after a clitic: shorter remainders are more often word-internal letters. */
const MIN_STEM = 2;

/**
 * Candidate stems of a normalised token, the token itself first: وبوتين → [وبوتين, بوتين, وتين].
 * The matcher tries them in order, so a name that really starts with ل/ب/و (لافروف, بوتين)
 * is found as itself before any stripped reading is considered.
 */
export function arabicCandidates(norm: string): readonly string[] {
  const hit = candidateCache.get(norm);
  if (hit) return hit;
  const out = computeCandidates(norm);
  if (candidateCache.size > 100_000) candidateCache.clear();
  candidateCache.set(norm, out);
  return out;
}

// Text repeats its words: one candidate list per distinct word keeps this allocation-free.
const candidateCache = new Map<string, readonly string[]>();

// Common words that begin with clitic letters and are never clitic + stem: بليون is "billion", not ب + ليون (in Lyon).
const WHOLE_WORDS = new Set(["بليون", "بلايين"]);

function computeCandidates(norm: string): string[] {
  const out = [norm];
  if (WHOLE_WORDS.has(norm)) return out;
  for (const { p, restore } of PREFIXES) {
    if (!norm.startsWith(p)) continue;
    const rest = norm.slice(p.length);
    if (rest.length < MIN_STEM) continue;
    const stem = restore + rest;
    if (!out.includes(stem)) out.push(stem);
  }
  return out;
}

/** Strips a leading article or clitic+article (والروسي → روسي); used by the transliteration key. */
export function stripArticle(norm: string): string {
  for (const p of ["وال", "فال", "بال", "كال", "لل", "ال"]) {
    if (norm.startsWith(p) && norm.length - p.length >= 2) return norm.slice(p.length);
  }
  return norm;
}
