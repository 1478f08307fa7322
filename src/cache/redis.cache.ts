import type { RedisClientType } from "redis";
import type { Logger } from "pino";
import { bucketRedisKey } from "../auth/bucket.redis";
import type { Cache } from "./cache";
import { closeRedis, COMMAND_TIMEOUT_MS, connectRedis, runScript } from "../auth/redis";
import { CHARGED_GET, readChargedGet, type ChargedGet, type HitCharge } from "./charged-get";
import { Deadlines } from "./deadlines";

const GEN_KEY = "gen";

/**
 * Redis-backed cache. Every command is bounded by a short timeout and any failure is a miss,
 * so a Redis outage slows requests down instead of failing them.
 */
export class RedisCache implements Cache {
  readonly kind = "redis" as const;
  private lastWarning = 0;
  private readonly deadlines: Deadlines;

  private constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
    private readonly log: Logger,
    commandTimeoutMs: number,
  ) {
    this.deadlines = new Deadlines(commandTimeoutMs, "redis cache");
  }

  static async connect(url: string, prefix: string, log: Logger, opts: { commandTimeoutMs?: number } = {}): Promise<RedisCache> {
    const client = await connectRedis(url, log, "cache", { untimed: true });
    return new RedisCache(client, prefix, log, opts.commandTimeoutMs ?? COMMAND_TIMEOUT_MS);
  }

  private warn(op: string, err: unknown) {
    const now = Date.now();
    // One warning per 10 s is enough to notice an outage without flooding the log.
    if (now - this.lastWarning > 10_000) {
      this.lastWarning = now;
      this.log.warn({ err: (err as Error)?.message ?? String(err), op }, "redis cache: command failed, treating as a miss");
    }
  }

  private async attempt<T>(op: string, fallback: T, fn: () => Promise<T>): Promise<T> {
    if (!this.client.isReady) return fallback;
    try {
      return await this.deadlines.run(fn());
    } catch (err) {
      this.warn(op, err);
      return fallback;
    }
  }

  get(key: string) {
    return this.attempt("get", undefined, async () => (await this.client.get(this.prefix + key)) ?? undefined);
  }

  mget(keys: string[]) {
    if (keys.length === 0) return Promise.resolve([]);
    return this.attempt("mget", keys.map(() => undefined), async () =>
      (await this.client.mGet(keys.map((k) => this.prefix + k))).map((v) => v ?? undefined),
    );
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.attempt("set", undefined, async () => {
      await this.client.set(this.prefix + key, value, { EX: ttlSeconds });
    });
  }

  async mset(entries: [string, string][], ttlSeconds: number) {
    if (entries.length === 0) return;
    await this.attempt("mset", undefined, async () => {
      const batch = this.client.multi();
      for (const [k, v] of entries) batch.set(this.prefix + k, v, { EX: ttlSeconds });
      // Independent entries: one pipelined write, without MULTI/EXEC's transaction around it.
      await batch.execAsPipeline();
    });
  }

  async del(key: string) {
    await this.attempt("del", undefined, async () => {
      await this.client.del(this.prefix + key);
    });
  }

  generation() {
    return this.attempt<number | undefined>("generation", undefined, async () => Number((await this.client.get(this.prefix + GEN_KEY)) ?? 0));
  }

  bumpGeneration() {
    return this.attempt<number | undefined>("bump", undefined, async () => Number(await this.client.incr(this.prefix + GEN_KEY)));
  }

  mgetWithGeneration(keys: string[]) {
    return this.attempt<{ generation: number; values: (string | undefined)[] } | undefined>("mgetWithGeneration", undefined, async () => {
      const [gen, ...values] = await this.client.mGet([this.prefix + GEN_KEY, ...keys.map((k) => this.prefix + k)]);
      return { generation: Number(gen ?? 0), values: values.map((v) => v ?? undefined) };
    });
  }

  /** The generation and one entry, with a current entry's hit charged to `charge`'s bucket in the same round trip. */
  getAndCharge(key: string, charge: HitCharge | undefined) {
    return this.attempt<ChargedGet | undefined>("getAndCharge", undefined, async () => {
      const keys = [this.prefix + GEN_KEY, this.prefix + key];
      if (charge) keys.push(bucketRedisKey(this.prefix, charge.bucketKey));
      const options = { keys, arguments: charge ? [String(charge.capacity), String(charge.refillPerSecond)] : [] };
      return readChargedGet((await runScript(this.client, CHARGED_GET, options)) as unknown[]);
    });
  }

  ping() {
    return this.attempt("ping", false, async () => (await this.client.ping()) === "PONG");
  }

  async close() {
    this.deadlines.close();
    await closeRedis(this.client);
  }
}
