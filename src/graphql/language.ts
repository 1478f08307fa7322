import { badInput } from "./errors";

const displayNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
const known = new Map<string, boolean>();

/** Accepts ISO 639-1/-3 codes ICU knows ("ar", "en", "fa"); `und` is not a filterable language. */
export function validLanguage(code: string, argument: string): string {
  const lower = code.trim().toLowerCase();
  let ok = known.get(lower);
  if (ok === undefined) {
    ok = /^[a-z]{2,3}$/.test(lower) && displayNames.of(lower) !== lower;
    if (known.size < 1000) known.set(lower, ok);
  }
  if (!ok) throw badInput(argument, `"${code.slice(0, 40)}" is not a known ISO 639 language code (e.g. "ar", "en")`);
  return lower;
}

/** Picks the name in `lang`, else English, else Arabic, else any. */
export function localise(names: Record<string, string>, lang: string | undefined): string {
  return (lang && names[lang]) || names.en || names.ar || Object.values(names)[0] || "";
}
