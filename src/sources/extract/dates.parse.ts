/**
 * Date parsing for pages and feeds: ISO 8601/W3CDTF, RFC 822 (with its real-world breakage),
 * asctime, Unix timestamps, English/French/Spanish/German/Portuguese/Italian month names,
 * Arabic month names in their Egyptian/Gulf, Levantine and Maghrebi forms, Arabic-Indic and
 * Persian digits, Hijri (هـ) and Solar Hijri dates converted through ICU calendars, CJK
 * 年月日 dates and relative forms ("3 hours ago", "منذ ساعتين").
 */

import { HIJRI_MONTHS, MONTHS, PERSIAN_MONTHS, monthAlternation, monthNumber, normalizeDateText } from "./dates.lexicon";

export { normalizeDateText };

export interface ParseDateOptions {
  /** Page/feed language; decides 03/04/2020 (day-first unless US English) and Persian solar years. */
  lang?: string;
  /** Dates after this instant are rejected, relative dates count back from it. Default: now. */
  reference?: Date;
  /** Accept "3 hours ago" / "منذ 3 ساعات" (default true). */
  relative?: boolean;
  /** Page-text mode: only four-digit years, no relative forms (a saved page's "2 hours ago" has no reference). */
  strict?: boolean;
}

export interface ParsedDate {
  date: Date;
  /** The UTC offset the text stated, in minutes east of UTC (undefined when it stated none). */
  offsetMinutes?: number;
  /** "day" when the text had no time of day. */
  precision: "day" | "time";
  calendar: "gregory" | "islamic" | "persian";
  /** Position of the match in the normalised text (for "first date after the headline" rules). */
  index: number;
}

const MIN_DATE = Date.UTC(1995, 0, 1);
const DAY_MS = 86_400_000;

/** Parses the first date in `text`; undefined when none, when it is before 1995 or after `reference`. */
export function parseDate(text: string, opts: ParseDateOptions = {}): Date | undefined {
  return parseDateDetailed(text, opts)?.date;
}

/** Like parseDate but keeps the stated UTC offset, precision and calendar. */
export function parseDateDetailed(text: string, opts: ParseDateOptions = {}): ParsedDate | undefined {
  if (!text) return undefined;
  const norm = normalizeDateText(text);
  const whole = parseWholeString(norm, opts);
  // null: the whole string had a known shape but an impossible value.
  if (whole !== undefined) return whole ?? undefined;
  const found = scanDates(norm, opts, true);
  // A page that prints both calendars ("24 ربيع الثاني 1442 هـ - 08 ديسمبر 2020 م") is read by its Gregorian date.
  return found.find((d) => d.calendar === "gregory") ?? found[0];
}

interface Parts {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  s?: number;
  ms?: number;
  offset?: number;
  calendar: ParsedDate["calendar"];
}

/** Builds the instant and applies the 1995…reference window. */
function finish(p: Parts, index: number, opts: ParseDateOptions): ParsedDate | undefined {
  const day = p.calendar === "gregory" ? gregorianDay(p.y, p.mo, p.d) : calendarToGregorian(p.calendar, p.y, p.mo, p.d);
  if (day === undefined) return undefined;
  if (p.h !== undefined && (p.h > 24 || (p.mi ?? 0) > 59 || (p.s ?? 0) > 60)) return undefined;
  const ms = day + (((p.h ?? 0) * 60 + (p.mi ?? 0)) * 60 + (p.s ?? 0)) * 1000 + (p.ms ?? 0) - (p.offset ?? 0) * 60_000;
  return accept(ms, p.h === undefined ? "day" : "time", p.offset, p.calendar, index, opts);
}

function accept(
  ms: number,
  precision: ParsedDate["precision"],
  offset: number | undefined,
  calendar: ParsedDate["calendar"],
  index: number,
  opts: ParseDateOptions,
): ParsedDate | undefined {
  const ref = (opts.reference ?? new Date()).getTime();
  if (!Number.isFinite(ms) || ms < MIN_DATE || ms > ref) return undefined;
  return { date: new Date(ms), offsetMinutes: offset, precision, calendar, index };
}

function gregorianDay(y: number, mo: number, d: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 31 April into 1 May: a rolled date was not a real one.
  return new Date(ms).getUTCDate() === d ? ms : undefined;
}

const CAL_FORMAT: Record<"islamic" | "persian", Intl.DateTimeFormat> = {
  islamic: new Intl.DateTimeFormat("en-u-ca-islamic-umalqura", { timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric" }),
  persian: new Intl.DateTimeFormat("en-u-ca-persian", { timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric" }),
};

/** Hijri (Umm al-Qura) or Solar Hijri y/m/d → UTC midnight, by estimating then checking ICU's formatting around it. */
export function calendarToGregorian(cal: "islamic" | "persian", y: number, mo: number, d: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const estDays =
    cal === "islamic"
      ? (y - 1) * 354.36667 + (mo - 1) * 29.5306 + (d - 1) - 492148 // 1 Muharram 1 AH = 16 July 622
      : (y - 1) * 365.2422 + (mo <= 6 ? (mo - 1) * 31 : 186 + (mo - 7) * 30) + (d - 1) - 492268; // 1 Farvardin 1 AP = 22 March 622
  const est = Math.round(estDays) * DAY_MS;
  for (let delta = 0; delta <= 6; delta++) {
    for (const sign of delta === 0 ? [1] : [1, -1]) {
      const ms = est + sign * delta * DAY_MS;
      const parts = CAL_FORMAT[cal].formatToParts(new Date(ms));
      const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
      if (get("year") === y && get("month") === mo && get("day") === d) return ms;
    }
  }
  return undefined;
}

const ISO_EXT =
  /^(\d{4})-(\d{1,3})-(\d{1,2})(?:[t ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:t(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?(z|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_LIKE = /^\d{4}-\d{1,3}-\d{1,2}[t ]\d/;

/** Whole-string forms: ISO 8601 (extended, basic "20201123T05:02:35Z", W3CDTF "2003-12", "2003") and Unix seconds/milliseconds. */
function parseWholeString(norm: string, opts: ParseDateOptions): ParsedDate | null | undefined {
  const t = norm.trim();
  if (/^\d{10}(?:\.\d+)?$/.test(t)) return accept(Math.round(Number(t) * 1000), "time", 0, "gregory", 0, opts) ?? null;
  if (/^\d{13}$/.test(t)) return accept(Number(t), "time", 0, "gregory", 0, opts) ?? null;
  const w3c = /^(\d{4})(?:-(\d{2}))?$/.exec(t);
  if (w3c) return finish({ y: +w3c[1], mo: w3c[2] ? +w3c[2] : 1, d: 1, calendar: "gregory" }, 0, opts) ?? null;
  const m = ISO_EXT.exec(t) ?? ISO_BASIC.exec(t);
  // An ISO timestamp with a broken time or zone is rejected rather than read as a bare day.
  if (!m) return ISO_LIKE.test(t) ? null : undefined;
  const num = (i: number) => (m[i] === undefined ? undefined : Number(m[i]));
  const parts: Parts = {
    y: +m[1], mo: +m[2], d: +m[3], h: num(4), mi: num(5), s: num(6),
    ms: m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : undefined,
    offset: m[8] && m[4] !== undefined ? zoneOffset(m[8]) : undefined,
    calendar: "gregory",
  };
  if (m[8] && parts.offset === undefined) return null;
  return finish(parts, 0, opts) ?? null;
}

const L = "(?<![\\p{L}\\p{N}])"; // left word boundary that also works for Arabic script
const R = "(?![\\p{L}])";
const G_MONTH = monthAlternation(MONTHS);
const H_MONTH = monthAlternation(HIJRI_MONTHS);
const P_MONTH = monthAlternation(PERSIAN_MONTHS);
const ORD = "(?:st|nd|rd|th|er|º|°|\\.)?";
const SEP = "[\\s\\-/.,]*";

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray, opts: ParseDateOptions) => Omit<Parts, "calendar"> & { calendar?: Parts["calendar"] } | undefined }[] = [
  // 2020-05-14, 2020/5/14, 2020.05.14 (+ time); years 1300-1500 with هـ are Hijri, with a Persian page Solar Hijri
  {
    re: new RegExp(`(?<![\\d.])(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d])(\\s*(?:ه|هجري|هجريه|ش|شمسي)${R})?`, "gu"),
    read: (m, o) => ({ y: +m[1], mo: +m[3], d: +m[4], calendar: numericCalendar(+m[1], m[5], o) }),
  },
  // 14/05/2020, 5/14/2020, 14.05.2020, 14-05-20
  {
    re: new RegExp(`(?<![\\d.])(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d])(\\s*(?:ه|هجري|هجريه|ش|شمسي)${R})?`, "gu"),
    read: (m, o) => dayMonthOrder(+m[1], +m[3], year(m[4]), m[4].length === 4 ? numericCalendar(+m[4], m[6], o) : "gregory", o),
  },
  // 14 May 2020, 1er mars 2020, 14 de mayo de 2020, 10 يوليو 2025, 24 نيسان / أبريل 2020
  {
    re: new RegExp(`${L}(\\d{1,2})${ORD}${SEP}(?:de\\s+|of\\s+)?(${G_MONTH})\\.?(?:\\s*[/(]\\s*(?:${G_MONTH})\\s*\\)?)?${SEP}(?:de\\s+)?('?\\d{4}|'\\d{2}|\\d{2}(?=\\s+\\d{1,2}:\\d{2}|\\s*$))(?![\\d])`, "giu"),
    read: (m) => ({ y: year(m[3]), mo: monthNumber(MONTHS, m[2])!, d: +m[1] }),
  },
  // May 14, 2020 / Dec. 22nd 2016 / Sun Nov 23 16:00:00 EDT 2014 (asctime)
  {
    re: new RegExp(`${L}(${G_MONTH})\\.?\\s*(\\d{1,2})${ORD}(?![\\d])(?:,?\\s*(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*([a-z]{1,5}|[+-]\\d{4})?)?,?\\s*(\\d{4})(?![\\d])`, "giu"),
    read: (m) => withTime({ y: +m[5], mo: monthNumber(MONTHS, m[1])!, d: +m[2] }, m[3], m[4]),
  },
  // 2020年5月14日, 2020년 5월 14일
  {
    re: /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/gu,
    read: (m) => ({ y: +m[1], mo: +m[2], d: +m[3] }),
  },
  // 12 ربيع الأول 1442 هـ
  {
    re: new RegExp(`${L}(\\d{1,2})\\s*(${H_MONTH})${SEP}(\\d{4})(?![\\d])`, "gu"),
    read: (m) => ({ y: +m[3], mo: monthNumber(HIJRI_MONTHS, m[2])!, d: +m[1], calendar: "islamic" }),
  },
  // 2 تیر 1399
  {
    re: new RegExp(`${L}(\\d{1,2})\\s*(${P_MONTH})${SEP}(\\d{4})(?![\\d])`, "gu"),
    read: (m) => ({ y: +m[3], mo: monthNumber(PERSIAN_MONTHS, m[2])!, d: +m[1], calendar: "persian" }),
  },
];

/** Every date in normalised text, in text order (earliest match wins where two overlap). */
export function scanDates(norm: string, opts: ParseDateOptions, withRelative = false): ParsedDate[] {
  const out: ParsedDate[] = [];
  const taken: [number, number][] = [];
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const parts = read(m, opts);
      if (!parts || (opts.strict && !/\d{4}/.test(m[0]))) continue;
      const full: Parts = { calendar: "gregory", ...parts };
      if (full.h === undefined) Object.assign(full, findTime(norm, end, start));
      const parsed = finish(full, start, opts);
      if (!parsed) continue;
      taken.push([start, end]);
      out.push(parsed);
    }
  }
  if (withRelative && !opts.strict && opts.relative !== false && out.length === 0) {
    const rel = parseRelative(norm, opts);
    if (rel) out.push(rel);
  }
  return out.sort((a, b) => a.index - b.index);
}

function year(text: string): number {
  const y = Number(text.replace("'", ""));
  // RFC 822 two-digit years: 00-69 are 20xx.
  return text.replace("'", "").length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

function numericCalendar(y: number, marker: string | undefined, opts: ParseDateOptions): Parts["calendar"] {
  if (y < 1300 || y > 1500) return "gregory";
  if (marker && /ه/.test(marker)) return "islamic";
  if ((marker && /ش/.test(marker)) || /^fa\b/i.test(opts.lang ?? "")) return "persian";
  return "gregory";
}

/** 03/04/2020: the larger-than-12 field decides; otherwise month-first only for US English. */
function dayMonthOrder(a: number, b: number, y: number, calendar: Parts["calendar"], opts: ParseDateOptions) {
  const lang = (opts.lang ?? "").toLowerCase().replace("_", "-");
  const monthFirst = a <= 12 && (b > 12 || (b <= 12 && (lang === "en" || lang === "en-us")));
  return monthFirst ? { y, mo: a, d: b, calendar } : { y, mo: b, d: a, calendar };
}

function withTime(p: { y: number; mo: number; d: number }, time?: string, zone?: string) {
  if (!time) return p;
  const [h, mi, s] = time.split(":").map(Number);
  return { ...p, h, mi, s, offset: zone ? zoneOffset(zone) : undefined };
}

const TIME_AFTER = new RegExp(
  `^[^\\d\\p{L}]{0,6}(?:(?:at|um|à|a las|alle|às|الساعه|الساعة|ساعت)\\s*)?[^\\d]{0,4}?(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?(?:[.,]\\d+)?` +
    `\\s*(a\\.?m\\.?|p\\.?m\\.?|ص|م|صباحا|صباحًا|مساء|مساءا|مساءً|ظهرا|عصرا|ب\\.ظ|ق\\.ظ)?(?![\\p{L}])` +
    `\\s*\\(?\\s*([a-z]{1,5}(?:[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{2}:?\\d{2}|بتوقيت\\s+\\S+|غرينتش|جرينتش)?`,
  "iu",
);
const TIME_BEFORE = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|ص|م)?\s*\(?([a-z]{2,5})?\)?[^\d\p{L}]{0,6}$/iu;

/** Time of day written just after (or, failing that, just before) a date. */
function findTime(norm: string, end: number, start: number): Partial<Parts> {
  const after = TIME_AFTER.exec(norm.slice(end, end + 40));
  const before = after ? null : TIME_BEFORE.exec(norm.slice(Math.max(0, start - 30), start));
  const m = after ?? before;
  if (!m) return {};
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] ? Number(m[3]) : 0;
  const mer = (m[4] ?? "").replace(/\./g, "");
  if (/^(pm|م|مساء|مساءا|مساءً|عصرا|بظ)$/.test(mer) && h < 12) h += 12;
  else if (mer === "ظهرا" && h < 11) h += 12;
  else if (/^(am|ص|صباحا|صباحًا|قظ)$/.test(mer) && h === 12) h = 0;
  if (h > 23 || mi > 59) return {};
  const offset = m[5] ? zoneOffset(m[5]) : undefined;
  return { h, mi, s, offset };
}

const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180,
  msk: 180, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, et: -300, pt: -480, ist: 330, pkt: 300, gst: 240, jst: 540, kst: 540,
  hkt: 480, sgt: 480, awst: 480, acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780, wib: 420, sast: 120,
  cat: 120, eat: 180, wat: 60,
};

/** "+03:00", "-0500", "GMT+3", "EDT", "بتوقيت غرينتش" → minutes east of UTC. */
export function zoneOffset(zone: string): number | undefined {
  const z = zone.trim().toLowerCase();
  if (/غرينتش|جرينتش|gmt/.test(z) && !/[+-]/.test(z)) return 0;
  const num = /([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (num) {
    const minutes = Number(num[2]) * 60 + Number(num[3] ?? 0);
    if (minutes > 14 * 60) return undefined;
    return num[1] === "-" ? -minutes : minutes;
  }
  return ZONES[z];
}

const REL_UNITS: [RegExp, number][] = [
  [/^(s|sec|secs|second|seconds|ثانيه|ثواني|ثوان)$/, 1000],
  [/^(m|min|mins|minute|minutes|دقيقه|دقائق|دقيقتين)$/, 60_000],
  [/^(h|hr|hrs|hour|hours|ساعه|ساعات|ساعتين)$/, 3_600_000],
  [/^(d|day|days|يوم|ايام|يومين)$/, DAY_MS],
  [/^(w|wk|week|weeks|اسبوع|اسابيع|اسبوعين)$/, 7 * DAY_MS],
];

/** "3 hours ago", "an hour ago", "yesterday", "منذ ساعتين", "قبل 5 دقائق", "أمس" relative to `reference`. */
function parseRelative(norm: string, opts: ParseDateOptions): ParsedDate | undefined {
  const ref = (opts.reference ?? new Date()).getTime();
  const en = /(?<![\p{L}\d])(\d+|an?|one)\s*(\p{L}+)\s+ago(?![\p{L}])/u.exec(norm);
  const ar = /(?<![\p{L}])(?:منذ|قبل)\s+(\d+)?\s*(\p{L}+)/u.exec(norm);
  const m = en ?? ar;
  if (m) {
    const unit = REL_UNITS.find(([re]) => re.test(m[2]));
    if (!unit) return undefined;
    // Arabic duals ("ساعتين") carry their own count.
    const count = m[1] === undefined ? (/(تين|ين)$/.test(m[2]) ? 2 : 1) : /^\d+$/.test(m[1]) ? Number(m[1]) : 1;
    return accept(ref - count * unit[1], "time", undefined, "gregory", m.index, opts);
  }
  const y = /(?<![\p{L}])(yesterday|امس|البارحه)(?![\p{L}])/u.exec(norm);
  if (y) return accept(ref - DAY_MS, "day", undefined, "gregory", y.index, opts);
  return undefined;
}
