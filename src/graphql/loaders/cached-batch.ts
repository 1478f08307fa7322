import { decodeValue, encodeValue, type Cache } from "../../cache";

/** What loaders keep in the shared cache: everything, rows looked up by id only, or nothing. */
export type LoaderCacheScope = "all" | "ids" | "off";

// Rows by id (and article bodies): reused across pages and queries. Per-article relation lists are
// cheaper to select again in one batched statement than to encode, write and read back.
const ID_KINDS = new Set(["src", "art", "per", "evt", "cty", "body"]);

/** An entry is "<generation>\n<value>": only one written at the current generation is served. */
function readTagged(entry: string | undefined, generation: number): string | undefined {
  if (entry === undefined) return undefined;
  const nl = entry.indexOf("\n");
  return nl > 0 && Number(entry.slice(0, nl)) === generation ? entry.slice(nl + 1) : undefined;
}

/** The cache as one request's loaders see it. */
export class RequestCache {
  constructor(
    readonly cache: Cache,
    readonly ttlSeconds: number,
    readonly scope: LoaderCacheScope = "all",
  ) {}

  /**
   * Batch-loads `keys` through the cache: one MGET of the generation and the entries, then `load`
   * for the misses only, then one write. Returns one value per key, in order (DataLoader's
   * contract). Without a known generation it bypasses the cache so it can never serve data older
   * than the last write; an entry of an earlier generation is a miss (every write bumps it).
   */
  async batch<K extends string | number, V>(kind: string, keys: readonly K[], load: (keys: K[]) => Promise<V[]>): Promise<V[]> {
    if (this.scope === "off" || (this.scope === "ids" && !ID_KINDS.has(kind))) return load([...keys]);
    const cacheKeys = keys.map((k) => `lc:${kind}:${k}`);
    const found = await this.cache.mgetWithGeneration(cacheKeys);
    if (found === undefined) return load([...keys]);
    const missIdx: number[] = [];
    const out: V[] = new Array(keys.length);
    found.values.forEach((entry, i) => {
      const hit = readTagged(entry, found.generation);
      if (hit === undefined) missIdx.push(i);
      else out[i] = decodeValue<V>(hit);
    });
    if (missIdx.length === 0) return out;
    const loaded = await load(missIdx.map((i) => keys[i]));
    const writes: [string, string][] = [];
    missIdx.forEach((i, j) => {
      out[i] = loaded[j];
      writes.push([cacheKeys[i], `${found.generation}\n${encodeValue(loaded[j] ?? null)}`]);
    });
    // Writing back does not hold up the response.
    void this.cache.mset(writes, this.ttlSeconds);
    return out;
  }
}
