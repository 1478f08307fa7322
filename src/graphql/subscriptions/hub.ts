import type { Logger } from "pino";
import type { RedisClientType } from "redis";
import type { Config } from "../../config/config";
import type { IngestEvent } from "../../ingest/ingest-events";
import { closeRedis, connectRedis } from "../../auth/redis";

export type Listener = (event: IngestEvent) => void;

/** Fan-out to this process's listeners. */
class Fanout {
  private readonly listeners = new Set<Listener>();

  listen(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(event: IngestEvent, log?: Logger): void {
    for (const fn of this.listeners) {
      try {
        fn(event);
      } catch (err) {
        log?.error({ err }, "subscriptions: a listener failed");
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

/** Events published in this process without Redis (or while it is down) travel through here. */
export const localBus = new Fanout();

export const channelOf = (config: Pick<Config, "redisPrefix">) => `${config.redisPrefix}ingest-events`;

const TYPES = new Set(["articleAdded", "eventUpdated"]);

/** Redis messages are JSON from other processes: anything not shaped like an IngestEvent is dropped. */
export function decodeEvent(message: string): IngestEvent | undefined {
  try {
    const e = JSON.parse(message) as IngestEvent;
    if (!e || typeof e !== "object" || !TYPES.has(e.type)) return undefined;
    if (e.type === "articleAdded" && (typeof e.articleId !== "number" || !Array.isArray(e.personIds) || !Array.isArray(e.countryCodes) || !Array.isArray(e.eventIds))) return undefined;
    if (e.type === "eventUpdated" && typeof e.eventId !== "number") return undefined;
    return e;
  } catch {
    return undefined;
  }
}

/**
 * Where subscriptions of this process hear about ingested articles: Redis pub/sub when configured
 * (one dedicated subscriber connection per process, subscribed at start-up so nothing published
 * after start is missed), plus the in-process bus.
 */
export class SubscriptionHub {
  private readonly fanout = new Fanout();
  private readonly unhookLocal: () => void;

  private constructor(
    private readonly log: Logger,
    private readonly subscriber?: RedisClientType,
  ) {
    this.unhookLocal = localBus.listen((e) => this.fanout.emit(e, log));
  }

  static async start(config: Pick<Config, "redisUrl" | "redisPrefix">, log: Logger): Promise<SubscriptionHub> {
    if (!config.redisUrl) return new SubscriptionHub(log);
    const subscriber = await connectRedis(config.redisUrl, log, "subscriptions");
    const hub = new SubscriptionHub(log, subscriber);
    const channel = channelOf(config);
    const subscribe = () =>
      subscriber.subscribe(channel, (message: string) => hub.receive(message)).catch((err: Error) => log.warn({ err: err.message }, "subscriptions: redis subscribe failed"));
    // node-redis re-subscribes by itself after a reconnect; only the first subscription may have to wait.
    if (subscriber.isReady) await subscribe();
    else subscriber.once("ready", () => void subscribe());
    return hub;
  }

  get kind(): "redis" | "memory" {
    return this.subscriber ? "redis" : "memory";
  }

  private receive(message: string) {
    const event = decodeEvent(message);
    if (event) this.fanout.emit(event, this.log);
    else this.log.warn({ sample: message.slice(0, 200) }, "subscriptions: ignored a malformed message");
  }

  listen(fn: Listener): () => void {
    return this.fanout.listen(fn);
  }

  get listeners(): number {
    return this.fanout.size;
  }

  async close(): Promise<void> {
    this.unhookLocal();
    if (this.subscriber) await closeRedis(this.subscriber);
  }
}
