import type { Logger } from "pino";
import type { RedisClientType } from "redis";
import type { Config } from "../../config/config";
import type { IngestEvent, Publish } from "../../ingest/ingest-events";
import { closeRedis, connectRedis } from "../../auth/redis";
import { channelOf, localBus } from "./hub";

export interface Publisher {
  publish: Publish;
  close(): Promise<void>;
}

/**
 * What ingestion calls after each commit. With Redis, every gateway replica's subscriptions hear it;
 * without Redis, or while Redis is down, only this process's do (and a warning says so).
 */
export function createPublisher(config: Pick<Config, "redisUrl" | "redisPrefix">, log: Logger): Publisher {
  if (!config.redisUrl) {
    return { publish: async (event) => localBus.emit(event, log), close: async () => {} };
  }
  const channel = channelOf(config);
  const client: Promise<RedisClientType> = connectRedis(config.redisUrl, log, "publisher");
  let lastWarning = 0;
  const local = (event: IngestEvent, err: unknown) => {
    const now = Date.now();
    if (now - lastWarning > 10_000) {
      lastWarning = now;
      log.warn({ err: (err as Error)?.message ?? String(err) }, "subscriptions: redis publish failed, delivering in this process only");
    }
    localBus.emit(event, log);
  };
  return {
    async publish(event) {
      const c = await client;
      if (!c.isReady) return local(event, "not connected");
      try {
        await c.publish(channel, JSON.stringify(event));
      } catch (err) {
        local(event, err);
      }
    },
    async close() {
      await closeRedis(await client);
    },
  };
}
