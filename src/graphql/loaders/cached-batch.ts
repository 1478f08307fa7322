import { decodeValue, encodeValue, type Cache } from "../../cache";

/** What loaders keep in the shared cache: everything, rows looked up by id only, or nothing. */
export type LoaderCacheScope = "all" | "ids" | "off";

// Rows by id (and article bodies): reused across pages and queries. Per-article relation lists are
// cheaper to select again in one batched statement than to encode, write and read back.
const ID_KINDS = new Set(["src", "art", "per", "evt", "cty", "body"]);

/** The cache as one request sees it: the generation is read once, lazily, per request. */
export class RequestCache {
  private gen?: Promise<number | undefined>;

  constructor(
    readonly cache: Cache,
    readonly ttlSeconds: number,
    readonly scope: LoaderCacheScope = "all",
  ) {}

  generation(): Promise<number | undefined> {
    this.gen ??= this.cache.generation();
    return this.gen;
  }

  /**
   * Batch-loads `keys` through the cache: one MGET, then `load` for the misses only, then one write.
   * Returns one value per key, in order (DataLoader's contract). Without a known generation it
   * bypasses the cache so it can never serve data older than the last write.
   */
  async batch<K extends string | number, V>(kind: string, keys: readonly K[], load: (keys: K[]) => Promise<V[]>): Promise<V[]> {
    if (this.scope === "off" || (this.scope === "ids" && !ID_KINDS.has(kind))) return load([...keys]);
    const gen = await this.generation();
    if (gen === undefined) return load([...keys]);
    const cacheKeys = keys.map((k) => `g${gen}:${kind}:${k}`);
    const hits = await this.cache.mget(cacheKeys);
    const missIdx: number[] = [];
    const out: V[] = new Array(keys.length);
    hits.forEach((hit, i) => {
      if (hit === undefined) missIdx.push(i);
      else out[i] = decodeValue<V>(hit);
    });
    if (missIdx.length === 0) return out;
    const loaded = await load(missIdx.map((i) => keys[i]));
    const writes: [string, string][] = [];
    missIdx.forEach((i, j) => {
      out[i] = loaded[j];
      writes.push([cacheKeys[i], encodeValue(loaded[j] ?? null)]);
    });
    // Writing back does not hold up the response.
    void this.cache.mset(writes, this.ttlSeconds);
    return out;
  }
}
