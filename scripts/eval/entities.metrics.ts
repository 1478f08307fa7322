/** Precision, recall and F1 over token ranges, exact-span and overlap. */
import type { GoldClass } from "./entities.gold";

export interface Span {
  cls: GoldClass;
  start: number;
  end: number;
}

export interface Prf {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, predicted: number, gold: number, goldHit = tp): Prf {
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = gold === 0 ? 0 : goldHit / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, predicted, gold, precision, recall, f1 };
}

export interface Counts {
  exactTp: number;
  overlapPredHit: number;
  overlapGoldHit: number;
  predicted: number;
  gold: number;
}

export const emptyCounts = (): Counts => ({ exactTp: 0, overlapPredHit: 0, overlapGoldHit: 0, predicted: 0, gold: 0 });

/**
 * Exact: a predicted span counts when a gold span of the class has the same token range.
 * Overlap: a predicted span counts when it shares a token with a gold span of the class
 * (precision), and a gold span counts when some prediction shares a token with it (recall).
 */
export function countSpans(pred: Span[], gold: Span[], cls: GoldClass, into: Counts, ignore: Span[] = []): void {
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  const g = gold.filter((s) => s.cls === cls);
  const ig = ignore.filter((s) => s.cls === cls);
  // A prediction on an unscored mention (and on no gold one) is left out of the counts.
  const p = pred.filter((s) => s.cls === cls && !(ig.some((x) => overlaps(s, x)) && !g.some((x) => overlaps(s, x))));
  const exact = new Set(g.map((s) => `${s.start}:${s.end}`));
  into.predicted += p.length;
  into.gold += g.length;
  into.exactTp += new Set(p.filter((s) => exact.has(`${s.start}:${s.end}`)).map((s) => `${s.start}:${s.end}`)).size;
  into.overlapPredHit += p.filter((s) => g.some((x) => overlaps(s, x))).length;
  into.overlapGoldHit += g.filter((x) => p.some((s) => overlaps(s, x))).length;
}

export function scores(c: Counts): { exact: Prf; overlap: Prf } {
  return {
    exact: prf(c.exactTp, c.predicted, c.gold),
    overlap: { ...prf(c.overlapPredHit, c.predicted, c.gold, c.overlapGoldHit), tp: c.overlapPredHit },
  };
}
