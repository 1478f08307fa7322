/** A shared key-value cache. Implementations never throw: a failing backend behaves as a miss. */
export interface Cache {
  readonly kind: "redis" | "memory";
  get(key: string): Promise<string | undefined>;
  mget(keys: string[]): Promise<(string | undefined)[]>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  mset(entries: [string, string][], ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * The current data generation; every write bumps it, so keys that embed it go stale together.
   * `undefined` when the backend cannot tell (Redis down): callers then bypass the cache.
   */
  generation(): Promise<number | undefined>;
  bumpGeneration(): Promise<number | undefined>;
  /** The generation and what each key holds, in one round trip; `undefined` as for `generation()`. */
  mgetWithGeneration(keys: string[]): Promise<{ generation: number; values: (string | undefined)[] } | undefined>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const DATE_TAG = "$d";

/** JSON that keeps Dates: they travel as {"$d": epochMillis}. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE_TAG]: raw.getTime() } : v;
  });
}

export function decodeValue<T>(text: string): T {
  return JSON.parse(text, (_key, v) =>
    v !== null && typeof v === "object" && typeof v[DATE_TAG] === "number" && Object.keys(v).length === 1 ? new Date(v[DATE_TAG]) : v,
  ) as T;
}
