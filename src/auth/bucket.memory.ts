import { LRUCache } from "lru-cache";
import type { RatePolicy } from "../config/config";
import { stepBucket, type BucketState, type Buckets, type StoredBucket } from "./bucket";

/** Buckets of this process only: used without Redis, and while Redis is unreachable. */
export class MemoryBuckets implements Buckets {
  readonly kind = "memory" as const;
  // Bounded so that a flood of distinct client addresses cannot grow memory without limit.
  private readonly buckets = new LRUCache<string, StoredBucket>({ max: 100_000 });

  constructor(private readonly clock: () => number = Date.now) {}

  async take(key: string, cost: number, policy: RatePolicy): Promise<BucketState> {
    return this.step(key, cost, policy);
  }

  async refund(key: string, points: number, policy: RatePolicy): Promise<BucketState> {
    return this.step(key, -points, policy);
  }

  /** In this process a refund costs nothing to send: it is made at once, and `after` is not needed. */
  async refundBatched(key: string, points: number, policy: RatePolicy, _after?: BucketState): Promise<BucketState> {
    return this.step(key, -points, policy);
  }

  private step(key: string, cost: number, policy: RatePolicy): BucketState {
    const { next, state } = stepBucket(this.buckets.get(key), this.clock(), cost, policy);
    // A full bucket is the same as no bucket, so entries expire once they would have refilled.
    this.buckets.set(key, next, { ttl: Math.max(1000, state.msToFull) });
    return state;
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }
}
