import { MONTH_ALIASES, WEEKDAY_ALIASES, ZONE_OFFSETS } from "./dates.names";

/**
 * Parses the dates feeds really carry: RFC 822 in its broken variants, W3CDTF/ISO 8601, asctime,
 * Arabic (month names, Arabic-Indic digits, ص/م), Korean, Greek and Hungarian forms.
 * Returns undefined for anything it cannot read unambiguously; it never guesses with Date.parse.
 */
export function parseDate(input: string | undefined | null): Date | undefined {
  if (!input) return undefined;
  const text = toAsciiDigits(input).trim();
  if (!text) return undefined;
  return parseIso(text) ?? parseKorean(text) ?? parseLoose(text);
}

/** Arabic-Indic and Persian digits to ASCII ("١٥" → "15"). */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

const ISO =
  /^(\d{4})(?:-?(\d{2,3})(?:-?(\d{2}))?)?(?:[T ](\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

// Truncated ISO 8601:1988 forms (YYMMDD, YY-MM-DD, -YYMM, -YY-MM) that old feeds still emit.
const ISO_SHORT = /^(?:(\d{2})-?(\d{2})-?(\d{2})|-(\d{2})-?(\d{2}))$/;

function parseIso(text: string): Date | undefined {
  return parseIsoFull(text) ?? parseIsoShort(text);
}

function parseIsoFull(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (m[2] !== undefined && m[2].length === 3 && !m[2].startsWith("0")) return undefined;
  const zone = m[8] ? isoZone(m[8]) : 0;
  if (zone === undefined) return undefined;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(Number(m[1]), month, m[3] ? Number(m[3]) : 1, num(m[4]), num(m[5]), num(m[6]), ms, zone);
}

function parseIsoShort(text: string): Date | undefined {
  const m = ISO_SHORT.exec(text);
  if (!m) return undefined;
  if (m[1] !== undefined) return build(twoDigitYear(Number(m[1])), Number(m[2]), Number(m[3]), 0, 0, 0, 0, 0);
  return build(twoDigitYear(Number(m[4])), Number(m[5]), 1, 0, 0, 0, 0, 0);
}

function isoZone(zone: string): number | undefined {
  if (/^z$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] ? Number(m[3]) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

const KOREAN = /^(\d{4})(?:년|-)\s*(\d{1,2})(?:월|-)\s*(\d{1,2})일?\s+(오전|오후)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Korean blog platforms write local (KST) times with 년/월/일 and 오전/오후 markers. */
function parseKorean(text: string): Date | undefined {
  const m = KOREAN.exec(text);
  if (!m || !/[년월일오]/.test(text)) return undefined;
  let hour = Number(m[5]);
  if (m[4] === "오후" && hour < 12) hour += 12;
  if (m[4] === "오전" && hour === 12) hour = 0;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), hour, Number(m[6]), num(m[7]), 0, 9 * 60);
}

interface Parts {
  year?: number;
  month?: number;
  days: number[];
  time?: [number, number, number];
  meridiem?: "am" | "pm";
  zone?: number;
}

/** Token-based reading of textual dates; any token it cannot place makes the whole date invalid. */
function parseLoose(text: string): Date | undefined {
  const parts: Parts = { days: [] };
  const tokens = tokenize(text);
  if (!tokens.length) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    if (!placeToken(tokens[i], parts)) return undefined;
  }
  if (parts.month === undefined || parts.days.length === 0 || parts.days.length > 2) return undefined;
  let day = parts.days[0];
  let year = parts.year;
  if (year === undefined) {
    if (parts.days.length !== 2) return undefined;
    year = twoDigitYear(parts.days[1]);
  } else if (parts.days.length !== 1) return undefined;
  if (day > 31) return undefined;
  let [hour, minute, second] = parts.time ?? [0, 0, 0];
  if (parts.meridiem === "pm" && hour < 12) hour += 12;
  if (parts.meridiem === "am" && hour === 12) hour = 0;
  return build(year, parts.month, day, hour, minute, second, 0, parts.zone ?? 0);
}

function tokenize(text: string): string[] {
  const spaced = text
    .toLowerCase()
    .replace(/(\d{4})-([a-zá-ű]+)-(\d{1,2})t/g, "$1 $2 $3 ")
    .replace(/(\d:\d{2})([+-]\d)/g, "$1 $2")
    .replace(/[،,]/g, " ")
    .replace(/(\d)(?=[a-z\u0600-\u06ff\u0370-\u03ff])/g, "$1 ")
    .replace(/\s+-\s+/g, " ")
    .replace(/\b(gmt|utc|ut)\s*(?=[+-]\d)/g, "");
  return joinMultiWordNames(spaced.split(/\s+/).filter(Boolean));
}

// Levantine month names are two words ("كانون الثاني"); glue them back into one token.
function joinMultiWordNames(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const pair = i + 1 < tokens.length ? `${tokens[i]} ${tokens[i + 1]}` : "";
    if (pair && MONTH_ALIASES.has(pair)) {
      out.push(pair);
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

function placeToken(raw: string, parts: Parts): boolean {
  const token = raw.replace(/\.$/, "");
  if (!token) return true;
  if (WEEKDAY_ALIASES.has(token)) return true;
  const month = MONTH_ALIASES.get(token);
  if (month !== undefined) {
    if (parts.month !== undefined) return false;
    parts.month = month;
    return true;
  }
  if (/^\d{4}$/.test(token)) return parts.year === undefined ? ((parts.year = Number(token)), true) : false;
  if (/^\d{1,2}$/.test(token)) return parts.days.push(Number(token)) <= 2;
  if (/^\d{4}\/\d{1,2}\/\d{1,2}$/.test(token)) return placeSlashedDate(token, parts);
  if (/^\d{1,2}:\d{1,2}(:\d{1,2})?$/.test(token)) return placeTime(token, parts);
  if (/^(am|pm|a\.m|p\.m|ص|م|صباحا|مساء|صباحاً|مساءً)$/.test(token)) {
    parts.meridiem = /^(am|a\.m|ص|صباحا|صباحاً)$/.test(token) ? "am" : "pm";
    return true;
  }
  const zone = zoneOffset(token);
  if (zone !== undefined && parts.zone === undefined) {
    parts.zone = zone;
    return true;
  }
  return false;
}

function placeSlashedDate(token: string, parts: Parts): boolean {
  const [y, m, d] = token.split("/").map(Number);
  if (parts.year !== undefined || parts.month !== undefined) return false;
  parts.year = y;
  parts.month = m;
  parts.days.push(d);
  return true;
}

function placeTime(token: string, parts: Parts): boolean {
  if (parts.time) return false;
  const [h, m, s] = token.split(":").map(Number);
  parts.time = [h, m, s ?? 0];
  return true;
}

function zoneOffset(token: string): number | undefined {
  const named = ZONE_OFFSETS.get(token);
  if (named !== undefined) return named;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(token);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] ? Number(m[3]) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function twoDigitYear(year: number): number {
  return year < 50 ? 2000 + year : 1900 + year;
}

function num(value: string | undefined): number {
  return value === undefined ? 0 : Number(value);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Builds the instant, rejecting out-of-range fields instead of letting Date roll them over. */
function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zoneMinutes: number): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1] || h > 24 || mi > 59 || s > 60) return undefined;
  if (h === 24 && (mi > 0 || s > 0)) return undefined;
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, Math.min(s, 59), ms));
  date.setUTCFullYear(y);
  if (date.getUTCMonth() !== mo - 1 && h < 24) return undefined;
  date.setTime(date.getTime() - zoneMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
