import { freshnessSeconds, nextAllowedFetch, parseCacheControl, parseHttpDate, parseRetryAfter } from "../../../src/sources/fetch";

const NOW = new Date("2025-07-10T10:20:00Z"); // a Thursday

describe("Cache-Control", () => {
  it("reads max-age, s-maxage, no-cache and no-store", () => {
    expect(parseCacheControl('public, max-age=600, s-maxage="900", no-cache')).toEqual({ maxAge: 600, sMaxAge: 900, noCache: true, noStore: false });
    expect(parseCacheControl("NO-STORE")).toMatchObject({ noStore: true });
  });

  it("ignores malformed numbers", () => {
    expect(parseCacheControl("max-age=-5, s-maxage=1e3, max-age=ten")).toEqual({ noCache: false, noStore: false });
  });
});

describe("HTTP dates", () => {
  it.each(["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])("reads %s as GMT", (value) => {
    expect(parseHttpDate(value)?.toISOString()).toBe("1994-11-06T08:49:37.000Z");
  });

  it("accepts a +0000 zone, which many servers send", () => {
    expect(parseHttpDate("Thu, 10 Jul 2025 10:00:00 +0000")?.toISOString()).toBe("2025-07-10T10:00:00.000Z");
  });

  it("rejects garbage and impossible dates instead of guessing", () => {
    expect(parseHttpDate("0")).toBeUndefined();
    expect(parseHttpDate("-1")).toBeUndefined();
    expect(parseHttpDate("soon")).toBeUndefined();
    expect(parseHttpDate("Thu, 31 Feb 2025 10:00:00 GMT")).toBeUndefined();
    expect(parseHttpDate("Thu, 10 Jul 2025 10:00:00 +0200")).toBeUndefined();
  });
});

describe("Retry-After", () => {
  it("takes delta-seconds as they are", () => {
    expect(parseRetryAfter("120", NOW)).toBe(120);
    expect(parseRetryAfter(" 0 ", NOW)).toBe(0);
  });

  it("measures an HTTP-date from our clock when the server sent no Date", () => {
    expect(parseRetryAfter("Thu, 10 Jul 2025 10:25:00 GMT", NOW)).toBe(300);
  });

  it("measures an HTTP-date from the server's Date when present", () => {
    expect(parseRetryAfter("Thu, 10 Jul 2025 14:05:00 GMT", NOW, "Thu, 10 Jul 2025 14:00:00 GMT")).toBe(300);
  });

  it("never goes negative and ignores nonsense", () => {
    expect(parseRetryAfter("Thu, 10 Jul 2025 09:00:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("-30", NOW)).toBeUndefined();
    expect(parseRetryAfter("later", NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe("freshness", () => {
  it("prefers s-maxage, then max-age, then Expires minus Date, and subtracts Age", () => {
    expect(freshnessSeconds({ cacheControl: "max-age=60, s-maxage=120" }, NOW)).toBe(120);
    expect(freshnessSeconds({ cacheControl: "max-age=60", expires: "Thu, 10 Jul 2025 12:00:00 GMT" }, NOW)).toBe(60);
    expect(freshnessSeconds({ expires: "Thu, 10 Jul 2025 10:30:00 GMT", date: "Thu, 10 Jul 2025 10:20:00 GMT" }, NOW)).toBe(600);
    expect(freshnessSeconds({ cacheControl: "max-age=600", age: "200" }, NOW)).toBe(400);
    expect(freshnessSeconds({ cacheControl: "max-age=100", age: "200" }, NOW)).toBe(0);
  });

  it("treats no-cache, no-store and an invalid Expires as already stale", () => {
    expect(freshnessSeconds({ cacheControl: "no-cache, max-age=600" }, NOW)).toBe(0);
    expect(freshnessSeconds({ cacheControl: "no-store" }, NOW)).toBe(0);
    expect(freshnessSeconds({ expires: "0" }, NOW)).toBe(0);
  });

  it("says nothing when the server said nothing", () => {
    expect(freshnessSeconds({}, NOW)).toBeUndefined();
    expect(freshnessSeconds({ cacheControl: "public" }, NOW)).toBeUndefined();
  });
});

describe("nextAllowedFetch", () => {
  const at = (iso: string) => new Date(iso).toISOString();

  it("is now when nothing constrains it", () => {
    expect(nextAllowedFetch({ now: NOW }).toISOString()).toBe(NOW.toISOString());
  });

  it("waits for the longest of max-age, ttl and Retry-After", () => {
    expect(nextAllowedFetch({ now: NOW, maxAgeSeconds: 300, ttlMinutes: 15 }).toISOString()).toBe(at("2025-07-10T10:35:00Z"));
    expect(nextAllowedFetch({ now: NOW, maxAgeSeconds: 300, retryAfterSeconds: 3600 }).toISOString()).toBe(at("2025-07-10T11:20:00Z"));
    expect(nextAllowedFetch({ now: NOW, minIntervalSeconds: 900, maxAgeSeconds: 60 }).toISOString()).toBe(at("2025-07-10T10:35:00Z"));
  });

  it("caps what caching can impose, so a year-long max-age cannot silence a feed", () => {
    expect(nextAllowedFetch({ now: NOW, maxAgeSeconds: 31_536_000 }).toISOString()).toBe(at("2025-07-11T10:20:00Z"));
    expect(nextAllowedFetch({ now: NOW, ttlMinutes: 10_000, maxCacheDelaySeconds: 7200 }).toISOString()).toBe(at("2025-07-10T12:20:00Z"));
    expect(nextAllowedFetch({ now: NOW, retryAfterSeconds: 30 * 86_400 }).toISOString()).toBe(at("2025-07-17T10:20:00Z"));
  });

  it("moves out of skipHours to the next allowed UTC hour", () => {
    expect(nextAllowedFetch({ now: NOW, skipHours: [10, 11, 12] }).toISOString()).toBe(at("2025-07-10T13:00:00Z"));
    expect(nextAllowedFetch({ now: NOW, skipHours: [9] }).toISOString()).toBe(NOW.toISOString());
  });

  it("moves out of skipDays to the next allowed UTC day", () => {
    // Thursday (4) and Friday (5) skipped: Saturday midnight UTC.
    expect(nextAllowedFetch({ now: NOW, skipDays: [4, 5] }).toISOString()).toBe(at("2025-07-12T00:00:00Z"));
  });

  it("honours skip days and skip hours together, across midnight", () => {
    const late = new Date("2025-07-10T22:30:00Z");
    expect(nextAllowedFetch({ now: late, skipHours: [22, 23, 0, 1], skipDays: [5] }).toISOString()).toBe(at("2025-07-12T02:00:00Z"));
  });

  it("reads skipHours 24 as midnight", () => {
    const midnight = new Date("2025-07-10T23:59:00Z");
    expect(nextAllowedFetch({ now: midnight, retryAfterSeconds: 120, skipHours: [24] }).toISOString()).toBe(at("2025-07-11T01:00:00Z"));
  });

  it("ignores skip lists that would forbid every hour or every day", () => {
    const all = Array.from({ length: 24 }, (_, h) => h);
    expect(nextAllowedFetch({ now: NOW, skipHours: all }).toISOString()).toBe(NOW.toISOString());
    expect(nextAllowedFetch({ now: NOW, skipDays: [0, 1, 2, 3, 4, 5, 6] }).toISOString()).toBe(NOW.toISOString());
  });

  it("ignores negative and non-finite inputs", () => {
    expect(nextAllowedFetch({ now: NOW, maxAgeSeconds: -10, ttlMinutes: Number.NaN, retryAfterSeconds: Infinity }).toISOString()).toBe(NOW.toISOString());
  });
});
