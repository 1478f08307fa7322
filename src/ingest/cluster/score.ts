import type { ArticleFeatures } from "./features";
import type { ClusterOptions, EventSnapshot, SparseVector } from "./types";
import { cosine, sharedKeys } from "./vectors";

export interface ScoreParts {
  /** Cosine of idf×salience entity vectors. */
  entity: number;
  /** Cosine of title/lede term vectors; undefined when the event has no article in the article's language. */
  text?: number;
  /** Hours the article lies outside the event's span (0 inside it). */
  gapHours: number;
  score: number;
  /** The threshold this score is held to: cross-language scores rest on entities alone. */
  threshold: number;
  /** People and places (not countries) the article shares with the event. */
  sharedSpecific: number;
  eligible: boolean;
}

type ScoreOptions = Pick<
  ClusterOptions,
  "windowHours" | "joinThreshold" | "crossLanguageThreshold" | "crossLanguageMinShared" | "entityShare"
>;

const HOUR = 3_600_000;
/** At the window's edge a score keeps 80 % of its value: time breaks ties, content decides. */
const TIME_PENALTY = 0.2;
/** Title/lede cosine that counts as shared wording (a couple of content words in common). */
const MIN_TEXT_EVIDENCE = 0.1;

export function gapHours(at: Date, e: Pick<EventSnapshot, "firstSeen" | "lastSeen">): number {
  const t = at.getTime();
  if (t < e.firstSeen.getTime()) return (e.firstSeen.getTime() - t) / HOUR;
  if (t > e.lastSeen.getTime()) return (t - e.lastSeen.getTime()) / HOUR;
  return 0;
}

export function scoreArticle(f: ArticleFeatures, e: EventSnapshot, at: Date, o: ScoreOptions): ScoreParts {
  const gap = gapHours(at, e);
  const entity = cosine(f.entities, e.centroid.entities);
  const eventTerms = e.centroid.terms[f.language];
  const sameLanguage = eventTerms !== undefined && Object.keys(eventTerms).length > 0 && Object.keys(f.terms).length > 0;
  const text = sameLanguage ? cosine(f.terms, eventTerms) : undefined;
  const hasEntities = Object.keys(f.entities).length > 0 && Object.keys(e.centroid.entities).length > 0;
  let raw: number;
  if (text === undefined) raw = entity;
  else if (!hasEntities) raw = text;
  else raw = o.entityShare * entity + (1 - o.entityShare) * text;
  const score = raw * (1 - TIME_PENALTY * Math.min(1, gap / o.windowHours));
  const threshold = text === undefined ? o.crossLanguageThreshold : o.joinThreshold;
  const sharedSpecific = countSpecific(f.entities, e.centroid.entities);
  // Countries alone never tie two reports together: a same-language join also needs a shared
  // person or place, or shared title/lede words. Across languages one shared person is not
  // enough either: Lavrov is in several stories a day.
  const corroborated =
    text === undefined ? sharedSpecific >= o.crossLanguageMinShared : sharedSpecific >= 1 || text >= MIN_TEXT_EVIDENCE;
  return {
    entity,
    text,
    gapHours: gap,
    score,
    threshold,
    sharedSpecific,
    eligible: gap <= o.windowHours && score >= threshold && corroborated,
  };
}

/** Shared people (`p:`) and places (`l:`): identities specific enough to tie two reports together. */
export function countSpecific(a: SparseVector, b: SparseVector): number {
  let n = 0;
  for (const k of sharedKeys(a, b)) if (k.startsWith("p:") || k.startsWith("l:")) n++;
  return n;
}

/**
 * Similarity of two events: shared entities, and their term centroids in every language they share.
 * Events with no language in common need `minShared` shared people/places, as articles do.
 */
export function eventSimilarity(a: EventSnapshot, b: EventSnapshot, entityShare: number, minShared = 2): number {
  const entity = cosine(a.centroid.entities, b.centroid.entities);
  const texts: number[] = [];
  for (const lang in a.centroid.terms) {
    const other = b.centroid.terms[lang];
    if (other && Object.keys(other).length > 0) texts.push(cosine(a.centroid.terms[lang], other));
  }
  if (texts.length === 0) return countSpecific(a.centroid.entities, b.centroid.entities) >= minShared ? entity : 0;
  const text = Math.max(...texts);
  return entityShare * entity + (1 - entityShare) * text;
}
