import type { Logger } from "pino";
import type { Config } from "../config/config";
import type { Cache } from "./cache";
import { MemoryCache } from "./memory.cache";
import { RedisCache } from "./redis.cache";

export type { Cache } from "./cache";
export { encodeValue, decodeValue } from "./cache";

/** Redis when REDIS_URL is set, else the in-process LRU. */
export async function createCache(config: Pick<Config, "redisUrl" | "redisPrefix" | "cacheMaxEntries">, log: Logger): Promise<Cache> {
  if (config.redisUrl) return RedisCache.connect(config.redisUrl, config.redisPrefix, log);
  return new MemoryCache(config.cacheMaxEntries);
}
