/**
 * Mirror of the SQL function khabar_fold(): what the `simple` text index and trigram search see.
 * Alef/hamza forms → ا, alef maqsura → ي, ta marbuta → ه, tatweel and harakat removed, lower case.
 */
const TRANSLATE: Record<string, string> = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": "" };
const FOLDED = new RegExp(`[${Object.keys(TRANSLATE).join("")}]`, "g");
const HARAKAT = /[\u064B-\u065F\u0670]/g;

// One regex pass instead of a string built character by character: every ingested body is folded for its content hash.
export function fold(text: string): string {
  return text.replace(FOLDED, (ch) => TRANSLATE[ch]).replace(HARAKAT, "").toLowerCase();
}
