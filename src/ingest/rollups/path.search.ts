import { canonicalPair } from "./keys";

/** The co-mention graph as path search needs it (all-time pair totals). */
export interface PathGraph {
  /** Each key's strongest partners, strongest first; intermediate-kind filtering is the graph's business. */
  partners(keys: string[], limit: number): Promise<Map<string, { key: string; count: number }[]>>;
  /** Counts of the canonical pairs that exist, keyed `a~b`. */
  edges(pairs: [string, string][]): Promise<Map<string, number>>;
}

export interface FoundPath {
  nodes: string[];
  /** counts[i] links nodes[i] and nodes[i + 1]. */
  counts: number[];
}

export const MAX_HOPS = 3;
/** Partners expanded per endpoint: 25 on each side means at most 625 pair lookups for three hops. */
export const PATH_FANOUT = 25;

const edgeKey = (x: string, y: string) => canonicalPair(x, y).join("~");

/** Strongest weakest link first, then the larger total, then the smaller keys (a total order). */
function better(x: FoundPath, y: FoundPath | undefined): boolean {
  if (!y) return true;
  const mx = Math.min(...x.counts);
  const my = Math.min(...y.counts);
  if (mx !== my) return mx > my;
  const sx = x.counts.reduce((s, c) => s + c, 0);
  const sy = y.counts.reduce((s, c) => s + c, 0);
  if (sx !== sy) return sx > sy;
  return x.nodes.join(" ") < y.nodes.join(" ");
}

/**
 * Shortest co-mention chain from `from` to `to`, meeting in the middle: the direct pair first, then
 * the strongest partners of each end checked against the other end (two hops), then against each
 * other (three hops). Among chains of the same length the one with the strongest weakest link wins.
 */
export async function findPath(g: PathGraph, from: string, to: string, o: { maxHops: number; fanout?: number }): Promise<FoundPath | null> {
  if (from === to) return { nodes: [from], counts: [] };
  const direct = (await g.edges([canonicalPair(from, to)])).get(edgeKey(from, to));
  if (direct) return { nodes: [from, to], counts: [direct] };
  if (o.maxHops < 2) return null;
  const fanout = o.fanout ?? PATH_FANOUT;
  const near = await g.partners([from, to], fanout);
  const ends = new Set([from, to]);
  const fromSide = new Map((near.get(from) ?? []).filter((p) => !ends.has(p.key)).map((p) => [p.key, p.count]));
  const toSide = new Map((near.get(to) ?? []).filter((p) => !ends.has(p.key)).map((p) => [p.key, p.count]));

  const two = await g.edges([...[...fromSide.keys()].map((m) => canonicalPair(m, to)), ...[...toSide.keys()].map((m) => canonicalPair(from, m))]);
  let best: FoundPath | undefined;
  for (const m of new Set([...fromSide.keys(), ...toSide.keys()])) {
    const first = fromSide.get(m) ?? two.get(edgeKey(from, m));
    const second = toSide.get(m) ?? two.get(edgeKey(m, to));
    const path = first && second ? { nodes: [from, m, to], counts: [first, second] } : undefined;
    if (path && better(path, best)) best = path;
  }
  if (best || o.maxHops < 3) return best ?? null;

  const middles: [string, string][] = [];
  for (const m1 of fromSide.keys()) for (const m2 of toSide.keys()) if (m1 !== m2) middles.push(canonicalPair(m1, m2));
  const three = await g.edges(middles);
  for (const [m1, c1] of fromSide) {
    for (const [m2, c3] of toSide) {
      const c2 = m1 === m2 ? undefined : three.get(edgeKey(m1, m2));
      const path = c2 ? { nodes: [from, m1, m2, to], counts: [c1, c2, c3] } : undefined;
      if (path && better(path, best)) best = path;
    }
  }
  return best ?? null;
}
