import { DEDUP_THRESHOLD, DedupSignature, dedupKeys, dedupSimilarity } from "./dedup";

export interface DedupMatch {
  id: string;
  similarity: number;
}

/**
 * In-memory LSH index with the same contract as the lead's table (key → article id):
 * candidates share a band key, then the full signatures decide. Used by tests, the eval and the bench.
 */
export class InMemoryDedupIndex {
  private readonly byKey = new Map<string, string[]>();
  private readonly signatures = new Map<string, DedupSignature>();
  private readonly roots = new Map<string, string>();

  constructor(private readonly threshold = DEDUP_THRESHOLD) {}

  /** `duplicateOf` records that `id` copies an earlier article, so later copies point at the first. */
  add(id: string, sig: DedupSignature, duplicateOf?: string): void {
    this.signatures.set(id, sig);
    if (duplicateOf !== undefined) this.roots.set(id, this.roots.get(duplicateOf) ?? duplicateOf);
    for (const key of dedupKeys(sig)) {
      const ids = this.byKey.get(key);
      if (ids) ids.push(id);
      else this.byKey.set(key, [id]);
    }
  }

  /** Earlier articles whose similarity reaches the threshold, best first (ties: earliest added). */
  matches(sig: DedupSignature): DedupMatch[] {
    const seen = new Set<string>();
    const out: DedupMatch[] = [];
    for (const key of dedupKeys(sig)) {
      for (const id of this.byKey.get(key) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const other = this.signatures.get(id);
        const similarity = other ? dedupSimilarity(sig, other) : 0;
        if (similarity >= this.threshold) out.push({ id, similarity });
      }
    }
    return out.sort((a, b) => b.similarity - a.similarity);
  }

  /** The original this body duplicates, if any: the first article of the best match's chain. */
  findOriginal(sig: DedupSignature): DedupMatch | undefined {
    const best = this.matches(sig)[0];
    if (!best) return undefined;
    return { id: this.roots.get(best.id) ?? best.id, similarity: best.similarity };
  }
}
