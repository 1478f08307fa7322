/** Clustering scores over item → label maps (predicted cluster id vs gold label). */

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

function prf(precision: number, recall: number): PRF {
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Pairwise: over all unordered pairs of items, a pair is predicted positive when both items share a
 * predicted cluster and gold positive when they share a gold label. No positive pairs → 1 by convention.
 */
export function pairwise(predicted: Map<string, string>, gold: Map<string, string>): PRF & { tp: number; fp: number; fn: number } {
  const ids = [...gold.keys()];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const samePred = predicted.get(ids[i]) === predicted.get(ids[j]);
      const sameGold = gold.get(ids[i]) === gold.get(ids[j]);
      if (samePred && sameGold) tp++;
      else if (samePred) fp++;
      else if (sameGold) fn++;
    }
  }
  return { ...prf(tp + fp === 0 ? 1 : tp / (tp + fp), tp + fn === 0 ? 1 : tp / (tp + fn)), tp, fp, fn };
}

/** B-cubed (Bagga & Baldwin): per-item precision and recall of its cluster against its gold class, averaged. */
export function bcubed(predicted: Map<string, string>, gold: Map<string, string>): PRF {
  const ids = [...gold.keys()];
  const byPred = groupBy(ids, predicted);
  const byGold = groupBy(ids, gold);
  let p = 0;
  let r = 0;
  for (const id of ids) {
    const cluster = byPred.get(predicted.get(id) as string) as string[];
    const klass = byGold.get(gold.get(id) as string) as string[];
    const both = cluster.filter((x) => gold.get(x) === gold.get(id)).length;
    p += both / cluster.length;
    r += both / klass.length;
  }
  return prf(p / ids.length, r / ids.length);
}

function groupBy(ids: string[], labels: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const id of ids) {
    const label = labels.get(id);
    if (label === undefined) throw new Error(`events.metrics: item ${id} has no label`);
    const list = out.get(label) ?? [];
    list.push(id);
    out.set(label, list);
  }
  return out;
}

/** Deterministic PRNG (mulberry32) for reproducible shuffles. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: T[], seed: number): T[] {
  const next = rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
