import { canonicalPair } from "./keys";

/**
 * Pairs are counted among an article's 12 highest-ranked entities only: 66 pairs at most per article
 * instead of n(n−1)/2 (a roundup naming 40 countries would add 780). Daily mention counts take every entity.
 */
export const PAIR_ENTITY_CAP = 12;

/** Evidence kept per daily pair row: the ids of its latest stored articles. */
export const SAMPLES_PER_DAY = 5;

/** One entity of one article, as the mention tables hold it. */
export interface MentionFact {
  key: string;
  salience: number;
  count: number;
}

/** What one counted article adds to the rollups; stored in article_rollup so it can be taken back exactly. */
export interface Contribution {
  articleId: number;
  /** UTC day of publication, YYYY-MM-DD. */
  day: string;
  publishedAt: Date;
  /** Distinct entity keys, highest rank first. */
  keys: string[];
  /** The first `pairN` keys form the article's pairs. */
  pairN: number;
}

export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The article's event first (belonging to it is the strongest relation an article has), then by
 * salience, then by occurrences, then by key so the order is total. Mirrored in SQL by rebuild.sql.ts.
 */
export function rankKeys(mentions: readonly MentionFact[]): string[] {
  const prio = (k: string) => (k.startsWith("e:") ? 0 : 1);
  const sorted = [...mentions].sort(
    (x, y) => prio(x.key) - prio(y.key) || y.salience - x.salience || y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  );
  return [...new Set(sorted.map((m) => m.key))];
}

/** Undefined when the article mentions nothing: it adds no row anywhere. */
export function buildContribution(articleId: number, publishedAt: Date, mentions: readonly MentionFact[]): Contribution | undefined {
  const keys = rankKeys(mentions);
  if (keys.length === 0) return undefined;
  return { articleId, day: utcDay(publishedAt), publishedAt, keys, pairN: Math.min(keys.length, PAIR_ENTITY_CAP) };
}

export function contributionPairs(c: Contribution): [string, string][] {
  const top = c.keys.slice(0, c.pairN);
  const pairs: [string, string][] = [];
  for (let i = 0; i < top.length; i++) for (let j = i + 1; j < top.length; j++) pairs.push(canonicalPair(top[i], top[j]));
  return pairs;
}

export function sameContribution(x: Contribution | undefined, y: Contribution | undefined): boolean {
  if (!x || !y) return x === y;
  return x.day === y.day && x.publishedAt.getTime() === y.publishedAt.getTime() && x.pairN === y.pairN &&
    x.keys.length === y.keys.length && x.keys.every((k, i) => k === y.keys[i]);
}
