/**
 * Mirror of the SQL function khabar_fold(): what the `simple` text index and trigram search see.
 * Alef/hamza forms → ا, alef maqsura → ي, ta marbuta → ه, tatweel and harakat removed, lower case.
 */
const TRANSLATE: Record<string, string> = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": "" };
const HARAKAT = /[\u064B-\u065F\u0670]/g;

export function fold(text: string): string {
  let out = "";
  for (const ch of text) out += TRANSLATE[ch] ?? ch;
  return out.replace(HARAKAT, "").toLowerCase();
}
