/**
 * Other spellings of the names the knowledge base knows, for full-text search: a query word or
 * quoted phrase that is a known person's or country's name also matches that name's other
 * spellings in every script ("Zelenskyy" finds Zelensky and زيلينسكي; "Kiev" finds Kyiv and كييف).
 */
import { fold } from "../../db/fold";
import { loadKnowledgeBase, type KnowledgeBase } from "../../ingest/entities";
import { skeletonsAlike } from "../../ingest/entities/translit";

export type NameVariants = (text: string) => string[];

/** At most this many other spellings per query term, so a query stays small. */
const MAX_VARIANTS = 12;

const key = (text: string) => fold(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** Groups of spellings of one name; a spelling in several groups (a shared surname) expands to none. */
export function nameVariants(kb: Pick<KnowledgeBase, "people" | "countries">): NameVariants {
  const groups: string[][] = [];
  for (const p of kb.people) {
    if (p.ambiguous) continue;
    groups.push([p.name.en, p.name.ar, ...(p.aliases?.en ?? []), ...(p.aliases?.ar ?? [])].filter((x): x is string => !!x));
    groups.push([...(p.short?.en ?? []), ...(p.short?.ar ?? [])]);
  }
  for (const c of kb.countries) {
    // Forms that are also common words (كيف "how", مالي "financial") would flood a search.
    const weak = new Set(c.weak ?? []);
    const strong = (forms: string[] | undefined) => (forms ?? []).filter((f) => !weak.has(f));
    groups.push([...strong(c.names.en), ...strong(c.names.ar)]);
    groups.push(spellingsOfCapital(strong(c.capitals?.en), strong(c.capitals?.ar)));
  }
  const byKey = new Map<string, string[] | null>();
  for (const group of groups) {
    const forms = [...new Set(group.filter((g) => key(g)))];
    if (forms.length < 2) continue;
    for (const f of forms) {
      const k = key(f);
      const seen = byKey.get(k);
      byKey.set(k, seen === undefined ? forms : seen === forms ? forms : null);
    }
  }
  return (text) => {
    const k = key(text);
    const forms = byKey.get(k);
    return forms ? forms.filter((f) => key(f) !== k).slice(0, MAX_VARIANTS) : [];
  };
}

/** The first capital and the forms spelling it (Kyiv, Kiev, كييف), not a second seat (Amsterdam, not The Hague). */
function spellingsOfCapital(en: string[], ar: string[]): string[] {
  const first = en[0];
  if (!first) return [];
  return [first, ...en.slice(1).filter((f) => skeletonsAlike(f, "en", first, "en")), ...ar.filter((f) => skeletonsAlike(f, "ar", first, "en"))];
}

let shipped: NameVariants | undefined;

/** Variants from the shipped knowledge base, loaded on first use. */
export function shippedNameVariants(): NameVariants {
  shipped ??= nameVariants(loadKnowledgeBase());
  return shipped;
}
