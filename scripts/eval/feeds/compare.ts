import { collapse, htmlToLine } from "../../../src/sources/parsers/text";
import { normalizeLanguage } from "../../../src/sources/parsers/lang";

/**
 * Text equality after trimming and collapsing whitespace. Our values are already plain text; the
 * expectation may be HTML or text, so it matches under either reading (its HTML text, or as written).
 */
export function sameText(expected: unknown, actual: unknown): boolean {
  const ours = plain(actual);
  return textOf(expected) === ours || plain(expected) === ours || textOf(expected) === textOf(actual);
}

function plain(value: unknown): string {
  return value === undefined || value === null ? "" : collapse(String(value)).normalize("NFC");
}

export function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return htmlToLine(String(value)).normalize("NFC");
}

/** URLs compare after trimming; a trailing slash on a bare host is not a difference. */
export function sameUrl(expected: unknown, actual: unknown): boolean {
  return urlOf(expected) === urlOf(actual);
}

function urlOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  const s = String(value).trim().replace(/&amp;/g, "&");
  try {
    return new URL(s).href;
  } catch {
    return s;
  }
}

/** Instants compare at second precision (several sources keep no milliseconds). */
export function sameInstant(expected: string | Date | undefined | null, actual: Date | undefined): boolean {
  if (!expected) return !actual;
  const e = typeof expected === "string" ? Date.parse(expected) : expected.getTime();
  if (Number.isNaN(e) || !actual) return false;
  return Math.floor(e / 1000) === Math.floor(actual.getTime() / 1000);
}

export function sameLanguage(expected: unknown, actual: unknown): boolean {
  return normalizeLanguage(String(expected ?? "")) === normalizeLanguage(String(actual ?? ""));
}

export function sameList(expected: unknown[], actual: unknown[]): boolean {
  const e = expected.map(textOf).filter(Boolean);
  const a = actual.map(textOf).filter(Boolean);
  return e.length === a.length && e.every((v, i) => v === a[i]);
}

export interface SubsetScore {
  name: string;
  passed: number;
  total: number;
  score: number;
  notes?: string;
}

export function score(name: string, passed: number, total: number, notes?: string): SubsetScore {
  return { name, passed, total, score: total ? passed / total : 0, notes };
}
