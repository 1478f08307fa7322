import type { SparseVector } from "./types";

/** A vector's norm, and its entries as arrays in sorted key order (without re-enumerating a large object). */
interface Shape { norm: number; keys: string[]; weights: number[] }

// Vectors are built once and never changed afterwards; an event centroid is compared with many articles.
const shapes = new WeakMap<SparseVector, Shape>();

function shape(v: SparseVector): Shape {
  let found = shapes.get(v);
  if (!found) {
    // Sums in one key order whatever order the object was built in (in memory, or read back from jsonb): the same vectors give the same bits.
    const keys = Object.keys(v).sort();
    const weights = new Array<number>(keys.length);
    let s = 0;
    for (let i = 0; i < keys.length; i++) {
      const w = v[keys[i]];
      weights[i] = w;
      s += w * w;
    }
    found = { norm: Math.sqrt(s), keys, weights };
    shapes.set(v, found);
  }
  return found;
}

export function norm(v: SparseVector): number {
  return shape(v).norm;
}

/** Σ a[k]·b[k], iterating `a`: pass the shorter vector first (the article before a centroid). */
export function dot(a: SparseVector, b: SparseVector): number {
  const { keys, weights } = shape(a);
  let s = 0;
  for (let i = 0; i < keys.length; i++) {
    const w = b[keys[i]];
    if (w !== undefined) s += weights[i] * w;
  }
  return s;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const sa = shape(a);
  const sb = shape(b);
  if (sa.norm === 0 || sb.norm === 0) return 0;
  return (sa.keys.length <= sb.keys.length ? dot(a, b) : dot(b, a)) / (sa.norm * sb.norm);
}

export function unit(v: SparseVector): SparseVector {
  const n = norm(v);
  if (n === 0) return {};
  const out: SparseVector = {};
  for (const k in v) out[k] = v[k] / n;
  return out;
}

/** a + scale·b, as a new vector. */
export function addScaled(a: SparseVector, b: SparseVector, scale = 1): SparseVector {
  const out: SparseVector = { ...a };
  for (const k in b) out[k] = (out[k] ?? 0) + scale * b[k];
  return out;
}

/** The `n` heaviest entries; ties broken by key so the result does not depend on insertion order. */
export function topN(v: SparseVector, n: number): SparseVector {
  const entries = Object.entries(v).filter(([, w]) => w > 0);
  if (entries.length <= n) return Object.fromEntries(sortEntries(entries));
  return Object.fromEntries(sortEntries(entries).slice(0, n));
}

export function sortEntries(entries: [string, number][]): [string, number][] {
  return entries.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

/** Keys present in both vectors. */
export function sharedKeys(a: SparseVector, b: SparseVector): string[] {
  const out: string[] = [];
  for (const k in a) if (b[k] !== undefined) out.push(k);
  return out;
}
