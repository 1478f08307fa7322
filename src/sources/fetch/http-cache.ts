export interface CacheDirectives {
  maxAge?: number;
  sMaxAge?: number;
  noCache: boolean;
  noStore: boolean;
}

/** Reads Cache-Control directives; unknown directives and malformed numbers are ignored. */
export function parseCacheControl(value: string | undefined): CacheDirectives {
  const result: CacheDirectives = { noCache: false, noStore: false };
  for (const part of (value ?? "").split(",")) {
    const [rawName, rawValue] = part.split("=", 2);
    const name = rawName.trim().toLowerCase();
    const arg = rawValue?.trim().replace(/^"|"$/g, "");
    if (name === "no-cache") result.noCache = true;
    else if (name === "no-store") result.noStore = true;
    else if (name === "max-age") result.maxAge = deltaSeconds(arg) ?? result.maxAge;
    else if (name === "s-maxage") result.sMaxAge = deltaSeconds(arg) ?? result.sMaxAge;
  }
  return result;
}

function deltaSeconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Math.min(Number(value), 2 ** 31 - 1) : undefined;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT").
const IMF_OR_850 = /^(?:[a-z]+,\s*)?(\d{1,2})[\s-]([a-z]{3})[\s-](\d{2}|\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s*(?:gmt|utc|ut|z|[+-]0000))?$/i;
// asctime ("Sun Nov  6 08:49:37 1994"), which carries no zone and means GMT.
const ASCTIME = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/i;

/** An HTTP date in one of the three forms RFC 9110 allows; anything else (V8's lenient guesses included) is undefined. */
export function parseHttpDate(value: string | undefined): Date | undefined {
  const text = value?.trim() ?? "";
  const imf = IMF_OR_850.exec(text);
  if (imf) return utc(fullYear(imf[3]), imf[2], imf[1], imf[4], imf[5], imf[6]);
  const asc = ASCTIME.exec(text);
  if (asc) return utc(Number(asc[6]), asc[1], asc[2], asc[3], asc[4], asc[5]);
  return undefined;
}

// RFC 9110: a two-digit year more than 50 years ahead is in the past century.
function fullYear(text: string): number {
  if (text.length === 4) return Number(text);
  const yy = Number(text);
  return yy + (yy < 70 ? 2000 : 1900);
}

function utc(year: number, monthName: string, day: string, hour: string, minute: string, second: string): Date | undefined {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const parts = [Number(day), Number(hour), Number(minute), Number(second)];
  if (month < 0) return undefined;
  const date = new Date(Date.UTC(year, month, ...(parts as [number, number, number, number])));
  // Reject overflowing fields (31 Feb, 25:00) instead of letting Date roll them over.
  return date.getUTCDate() === parts[0] && date.getUTCHours() === parts[1] && date.getUTCMinutes() === parts[2] ? date : undefined;
}

/**
 * Retry-After in seconds: delta-seconds as is; an HTTP-date is measured from the server's own
 * Date header when it sent one, so a skewed local clock does not stretch or cut the wait.
 */
export function parseRetryAfter(value: string | undefined, now: Date, serverDate?: string): number | undefined {
  if (value === undefined) return undefined;
  const delta = deltaSeconds(value.trim());
  if (delta !== undefined) return delta;
  const at = parseHttpDate(value);
  if (!at) return undefined;
  const from = parseHttpDate(serverDate) ?? now;
  return Math.max(0, Math.ceil((at.getTime() - from.getTime()) / 1000));
}

export interface FreshnessHeaders {
  cacheControl?: string;
  expires?: string;
  date?: string;
  age?: string;
}

/**
 * Seconds the response stays fresh (RFC 9111 §4.2): s-maxage (we are a shared cache), else
 * max-age, else Expires − Date; minus Age; 0 for no-cache/no-store or an unparseable Expires;
 * undefined when the server said nothing.
 */
export function freshnessSeconds(headers: FreshnessHeaders, now: Date): number | undefined {
  const cc = parseCacheControl(headers.cacheControl);
  if (cc.noStore || cc.noCache) return 0;
  const lifetime = cc.sMaxAge ?? cc.maxAge ?? expiresLifetime(headers, now);
  if (lifetime === undefined) return undefined;
  const age = deltaSeconds(headers.age?.trim()) ?? 0;
  return Math.max(0, lifetime - age);
}

function expiresLifetime(headers: FreshnessHeaders, now: Date): number | undefined {
  if (headers.expires === undefined) return undefined;
  const expires = parseHttpDate(headers.expires);
  if (!expires) return 0;
  const from = parseHttpDate(headers.date) ?? now;
  return Math.max(0, Math.floor((expires.getTime() - from.getTime()) / 1000));
}

export interface NextFetchInput {
  now: Date;
  maxAgeSeconds?: number;
  retryAfterSeconds?: number;
  /** RSS <ttl>, minutes. */
  ttlMinutes?: number;
  /** RSS <skipHours>: UTC hours 0–23 (24 read as 0). */
  skipHours?: number[];
  /** RSS <skipDays>: 0 (Sunday) – 6. */
  skipDays?: number[];
  /** Scheduler's own floor between fetches. */
  minIntervalSeconds?: number;
  /** Ceiling on what max-age/Expires/ttl may impose; default one day, so a year-long max-age cannot silence a feed. */
  maxCacheDelaySeconds?: number;
  /** Ceiling on Retry-After; default seven days. */
  maxRetryAfterSeconds?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Earliest time the source may be fetched again, honouring freshness, Retry-After, ttl and skip windows. */
export function nextAllowedFetch(input: NextFetchInput): Date {
  const cacheDelay = Math.min(
    Math.max(positive(input.maxAgeSeconds), positive(input.ttlMinutes) * 60),
    input.maxCacheDelaySeconds ?? 86_400,
  );
  const retryDelay = Math.min(positive(input.retryAfterSeconds), input.maxRetryAfterSeconds ?? 7 * 86_400);
  const delay = Math.max(cacheDelay, retryDelay, positive(input.minIntervalSeconds));
  return leaveSkipWindows(new Date(input.now.getTime() + delay * 1000), input.skipHours, input.skipDays);
}

function positive(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

function leaveSkipWindows(start: Date, skipHours: number[] = [], skipDays: number[] = []): Date {
  const hours = new Set(skipHours.filter(Number.isInteger).map((h) => h % 24).filter((h) => h >= 0));
  const days = new Set(skipDays.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6));
  // A feed that skips every hour or every day is misconfigured; obeying it would never fetch again.
  if (hours.size >= 24) hours.clear();
  if (days.size >= 7) days.clear();
  let t = start.getTime();
  for (let guard = 0; guard < 24 * 8; guard++) {
    const at = new Date(t);
    if (days.has(at.getUTCDay())) t = Math.floor(t / DAY_MS) * DAY_MS + DAY_MS;
    else if (hours.has(at.getUTCHours())) t = Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS;
    else break;
  }
  return new Date(t);
}
