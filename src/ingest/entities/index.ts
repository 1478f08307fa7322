/**
 * People, countries, places and organisations in Arabic and English news text.
 * Typical use: `const matcher = createMatcher(); extractEntities(article, matcher)`.
 */
import { loadKnowledgeBase } from "./kb.loader";
import type { KbError } from "./kb.types";
import { EntityMatcher } from "./matcher";

export { normalizeArabic, arabicCandidates, hasArabic } from "./arabic";
export { normalizeLatin } from "./english";
export { tokenize, type Token } from "./tokenize";
export { loadKnowledgeBase, parseKbJsonl, DEFAULT_KB_DIR } from "./kb.loader";
export { validateKbRow, type KbKind } from "./kb.validate";
export type { CountryEntry, PersonEntry, OrgEntry, RegionEntry, KbEntry, KbError, KnowledgeBase, LangForms, LangText, CityEntry } from "./kb.types";
export { EntityMatcher, type Target, type Payload, type CountryVia } from "./matcher";
export { translitKey, translitTokens, compareNames, SAME_PERSON_THRESHOLD, SUGGEST_THRESHOLD, type NameRef, type NameComparison } from "./translit";
export { extractEntities, analyseText, prepareText, SALIENCE_WEIGHTS } from "./entities.extractor";
export type { EntityInput, EntityResult, Mention, MentionSpan, PersonRef, SectionName } from "./entities.types";
export { KbRowError, KbLoadError, EntityEntryError } from "./errors";

/** A matcher over the shipped knowledge base (or `dir`), plus the rows that failed to load. */
export function createMatcher(dir?: string): EntityMatcher & { kbErrors: KbError[] } {
  const kb = loadKnowledgeBase(dir);
  const matcher = new EntityMatcher(kb) as EntityMatcher & { kbErrors: KbError[] };
  matcher.kbErrors = kb.errors;
  return matcher;
}
