import { isUtf8 } from "node:buffer";
import chardet from "chardet";
import { resolveLabel } from "./charset.labels";

export interface Utf8Stats {
  /** Strictly valid UTF-8. */
  valid: boolean;
  /** Well-formed multi-byte sequences (non-ASCII characters that decoded). */
  multibyte: number;
  /** Ill-formed sequences (each became U+FFFD). */
  invalid: number;
}

export function utf8Stats(bytes: Buffer): Utf8Stats {
  if (isUtf8(bytes)) return { valid: true, multibyte: countLeadBytes(bytes, COUNT_CAP), invalid: 0 };
  // The ratio of good to bad sequences is stable long before the end of a big page.
  const text = new TextDecoder("utf-8").decode(bytes.subarray(0, STATS_SAMPLE_BYTES));
  let multibyte = 0;
  let invalid = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) invalid++;
    else if (code >= 0x80 && (code < 0xdc00 || code > 0xdfff)) multibyte++;
  }
  return { valid: false, multibyte, invalid };
}

// Callers only ask "none", "a few" or "many"; stopping early keeps a 15 MiB page cheap.
const COUNT_CAP = 1024;
const STATS_SAMPLE_BYTES = 1024 * 1024;

function countLeadBytes(bytes: Buffer, cap: number): number {
  let count = 0;
  for (let i = 0; i < bytes.length && count < cap; i++) if (bytes[i] >= 0xc0) count++;
  return count;
}

// A page that is UTF-8 apart from a stray byte or two (a pasted cp1252 quote) is still UTF-8:
// re-decoding the whole page in a legacy charset would garble every correct character instead.
const MOSTLY_VALID_RATIO = 50;

export function isMostlyUtf8(stats: Utf8Stats): boolean {
  return stats.valid || (stats.multibyte > 0 && stats.invalid * MOSTLY_VALID_RATIO <= stats.multibyte);
}

// Legacy single- or double-byte text that is (all but) valid UTF-8 with this many multi-byte
// characters does not occur in practice; a declaration saying otherwise is wrong.
export const CONVINCING_UTF8_CHARS = 8;

/** UTF-16 without a BOM, recognised by the zero high bytes of its ASCII characters (markup, digits, spaces). */
export function sniffUtf16(bytes: Buffer): "utf-16le" | "utf-16be" | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 2048) & ~1);
  if (sample.length < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const units = sample.length / 2;
  if (oddZeros > units * 0.3 && evenZeros < units * 0.05) return "utf-16le";
  if (evenZeros > units * 0.3 && oddZeros < units * 0.05) return "utf-16be";
  return undefined;
}

export function hasNul(bytes: Buffer, limit = 4096): boolean {
  return bytes.subarray(0, limit).includes(0);
}

const SNIFF_BYTES = 256 * 1024;
// 64 KB of running text settles any of the statistics below; more only costs time.
const SNIFF_TEXT_BYTES = 64 * 1024;

/** The text between tags as bytes: markup is ASCII and drowns statistical detectors in Latin letters. */
export function visibleTextBytes(bytes: Buffer): Buffer {
  const raw = bytes.subarray(0, SNIFF_BYTES).toString("latin1");
  const text = raw
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, " ")
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/<!\[CDATA\[|\]\]>/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&#?\w+;/g, " ")
    .replace(/\s+/g, " ");
  return Buffer.from(text.slice(0, SNIFF_TEXT_BYTES), "latin1");
}

/** Statistical detection for everything else (CJK multi-byte, Cyrillic, Latin, Greek, Hebrew...). */
export function detectOther(text: Buffer, minConfidence: number): string | undefined {
  const [top] = chardet.analyse(text);
  if (!top || top.confidence < minConfidence) return undefined;
  return resolveLabel(top.name);
}
