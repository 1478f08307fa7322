import { MAX_HOPS } from "./path.search";
import { DEFAULT_SPAN_DAYS, MAX_SPAN_DAYS, type Interval } from "./timeline";
import type { TrendWindow } from "./trend";

const DAY_MS = 86_400_000;

/** A relations argument out of its contract; `argument` names it for the API's BAD_USER_INPUT. */
export class RelationsInputError extends Error {
  readonly code = "RELATIONS_BAD_INPUT";

  constructor(readonly argument: string, readonly detail: string) {
    super(`relations: ${argument}: ${detail}`);
    this.name = "RelationsInputError";
  }
}

/** Longest co-mention range: a year of daily pair rows. */
export const MAX_COMENTION_DAYS = 366;
/** Range of co-mentions when only one end is given. */
export const DEFAULT_COMENTION_DAYS = 30;
export const MAX_TREND_RECENT_DAYS = 30;
export const MAX_TREND_BASELINE_DAYS = 180;

function checkDate(d: Date | undefined, argument: string): void {
  if (d !== undefined && (!(d instanceof Date) || Number.isNaN(d.getTime()))) throw new RelationsInputError(argument, "is not a valid date-time");
}

function ordered(from: Date, to: Date, maxDays: number, what: string): { from: Date; to: Date } {
  if (from.getTime() >= to.getTime()) throw new RelationsInputError("from", `must be before to (got ${from.toISOString()} ≥ ${to.toISOString()})`);
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days > maxDays) throw new RelationsInputError("from", `${what} cover at most ${maxDays} days, got ${Math.ceil(days)}`);
  return { from, to };
}

/** [from, to) of a timeline: `to` defaults to now, `from` to a span that suits the interval. */
export function timelineRange(interval: Interval, from: Date | undefined, to: Date | undefined, now: Date): { from: Date; to: Date } {
  checkDate(from, "from");
  checkDate(to, "to");
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - DEFAULT_SPAN_DAYS[interval] * DAY_MS);
  return ordered(start, end, MAX_SPAN_DAYS[interval], `${interval} timelines`);
}

/** [from, to) of co-mentions, or undefined for all time (neither given). */
export function coMentionRange(from: Date | undefined, to: Date | undefined, now: Date): { from: Date; to: Date } | undefined {
  checkDate(from, "from");
  checkDate(to, "to");
  if (!from && !to) return undefined;
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - DEFAULT_COMENTION_DAYS * DAY_MS);
  return ordered(start, end, MAX_COMENTION_DAYS, "co-mentions");
}

export function trendWindow(w: { recentDays?: number; baselineDays?: number; at?: Date } | undefined, now: Date): TrendWindow {
  const recentDays = w?.recentDays ?? 2;
  const baselineDays = w?.baselineDays ?? 14;
  checkDate(w?.at, "window.at");
  if (!Number.isInteger(recentDays) || recentDays < 1 || recentDays > MAX_TREND_RECENT_DAYS) {
    throw new RelationsInputError("window.recentDays", `must be between 1 and ${MAX_TREND_RECENT_DAYS}, got ${recentDays}`);
  }
  if (!Number.isInteger(baselineDays) || baselineDays < recentDays || baselineDays > MAX_TREND_BASELINE_DAYS) {
    throw new RelationsInputError("window.baselineDays", `must be between recentDays (${recentDays}) and ${MAX_TREND_BASELINE_DAYS}, got ${baselineDays}`);
  }
  return { recentDays, baselineDays, at: w?.at ?? now };
}

export function checkMaxHops(maxHops: number): number {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) throw new RelationsInputError("maxHops", `must be between 1 and ${MAX_HOPS}, got ${maxHops}`);
  return maxHops;
}

export function checkCount(value: number, argument: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RelationsInputError(argument, `must be between ${min} and ${max}, got ${value}`);
  return value;
}
