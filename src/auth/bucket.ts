import type { RatePolicy } from "../config/config";

/** The outcome of charging (or refunding) a bucket. */
export interface BucketState {
  allowed: boolean;
  /** Points left after this operation (fractional while refilling). */
  remaining: number;
  /** Milliseconds until the bucket is full again. */
  msToFull: number;
  /** Milliseconds until the refused cost would fit; 0 when allowed. */
  retryAfterMs: number;
  /** When the bucket will be full, epoch milliseconds on the bucket's own clock. */
  fullAt: number;
}

/** Token buckets keyed by client: `take` charges a cost, `refund` gives points back. */
export interface Buckets {
  readonly kind: "redis" | "memory";
  take(key: string, cost: number, policy: RatePolicy): Promise<BucketState>;
  refund(key: string, points: number, policy: RatePolicy): Promise<BucketState>;
  /**
   * Gives points back together with the other refunds of this event-loop turn: one command per key.
   * Resolves once they are applied, with the state `after` (a charge's) becomes.
   */
  refundBatched(key: string, points: number, policy: RatePolicy, after: BucketState): Promise<BucketState>;
  close(): Promise<void>;
}

export interface StoredBucket {
  tokens: number;
  /** Time of the last update, epoch milliseconds. */
  at: number;
}

/**
 * One step of a token bucket, the same arithmetic as the Redis script: refill for the time
 * elapsed, then charge `cost` if it fits (a negative cost refunds, capped at capacity).
 */
export function stepBucket(stored: StoredBucket | undefined, now: number, cost: number, policy: RatePolicy): { next: StoredBucket; state: BucketState } {
  const perMs = policy.refillPerSecond / 1000;
  const start = stored ? Math.min(policy.capacity, stored.tokens + Math.max(0, now - stored.at) * perMs) : policy.capacity;
  const allowed = cost <= start;
  const tokens = Math.min(policy.capacity, allowed ? start - cost : start);
  return { next: { tokens, at: now }, state: describe(allowed, tokens, cost, policy, now) };
}

export function describe(allowed: boolean, tokens: number, cost: number, policy: RatePolicy, now: number): BucketState {
  const perMs = policy.refillPerSecond / 1000;
  const msToFull = Math.ceil((policy.capacity - tokens) / perMs);
  return {
    allowed,
    remaining: tokens,
    msToFull,
    retryAfterMs: allowed ? 0 : Math.ceil((cost - tokens) / perMs),
    fullAt: now + msToFull,
  };
}

/** The state a charge's `after` becomes once `points` are given back (capped at capacity), on that charge's clock. */
export function refunded(after: BucketState, points: number, policy: RatePolicy): BucketState {
  return describe(after.allowed, Math.min(policy.capacity, after.remaining + points), 0, policy, after.fullAt - after.msToFull);
}
