const RTL = new Set(["ar", "fa", "he", "ur", "ps", "ckb", "dv", "yi", "sd", "ug"]);

export function directionOf(language: string): "ltr" | "rtl" {
  return RTL.has(language.split("-")[0]) ? "rtl" : "ltr";
}

// Letters Persian and Urdu use and Arabic does not.
const PERSIAN_LETTERS = /[پچژگکی]/g;
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F]/g;
const LATIN = /[A-Za-z\u00C0-\u024F]/g;
const ENGLISH_WORDS = /\b(the|and|of|to|in|is|that|for|on|with|said|was|has)\b/gi;

/**
 * Language when the source declares none, from the script of the text: Arabic script is Arabic
 * unless Persian letters are frequent; Latin script is English only when English function words say so.
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 5000);
  const arabic = sample.match(ARABIC_SCRIPT)?.length ?? 0;
  const latin = sample.match(LATIN)?.length ?? 0;
  if (arabic === 0 && latin === 0) return "und";
  if (arabic >= latin) {
    const persian = sample.match(PERSIAN_LETTERS)?.length ?? 0;
    return persian / arabic > 0.02 ? "fa" : "ar";
  }
  const words = sample.split(/\s+/).length;
  const english = sample.match(ENGLISH_WORDS)?.length ?? 0;
  return english / Math.max(words, 1) > 0.05 ? "en" : "und";
}
