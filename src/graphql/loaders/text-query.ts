import { fold } from "../../db/fold";
import type { NameVariants } from "./name-variants";

const ARABIC = /[\u0600-\u06FF]/;
const LATIN = /[A-Za-z]/;
// Clitics that glue onto an Arabic word: "and", "so", "with/in", "for", "like", the article, and their combinations.
const PREFIXES = ["و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وب", "ول", "فب", "فل"];
const MAX_TERMS = 16;

/** Word forms a folded Arabic token can take in running text: the bare word and its clitic-prefixed forms. */
function arabicForms(token: string): string[] {
  const bases = new Set([token]);
  for (const p of PREFIXES) {
    if (token.startsWith(p) && token.length - p.length >= 3) bases.add(token.slice(p.length));
  }
  const forms = new Set<string>();
  for (const b of bases) {
    forms.add(b);
    for (const p of PREFIXES) forms.add(p + b);
  }
  return [...forms];
}

const quote = (lexeme: string) => `'${lexeme.replace(/'/g, "''")}'`;

function termQuery(word: string): string | undefined {
  const tokens = fold(word).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (tokens.length === 0) return undefined;
  const parts = tokens.map((t) => (ARABIC.test(t) ? `(${arabicForms(t).map(quote).join(" | ")})` : quote(t)));
  return parts.length === 1 ? parts[0] : `(${parts.join(" <-> ")})`;
}

/**
 * Builds a to_tsquery('simple', …) text from web-search syntax ("phrase", -word, or), expanding known
 * names to their other spellings (`variants`) and Arabic words to their clitic forms: the Arabic stemmer turns وزير into زير but ووزير into وزير, so the
 * stemmed index alone misses one or the other.
 */
export function simpleTsQuery(q: string, variants: NameVariants = () => []): string | undefined {
  const pieces = q.match(/-?"[^"]*"|\S+/g)?.slice(0, MAX_TERMS) ?? [];
  const out: string[] = [];
  let pendingOr = false;
  for (const raw of pieces) {
    if (raw.toLowerCase() === "or") {
      pendingOr = out.length > 0;
      continue;
    }
    const negated = raw.startsWith("-");
    const body = raw.replace(/^-/, "").replace(/^"|"$/g, "");
    const term = withVariants(body, variants);
    if (!term) continue;
    const clause = negated ? `!(${term})` : term;
    if (pendingOr && out.length) out[out.length - 1] = `(${out[out.length - 1]} | ${clause})`;
    else out.push(clause);
    pendingOr = false;
  }
  // A query of only negations would match nearly everything; treat it as no text condition.
  if (out.every((c) => c.startsWith("!"))) return undefined;
  const all = out.join(" & ");
  // An unquoted multi-word name (Kuala Lumpur) also matches its other spellings as a whole.
  const whole = pieces.length > 1 && !/["-]|\bor\b/i.test(q) ? variants(q.trim()).map(phraseQuery).filter(Boolean) : [];
  return whole.length ? `(${[out.length > 1 ? `(${all})` : all, ...whole].join(" | ")})` : all;
}

const phraseQuery = (text: string): string | undefined =>
  text.includes(" ") ? text.split(/\s+/).map(termQuery).filter(Boolean).join(" <-> ") || undefined : termQuery(text);

/** A word or phrase, or'ed with the other spellings of the name it is ("Zelenskyy" → Zelensky, زيلينسكي…). */
function withVariants(body: string, variants: NameVariants): string | undefined {
  const own = phraseQuery(body);
  if (!own) return undefined;
  const others = variants(body).map(phraseQuery).filter((t): t is string => !!t);
  return others.length ? `(${[own, ...others].join(" | ")})` : own;
}

export function queryScripts(q: string): { arabic: boolean; latin: boolean } {
  return { arabic: ARABIC.test(q), latin: LATIN.test(q) };
}
