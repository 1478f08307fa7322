import { utcDay } from "./contribution";

export type Interval = "HOUR" | "DAY" | "WEEK" | "MONTH";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Longest range per interval: bounds the buckets returned and the rows read. */
export const MAX_SPAN_DAYS: Record<Interval, number> = { HOUR: 31, DAY: 366, WEEK: 5 * 366, MONTH: 10 * 366 };

/** Range used when a caller gives no `from`. */
export const DEFAULT_SPAN_DAYS: Record<Interval, number> = { HOUR: 2, DAY: 30, WEEK: 26 * 7, MONTH: 365 };

/** Start of the UTC bucket holding `t`; weeks start on Monday (ISO 8601). */
export function bucketStart(interval: Interval, t: Date): Date {
  const ms = t.getTime();
  switch (interval) {
    case "HOUR":
      return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS);
    case "DAY":
      return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
    case "WEEK": {
      const day = Math.floor(ms / DAY_MS) * DAY_MS;
      const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
      return new Date(day - sinceMonday * DAY_MS);
    }
    case "MONTH":
      return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  }
}

export function nextBucket(interval: Interval, start: Date): Date {
  switch (interval) {
    case "HOUR":
      return new Date(start.getTime() + HOUR_MS);
    case "DAY":
      return new Date(start.getTime() + DAY_MS);
    case "WEEK":
      return new Date(start.getTime() + 7 * DAY_MS);
    case "MONTH":
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
}

/** The buckets covering [from, to): the first starts at or before `from`, the last ends at or after `to`. */
export function bucketRange(interval: Interval, from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let s = bucketStart(interval, from); s < to; s = nextBucket(interval, s)) out.push(s);
  return out;
}

export interface TimelineBucket {
  start: Date;
  count: number;
}

/** Zero-filled buckets over [from, to), each summing the points that fall inside it. */
export function fillBuckets(interval: Interval, from: Date, to: Date, points: readonly { at: Date; count: number }[]): TimelineBucket[] {
  const buckets = bucketRange(interval, from, to).map((start) => ({ start, count: 0 }));
  const index = new Map(buckets.map((b, i) => [b.start.getTime(), i]));
  for (const p of points) {
    const i = index.get(bucketStart(interval, p.at).getTime());
    if (i !== undefined) buckets[i].count += p.count;
  }
  return buckets;
}

/** The day rows a DAY/WEEK/MONTH timeline reads: whole buckets, so [first bucket start, last bucket end). */
export function dayRangeOf(interval: Interval, from: Date, to: Date): { fromDay: string; toDay: string } {
  const buckets = bucketRange(interval, from, to);
  const last = buckets.at(-1) ?? bucketStart(interval, from);
  return { fromDay: utcDay(buckets[0] ?? bucketStart(interval, from)), toDay: utcDay(nextBucket(interval, last)) };
}

export const dayAt = (day: string): Date => new Date(`${day}T00:00:00Z`);
