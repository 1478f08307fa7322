import iconv from "iconv-lite";

// WHATWG maps these to the "replacement" decoder, which yields one U+FFFD; for ingest that is no
// better than not knowing, so they fall through to the next rule instead.
const REPLACEMENT_LABELS = new Set(["csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement"]);

// Where iconv-lite's codec of the same name differs from the WHATWG decoder, use the one that matches.
const ICONV_NAME: Record<string, string> = {
  gbk: "gb18030",
  big5: "big5hkscs",
  "x-mac-cyrillic": "maccyrillic",
  "iso-8859-8-i": "iso-8859-8",
};

/**
 * Canonical encoding name for a charset label, following the WHATWG label table (latin1 and
 * us-ascii → windows-1252, gb2312 → gbk, utf-16 → utf-16le); labels outside the table that
 * iconv-lite knows (utf-32, utf16) are kept; anything else is undefined.
 */
export function resolveLabel(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  const clean = label.trim().replace(/^["']|["']$/g, "").trim().toLowerCase();
  if (clean === "" || REPLACEMENT_LABELS.has(clean)) return undefined;
  if (clean === "x-user-defined") return clean;
  try {
    return new TextDecoder(clean).encoding;
  } catch {
    return iconvFallbackName(clean);
  }
}

function iconvFallbackName(label: string): string | undefined {
  if (!iconv.encodingExists(label)) return undefined;
  const compact = label.replace(/[^a-z0-9]/g, "");
  const wide = /^(?:utf|ucs)(16|32|4|2)(le|be)?$/.exec(compact);
  if (!wide) return label;
  const bits = wide[1] === "4" || wide[1] === "32" ? "32" : "16";
  return `utf-${bits}${wide[2] ?? (bits === "16" ? "le" : "")}`;
}

/** Decodes with the named encoding (a resolveLabel result); a leading BOM of that encoding is dropped. */
export function decodeWith(name: string, bytes: Buffer): string {
  if (name === "x-user-defined") return decodeUserDefined(bytes);
  const codec = ICONV_NAME[name] ?? name;
  if (iconv.encodingExists(codec)) return iconv.decode(bytes, codec, { stripBOM: true });
  return new TextDecoder(name).decode(bytes);
}

// WHATWG x-user-defined: ASCII as is, high bytes to the private-use block U+F780–U+F7FF.
function decodeUserDefined(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(byte < 0x80 ? byte : 0xf700 + byte);
  return out;
}

export function isUtf16(name: string): boolean {
  return name === "utf-16le" || name === "utf-16be";
}

export function isWide(name: string): boolean {
  return name.startsWith("utf-16") || name.startsWith("utf-32");
}
