import { utcDay } from "./contribution";
import type { EntityKindCode } from "./keys";
import type { TrendQuery } from "./relations.queries";

const DAY_MS = 86_400_000;

/**
 * A pseudo-rate of one mention a day added to both rates: an entity going from 0 to 2 mentions a day
 * scores 3, not infinity, and one that goes from 40 to 80 a day scores ~2 — growth needs volume to rank.
 */
export const TREND_SMOOTHING = 1;

export interface TrendWindow {
  /** Days in the recent window, the day of `at` included (counted by its elapsed part). */
  recentDays: number;
  /** Days right before the recent window that set the entity's own baseline rate. */
  baselineDays: number;
  /** Reference instant ("now"). */
  at: Date;
}

export const DEFAULT_TREND_WINDOW = { recentDays: 2, baselineDays: 14 };

/**
 * Day bounds and rate denominators of a trend window. The current day is partial: its elapsed share
 * (at least an hour) is what the recent rate divides by, so a morning does not look like a slump.
 */
export function trendQuery(kind: EntityKindCode, w: TrendWindow, o: { minSupport: number; limit: number }): TrendQuery {
  // An instant on midnight closes the day before it.
  const last = new Date(w.at.getTime() - 1);
  const lastDayStart = Math.floor(last.getTime() / DAY_MS) * DAY_MS;
  const elapsed = Math.max((w.at.getTime() - lastDayStart) / DAY_MS, 1 / 24);
  const recentStart = lastDayStart - (w.recentDays - 1) * DAY_MS;
  return {
    kind,
    recentFrom: utcDay(new Date(recentStart)),
    recentTo: utcDay(new Date(lastDayStart)),
    baselineFrom: utcDay(new Date(recentStart - w.baselineDays * DAY_MS)),
    recentDays: w.recentDays - 1 + Math.min(elapsed, 1),
    baselineDays: w.baselineDays,
    smoothing: TREND_SMOOTHING,
    minSupport: o.minSupport,
    limit: o.limit,
  };
}
