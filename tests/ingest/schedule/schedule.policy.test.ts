import { afterFailure, afterSuccess, MAX_INTERVAL_S, MIN_INTERVAL_S, publishingInterval } from "../../../src/ingest/schedule/schedule.policy";

const now = new Date("2025-07-11T12:00:00Z");
const minutes = (d: Date) => (d.getTime() - now.getTime()) / 60_000;
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe("schedule policy", () => {
  it("polls a busy source at half the gap between its items, never under 2 minutes", () => {
    const everyHour = Array.from({ length: 10 }, (_, i) => hoursAgo(i));
    expect(publishingInterval(everyHour)).toBe(1800);
    const r = afterSuccess({ now, currentIntervalS: 900, newItems: 3, itemDates: everyHour });
    expect(r.intervalS).toBe(1800);
    const burst = Array.from({ length: 10 }, (_, i) => new Date(now.getTime() - i * 10_000));
    expect(afterSuccess({ now, currentIntervalS: 900, newItems: 5, itemDates: burst }).intervalS).toBe(MIN_INTERVAL_S);
  });

  it("slows down a source with nothing new, up to a day", () => {
    let interval = 900;
    for (let i = 0; i < 40; i++) interval = afterSuccess({ now, currentIntervalS: interval, newItems: 0, itemDates: [] }).intervalS;
    expect(interval).toBe(MAX_INTERVAL_S);
  });

  it("honours max-age, RSS ttl and skipHours", () => {
    expect(minutes(afterSuccess({ now, currentIntervalS: 300, newItems: 1, itemDates: [], ttlMinutes: 60 }).nextFetchAt)).toBe(60);
    expect(minutes(afterSuccess({ now, currentIntervalS: 300, newItems: 1, itemDates: [], maxAgeSeconds: 1800 }).nextFetchAt)).toBe(30);
    const skipped = afterSuccess({ now, currentIntervalS: 300, newItems: 1, itemDates: [], skipHours: [12, 13] }).nextFetchAt;
    expect(skipped.toISOString()).toBe("2025-07-11T14:00:00.000Z");
  });

  it("keeps an operator's fixed interval", () => {
    expect(afterSuccess({ now, currentIntervalS: 300, newItems: 0, itemDates: [], fixedIntervalS: 3600 }).intervalS).toBe(3600);
  });

  it("backs off exponentially with jitter on errors, never parking a source beyond a day", () => {
    const at = (n: number, r: number) => minutes(afterFailure({ now, currentIntervalS: 300, consecutiveErrors: n, random: () => r }));
    expect(at(1, 0.5)).toBe(5);
    expect(at(2, 0.5)).toBe(10);
    expect(at(3, 0.5)).toBe(20);
    expect(at(50, 0.5)).toBe(24 * 60);
    expect(at(50, 1)).toBeLessThanOrEqual(24 * 60 * 1.2);
    expect(at(2, 0)).toBe(8);
  });

  it("waits at least as long as Retry-After says", () => {
    expect(minutes(afterFailure({ now, currentIntervalS: 300, consecutiveErrors: 1, retryAfterSeconds: 7200, random: () => 0.5 }))).toBe(120);
  });
});
