import { LRUCache } from "lru-cache";
import type { Cache } from "./cache";

/** The in-process cache used without REDIS_URL; generation lives in this process only. */
export class MemoryCache implements Cache {
  readonly kind = "memory" as const;
  private readonly lru: LRUCache<string, string>;
  private gen = 1;

  constructor(maxEntries: number) {
    this.lru = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
  }

  async get(key: string) {
    return this.lru.get(key);
  }

  async mget(keys: string[]) {
    return keys.map((k) => this.lru.get(k));
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async mset(entries: [string, string][], ttlSeconds: number) {
    for (const [k, v] of entries) this.lru.set(k, v, { ttl: ttlSeconds * 1000 });
  }

  async del(key: string) {
    this.lru.delete(key);
  }

  async generation() {
    return this.gen;
  }

  async bumpGeneration() {
    this.gen += 1;
    return this.gen;
  }

  async mgetWithGeneration(keys: string[]) {
    return { generation: this.gen, values: keys.map((k) => this.lru.get(k)) };
  }

  async ping() {
    return true;
  }

  async close() {
    this.lru.clear();
  }
}
