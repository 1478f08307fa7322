import type { Logger } from "pino";
import type { RedisClientType } from "redis";
import type { RatePolicy } from "../config/config";
import { describe, refunded, type BucketState, type Buckets } from "./bucket";
import { MemoryBuckets } from "./bucket.memory";
import { closeRedis, COMMAND_TIMEOUT_MS, connectRedis, luaScript, runScript } from "./redis";
import { Deadlines } from "../cache/deadlines";

/**
 * Refill, charge and store in one atomic step, so replicas sharing a Redis share one budget.
 * The clock is Redis's own (TIME), so replicas with skewed clocks still agree. A Lua function,
 * so that other scripts (a cache hit charged in the same round trip) can charge a bucket too.
 */
export const BUCKET_LUA = `
if redis.replicate_commands then redis.replicate_commands() end
local function take_bucket(key, capacity_arg, refill_arg, cost)
  local capacity = tonumber(capacity_arg)
  local per_ms = tonumber(refill_arg) / 1000
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local stored = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(stored[1])
  local at = tonumber(stored[2])
  if tokens == nil or at == nil then tokens = capacity; at = now end
  tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
  local allowed = 0
  if cost <= tokens then
    tokens = math.min(capacity, tokens - cost)
    allowed = 1
  end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', key, math.ceil((capacity - tokens) / per_ms) + 1000)
  return { allowed, tostring(tokens), tostring(now) }
end
`;

/** Where a bucket lives in Redis. */
export const bucketRedisKey = (prefix: string, key: string) => `${prefix}rl:${key}`;

const SCRIPT = `${BUCKET_LUA}
return take_bucket(KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3]))
`;
const BUCKET_SCRIPT = luaScript(SCRIPT);

/** Buckets in Redis, falling back to this process's buckets whenever Redis does not answer. */
export class RedisBuckets implements Buckets {
  readonly kind = "redis" as const;
  private readonly fallback = new MemoryBuckets();
  private readonly deadlines = new Deadlines(COMMAND_TIMEOUT_MS, "rate limits");
  private lastWarning = 0;
  private batch?: { refunds: Map<string, { points: number; policy: RatePolicy }>; applied: Promise<void>; done: () => void };
  private flushing?: Promise<unknown>;

  private constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  static async connect(url: string, prefix: string, log: Logger): Promise<RedisBuckets> {
    return new RedisBuckets(await connectRedis(url, log, "rate limits", { untimed: true }), prefix, log);
  }

  take(key: string, cost: number, policy: RatePolicy): Promise<BucketState> {
    return this.run(key, cost, policy);
  }

  refund(key: string, points: number, policy: RatePolicy): Promise<BucketState> {
    return this.run(key, -points, policy);
  }

  refundBatched(key: string, points: number, policy: RatePolicy, after: BucketState): Promise<BucketState> {
    if (!this.batch) {
      let done!: () => void;
      const applied = new Promise<void>((resolve) => (done = resolve));
      this.batch = { refunds: new Map(), applied, done };
      setImmediate(() => this.flush());
    }
    const held = this.batch.refunds.get(key);
    if (held) held.points += points;
    else this.batch.refunds.set(key, { points, policy });
    const state = refunded(after, points, policy);
    return this.batch.applied.then(() => state);
  }

  private flush(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    // run() never rejects: without Redis it refunds the in-process buckets.
    this.flushing = Promise.all([...batch.refunds].map(([key, { points, policy }]) => this.run(key, -points, policy))).then(batch.done);
  }

  private async run(key: string, cost: number, policy: RatePolicy): Promise<BucketState> {
    if (!this.client.isReady) return this.fallback.take(key, cost, policy);
    const options = { keys: [bucketRedisKey(this.prefix, key)], arguments: [String(policy.capacity), String(policy.refillPerSecond), String(cost)] };
    try {
      const [allowed, tokens, now] = (await this.deadlines.run(runScript(this.client, BUCKET_SCRIPT, options))) as [number, string, string];
      return describe(allowed === 1, Number(tokens), cost, policy, Number(now));
    } catch (err) {
      this.warn(err);
      return this.fallback.take(key, cost, policy);
    }
  }

  private warn(err: unknown) {
    const now = Date.now();
    if (now - this.lastWarning > 10_000) {
      this.lastWarning = now;
      this.log.warn({ err: (err as Error)?.message ?? String(err) }, "rate limits: redis failed, counting in this process meanwhile");
    }
  }

  async close(): Promise<void> {
    this.flush();
    await this.flushing;
    this.deadlines.close();
    await closeRedis(this.client);
    await this.fallback.close();
  }
}
