import { detectBom, readMetaCharset, readXmlDeclaration, type Bom } from "./charset.declared";
import { decodeWith, isWide, resolveLabel } from "./charset.labels";
import { detectArabic, scoreScript, THAI_PROFILE } from "./charset.script";
import { CONVINCING_UTF8_CHARS, detectOther, hasNul, isMostlyUtf8, sniffUtf16, utf8Stats, visibleTextBytes, type Utf8Stats } from "./charset.sniff";
import { isJsonMime, isXmlMime, parseContentType } from "./content-type";
import type { CharsetSource } from "./types";

export interface DecodedBody {
  text: string;
  /** Canonical (WHATWG where it has one) name of the encoding used. */
  charset: string;
  charsetSource: CharsetSource;
}

type Declaration = [source: CharsetSource, name: string | undefined];

/**
 * Decodes a body: the HTTP charset, then a BOM, then the XML declaration, then a <meta> charset in
 * the head, then detection. A declaration the bytes plainly contradict (UTF-8 declared on invalid
 * UTF-8, a legacy charset declared on what is clearly UTF-8, UTF-16 declared on 8-bit bytes, anything
 * but the BOM's encoding when a BOM is present) is skipped in favour of the next rule, so a
 * misconfigured server yields readable text rather than mojibake.
 */
export function decodeBody(body: Buffer, contentTypeHeader?: string): DecodedBody {
  const { mime, charset } = parseContentType(contentTypeHeader);
  const evidence = new Evidence(body);
  for (const [source, name] of declarations(body, charset, mime, evidence.bom)) {
    if (name !== undefined && !evidence.contradicts(name)) return finish(body, name, source, evidence.bom);
  }
  return sniff(body, evidence);
}

function* declarations(body: Buffer, header: string | undefined, mime: string | undefined, bom: Bom | undefined): Generator<Declaration> {
  yield ["header", resolveLabel(header)];
  if (bom) yield ["bom", bom.encoding];
  const xml = readXmlDeclaration(body, bom?.length ?? 0);
  // The byte pattern of "<?xml" fixes UTF-16/32 and its byte order; a label can only refine ASCII-compatible documents.
  if (xml) yield ["xml", xml.family === "ascii" ? resolveLabel(xml.encoding) : xml.family];
  if (!xml && !isXmlMime(mime) && !isJsonMime(mime)) yield ["meta", metaEncoding(readMetaCharset(body))];
}

// HTML: a meta cannot name UTF-16 (the prescan read it as ASCII), and x-user-defined there means windows-1252.
function metaEncoding(label: string | undefined): string | undefined {
  const name = resolveLabel(label);
  if (name === undefined) return undefined;
  if (name.startsWith("utf-16")) return "utf-8";
  return name === "x-user-defined" ? "windows-1252" : name;
}

class Evidence {
  readonly bom: Bom | undefined;
  private stats: Utf8Stats | undefined;

  constructor(private readonly body: Buffer) {
    this.bom = detectBom(body);
  }

  get utf8(): Utf8Stats {
    this.stats ??= utf8Stats(this.bom?.encoding === "utf-8" ? this.body.subarray(3) : this.body);
    return this.stats;
  }

  contradicts(name: string): boolean {
    if (this.bom) return this.bom.encoding !== name;
    if (name === "utf-8") return !isMostlyUtf8(this.utf8);
    if (isWide(name)) return !wideFits(name, this.body);
    return isMostlyUtf8(this.utf8) && this.utf8.multibyte >= CONVINCING_UTF8_CHARS;
  }
}

// UTF-16/32 without a BOM: markup and spaces put NUL bytes in the stream; 8-bit text has none.
function wideFits(name: string, body: Buffer): boolean {
  if (!hasNul(body)) return false;
  const order = sniffUtf16(body);
  return !name.startsWith("utf-16") || order === undefined || order === name;
}

function sniff(body: Buffer, evidence: Evidence): DecodedBody {
  const wide = sniffUtf16(body);
  if (wide) return finish(body, wide, "sniff", undefined);
  const stats = evidence.utf8;
  if (stats.valid && stats.multibyte === 0) return finish(body, "utf-8", "default", undefined);
  if (isMostlyUtf8(stats)) return finish(body, "utf-8", "sniff", undefined);
  const text = visibleTextBytes(body);
  const sample = text.length > 0 ? text : body;
  return finish(body, detectLegacy(sample), "sniff", undefined);
}

// Arabic first (the check that matters most here), then a confident chardet verdict, then Thai,
// which chardet has no model for, then chardet's best guess, then the web's legacy default.
function detectLegacy(sample: Buffer): string {
  return (
    detectArabic(sample)?.encoding ??
    detectOther(sample, CONFIDENT) ??
    scoreScript(sample, THAI_PROFILE)?.encoding ??
    detectOther(sample, PLAUSIBLE) ??
    "windows-1252"
  );
}

const CONFIDENT = 30;
const PLAUSIBLE = 10;

function finish(body: Buffer, name: string, source: CharsetSource, bom: Bom | undefined): DecodedBody {
  const payload = bom && bom.encoding === name ? body.subarray(bom.length) : body;
  return { text: decodeWith(name, payload), charset: name, charsetSource: source };
}
