/**
 * Places and buildings named after people: مقاطعة كير (Kerr County), مطار الملك خالد, شارع محمد
 * الخامس, Kennedy Airport. The name there is a namesake, not a mention of the person.
 */
import { arabicCandidates } from "./arabic";
import { AR_PLACE_HEADS } from "./lexicon.ar";
import type { Token } from "./tokenize";

// After an English name, these make it a place or a building.
const EN_PLACE_TAILS = new Set("county airport university street avenue boulevard road stadium bridge square hospital library institute college museum memorial center centre".split(" "));

/** Whether tokens[start, end) name a place: an Arabic place noun before them, or an English one after. */
export function namesPlace(tokens: readonly Token[], start: number, end: number): boolean {
  const prev = tokens[start - 1];
  if (prev?.script === "ar" && tokens[start].script === "ar" && isPlaceHead(prev.norm)) return true;
  const next = tokens[end];
  return !!next && next.script === "lat" && next.cap && tokens[end - 1].script === "lat" && EN_PLACE_TAILS.has(next.norm);
}

const headCache = new Map<string, boolean>();

/** مقاطعة، بمدينة، ومطار: a place noun, with or without clitics (cached: asked of many tokens). */
function isPlaceHead(norm: string): boolean {
  let hit = headCache.get(norm);
  if (hit === undefined) {
    hit = arabicCandidates(norm).some((c) => AR_PLACE_HEADS.has(c));
    if (headCache.size > 50_000) headCache.clear();
    headCache.set(norm, hit);
  }
  return hit;
}
