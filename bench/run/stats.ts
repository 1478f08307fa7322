/** A growing list of numbers (latencies), kept in a typed array so hundreds of thousands cost little. */
export class Samples {
  private data = new Float64Array(4096);
  private n = 0;

  add(v: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = v;
  }

  get size(): number {
    return this.n;
  }

  mean(): number {
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += this.data[i];
    return this.n ? sum / this.n : 0;
  }

  sorted(): Float64Array {
    return this.data.slice(0, this.n).sort();
  }
}

/** Nearest-rank percentile of ascending values (p in 0..100); 0 for no values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Median of the values that are numbers; null when there are none. */
export function median(values: (number | null)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}
