import { nextAllowedFetch } from "../../sources/fetch/http-cache";

export const MIN_INTERVAL_S = 120;
export const MAX_INTERVAL_S = 24 * 3600;
const NO_NEWS_GROWTH = 1.5;

export interface SuccessInput {
  now: Date;
  currentIntervalS: number;
  /** Articles this refresh created (not merely saw again). */
  newItems: number;
  /** Publication times of the items the source lists, any order. */
  itemDates: Date[];
  maxAgeSeconds?: number;
  ttlMinutes?: number;
  skipHours?: number[];
  skipDays?: number[];
  /** An operator's fixed interval wins over the adaptive one. */
  fixedIntervalS?: number;
}

const clamp = (s: number) => Math.round(Math.min(MAX_INTERVAL_S, Math.max(MIN_INTERVAL_S, s)));

/**
 * How often a source publishes, from the spread of the dates it lists: poll at half its mean gap
 * between items, so a new story waits on average a quarter of a gap.
 */
export function publishingInterval(dates: Date[]): number | undefined {
  const times = dates.map((d) => d.getTime()).filter(Number.isFinite).sort((a, b) => a - b);
  if (times.length < 3) return undefined;
  const span = (times[times.length - 1] - times[0]) / 1000;
  return span > 0 ? span / (times.length - 1) / 2 : undefined;
}

/** Next interval and fetch time after a successful refresh. */
export function afterSuccess(i: SuccessInput): { intervalS: number; nextFetchAt: Date } {
  let intervalS: number;
  if (i.fixedIntervalS) intervalS = clamp(i.fixedIntervalS);
  else if (i.newItems === 0) intervalS = clamp(i.currentIntervalS * NO_NEWS_GROWTH);
  else intervalS = clamp(publishingInterval(i.itemDates) ?? i.currentIntervalS);
  const nextFetchAt = nextAllowedFetch({
    now: i.now,
    minIntervalSeconds: intervalS,
    maxAgeSeconds: i.maxAgeSeconds,
    ttlMinutes: i.ttlMinutes,
    skipHours: i.skipHours,
    skipDays: i.skipDays,
  });
  return { intervalS, nextFetchAt };
}

export interface FailureInput {
  now: Date;
  currentIntervalS: number;
  /** Including this failure. */
  consecutiveErrors: number;
  retryAfterSeconds?: number;
  /** 0..1; injected so tests are deterministic. */
  random?: () => number;
}

/**
 * Exponential backoff with ±20% jitter, capped at a day: a failing source is tried less and less
 * often but never parked. Retry-After, when given, is a floor.
 */
export function afterFailure(i: FailureInput): Date {
  const base = Math.max(i.currentIntervalS, 300);
  const backoff = Math.min(MAX_INTERVAL_S, base * 2 ** Math.min(i.consecutiveErrors - 1, 16));
  const jitter = 0.8 + 0.4 * (i.random ?? Math.random)();
  return nextAllowedFetch({ now: i.now, minIntervalSeconds: Math.round(backoff * jitter), retryAfterSeconds: i.retryAfterSeconds });
}
