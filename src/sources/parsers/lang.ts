import type { TextDirection } from "../types";

const RTL = new Set(["ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr", "arc"]);

// Some feeds write the language's English name instead of its code.
const NAMES: Record<string, string> = { arabic: "ar", english: "en", french: "fr", persian: "fa", farsi: "fa", hebrew: "he", urdu: "ur", "العربية": "ar" };

/** Lower-case BCP-47 primary tag ("ar-EG" → "ar"), or undefined when the value is not a language tag. */
export function normalizeLanguage(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim().toLowerCase();
  const named = NAMES[trimmed];
  if (named) return named;
  const primary = trimmed.split(/[-_\s]/)[0];
  return /^[a-z]{2,3}$/.test(primary) ? (primary === "iw" ? "he" : primary) : undefined;
}

export function directionOf(language: string | undefined): TextDirection | undefined {
  if (!language) return undefined;
  return RTL.has(language) ? "rtl" : "ltr";
}
