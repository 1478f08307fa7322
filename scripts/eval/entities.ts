/**
 * Entity scores on gold data nobody here wrote: NewsFANE (Arabic) and GUM news (English).
 *   npm run eval:entities      (or node dist/scripts/eval/entities.js after a build)
 *
 * Matching units (both printed): "exact" — the predicted token range equals the gold one;
 * "overlap" — a prediction sharing a token with a gold mention of the class is correct, and a
 * gold mention touched by some prediction is found. Countries are scored on mentions by name
 * (via "name"): both corpora tag capitals as cities and demonyms as non-entities, so the
 * extractor's capital/demonym/metonym readings are left out of these counts (the seed test
 * and unit tests cover them), and so are national teams in match reports (via "team": both
 * corpora tag them as organisations). NewsFANE's country class also holds GPE-Cluster and
 * former states (Middle East, Soviet Union), so for Arabic the extractor's regions count too.
 */
import { analyseText, prepareText } from "../../src/ingest/entities/entities.extractor";
import { EN_TITLES } from "../../src/ingest/entities/lexicon.en";
import { createMatcher } from "../../src/ingest/entities";
import type { EntityMatcher } from "../../src/ingest/entities/matcher";
import { loadGum, loadNewsfane, type GoldClass, type GoldDoc } from "./entities.gold";
import { countSpans, emptyCounts, scores, type Counts, type Prf, type Span } from "./entities.metrics";

export interface ClassScores {
  exact: Prf;
  overlap: Prf;
}

export interface EntityScores {
  ar: Record<GoldClass, ClassScores>;
  en: Record<GoldClass, ClassScores>;
  /** Arabic person with the taxonomy's other person subclasses (Police, Lawyer, Engineer) counted as gold too. */
  arPersonExtended: ClassScores;
  /** English person counting people without a Wikipedia page as false positives. */
  enPersonStrict: ClassScores;
  docs: { ar: number; en: number };
}

export function predictedSpans(doc: GoldDoc, matcher: EntityMatcher): Span[] {
  const prepared = prepareText({ language: doc.lang, bodyText: doc.text });
  const shift = prepared.sections.find((x) => x.name === "body")!.start;
  const analysis = analyseText(prepared, matcher, doc.lang);
  const out: Span[] = [];
  for (const m of analysis.spans) {
    const s = { ...m, start: m.start - shift, end: m.end - shift };
    let cls: GoldClass | undefined;
    if (s.kind === "person") cls = "person";
    else if (s.kind === "country" && s.via === "name") cls = "country";
    // NewsFANE's country class holds GPE-Cluster (regions) and former states too.
    else if (s.kind === "region" && doc.lang === "ar" && matcher.regions.get(s.id)?.kind !== "continent") cls = "country";
    if (!cls) continue;
    let start = -1;
    let end = -1;
    doc.tokens.forEach((t, i) => {
      if (t.start < s.end && s.start < t.end) {
        if (start < 0) start = i;
        end = i + 1;
      }
    });
    if (start >= 0) out.push({ cls, start, end });
  }
  return out;
}

export function score(docs: GoldDoc[], matcher: EntityMatcher, strict = false): Record<GoldClass, ClassScores> {
  const counts: Record<GoldClass, Counts> = { person: emptyCounts(), country: emptyCounts() };
  for (const doc of docs) {
    const pred = predictedSpans(doc, matcher);
    for (const cls of ["person", "country"] as const) countSpans(pred, doc.gold, cls, counts[cls], strict ? [] : doc.ignore);
  }
  return { person: scores(counts.person), country: scores(counts.country) };
}

function countryLookup(matcher: EntityMatcher): (name: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const c of matcher.countries.values()) {
    for (const n of [c.name.en, ...(c.names.en ?? [])]) if (n) byName.set(n.toLowerCase(), c.code);
  }
  return (name) => byName.get(name.toLowerCase());
}

export async function evalEntities(matcher: EntityMatcher = createMatcher()): Promise<EntityScores> {
  const ar = loadNewsfane(false);
  const arExtended = loadNewsfane(true);
  const en = loadGum(countryLookup(matcher), (w) => EN_TITLES.has(w.toLowerCase().replace(/\./g, "")));
  const result: EntityScores = {
    ar: score(ar, matcher),
    en: score(en, matcher),
    arPersonExtended: score(arExtended, matcher).person,
    enPersonStrict: score(en, matcher, true).person,
    docs: { ar: ar.length, en: en.length },
  };
  print(result);
  return result;
}

function row(label: string, s: ClassScores): string {
  const f = (p: Prf) => `P ${p.precision.toFixed(3)} R ${p.recall.toFixed(3)} F1 ${p.f1.toFixed(3)}`;
  return `${label.padEnd(28)} exact: ${f(s.exact)} (${s.exact.tp}/${s.exact.predicted} pred, ${s.exact.gold} gold) | overlap: ${f(s.overlap)}`;
}

function print(r: EntityScores): void {
  console.log(`entities eval — NewsFANE ${r.docs.ar} blocks (ar), GUM news ${r.docs.en} docs (en)`);
  console.log(row("ar person", r.ar.person));
  console.log(row("ar person (+police/lawyer/engineer)", r.arPersonExtended));
  console.log(row("ar country (by name)", r.ar.country));
  console.log(row("en person", r.en.person));
  console.log(row("en person (strict: unlinked = FP)", r.enPersonStrict));
  console.log(row("en country (by name)", r.en.country));
}

if (require.main === module) {
  evalEntities().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
