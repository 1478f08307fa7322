/** Seeded randomness: every entity draws from its own stream, so one entity never shifts another. */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [min, max], both included. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** 32-bit string hash (FNV-1a), to turn a seed text into a number. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32: small, fast and statistically sound for synthetic data (not for anything secret). */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    // The first outputs of a freshly seeded sfc32 are correlated with the seed; skip them.
    for (let i = 0; i < 12; i++) this.raw();
  }

  private raw(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.raw() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** A generator for one named stream (`"article"`, `"person"`…) and one index within it. */
export function streamRng(seed: number, stream: string, index = 0): Rng {
  return new Sfc32((hashText(stream) ^ Math.imul(seed | 0, 0x27d4eb2d) ^ Math.imul(index + 1, 0x165667b1)) >>> 0);
}

/** Draws indexes 0..n-1 with the given weights (cumulative table, binary search). */
export class Discrete {
  private readonly cdf: Float64Array;

  constructor(weights: ArrayLike<number>) {
    if (weights.length === 0) throw new Error("bench.random: Discrete needs at least one weight, got none");
    this.cdf = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) throw new Error(`bench.random: weights must be ≥ 0, got ${weights[i]} at ${i}`);
      total += weights[i];
      this.cdf[i] = total;
    }
    if (total <= 0) throw new Error("bench.random: weights sum to 0");
    for (let i = 0; i < this.cdf.length; i++) this.cdf[i] /= total;
  }

  get size(): number {
    return this.cdf.length;
  }

  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf–Mandelbrot ranks: weight of rank r is 1 / (r + 1 + q)^s; rank 0 is the most frequent. */
export function zipf(n: number, s = 1, q = 0): Discrete {
  const weights = new Float64Array(n);
  for (let r = 0; r < n; r++) weights[r] = 1 / Math.pow(r + 1 + q, s);
  return new Discrete(weights);
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
