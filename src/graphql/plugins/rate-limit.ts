import { GraphQLError } from "graphql";
import type { BucketState, Buckets } from "../../auth/bucket";
import { budgetFor, type Budget } from "../../auth/budget";
import { ANONYMOUS } from "../../auth/roles";
import type { Config } from "../../config/config";
import type { CachedCost, OnCacheHit } from "./response-cache";

/** What every response reports in `extensions.cost`. */
export interface CostReport {
  requested: number;
  actual: number;
  /** Points left in the client's bucket; null when rate limiting is off. */
  remaining: number | null;
  /** When the bucket will be full again (ISO 8601); null when rate limiting is off. */
  resetAt: string | null;
  limit: number | null;
}

/** `resetAt` is given to the whole second, like the RateLimit-Reset header. */
export function costReport(requested: number, actual: number, budget: Budget, state: BucketState | undefined): CostReport {
  if (!state) return { requested, actual, remaining: null, resetAt: null, limit: null };
  return {
    requested,
    actual,
    remaining: Math.floor(state.remaining),
    resetAt: new Date(Math.ceil(state.fullAt / 1000) * 1000).toISOString(),
    limit: budget.policy.capacity,
  };
}

/** RateLimit-* headers of draft-ietf-httpapi-ratelimit-headers (the separate-fields form). */
export function rateLimitHeaders(budget: Budget, state: BucketState): [string, string][] {
  const { capacity, refillPerSecond } = budget.policy;
  return [
    ["ratelimit-limit", String(capacity)],
    ["ratelimit-remaining", String(Math.floor(state.remaining))],
    ["ratelimit-reset", String(Math.ceil(state.msToFull / 1000))],
    ["ratelimit-policy", `${capacity};w=${Math.ceil(capacity / refillPerSecond)}`],
  ];
}

export function rateLimitedError(requested: number, budget: Budget, state: BucketState): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(state.retryAfterMs / 1000));
  const { capacity, refillPerSecond } = budget.policy;
  const headers = new Map<string, string>([["retry-after", String(retryAfter)], ...rateLimitHeaders(budget, state)]);
  return new GraphQLError(
    `Rate limited: this query costs ${requested} points and ${Math.floor(state.remaining)} are left (bucket of ${capacity}, refilled at ${refillPerSecond}/s). Retry in ${retryAfter} s.`,
    { extensions: { code: "RATE_LIMITED", retryAfter, cost: costReport(requested, 0, budget, state), http: { status: 429, headers } } },
  );
}

/** What a refused cache hit answers with 429: its headers (retry-after first) and JSON body. */
export function cacheHitRefusal(budget: Budget, state: BucketState, cost: CachedCost, requestId: unknown): { headers: [string, string][]; body: unknown } {
  const retryAfter = Math.max(1, Math.ceil(state.retryAfterMs / 1000));
  return {
    headers: [["retry-after", String(retryAfter)], ...rateLimitHeaders(budget, state)],
    body: { errors: [{
      message: `Rate limited: ${Math.floor(state.remaining)} points left (bucket of ${budget.policy.capacity}). Retry in ${retryAfter} s.`,
      extensions: { code: "RATE_LIMITED", retryAfter, cost: costReport(cost.actual, cost.actual, budget, state), requestId },
    }] },
  };
}

/** What a cache hit is charged: the replayed response's actual cost, at least one point. */
export const hitCharge = (cost: CachedCost) => Math.max(1, cost.actual);

/**
 * Charges an anonymous response-cache hit what the replayed response cost, sets the live
 * RateLimit-* headers, and answers 429 itself when the bucket cannot pay.
 */
export function cacheHitCharger(config: Pick<Config, "rateLimits" | "maxCost">, buckets: Buckets | undefined): OnCacheHit {
  return async (req, res, cost) => {
    if (!buckets) return true;
    const budget = budgetFor(ANONYMOUS, req.ip, config);
    const state = await buckets.take(budget.bucketKey, hitCharge(cost), budget.policy);
    if (state.allowed) {
      for (const [name, value] of rateLimitHeaders(budget, state)) res.setHeader(name, value);
      return true;
    }
    const refusal = cacheHitRefusal(budget, state, cost, res.locals.requestId);
    for (const [name, value] of refusal.headers) res.setHeader(name, value);
    res.status(429).json(refusal.body);
    return false;
  };
}
