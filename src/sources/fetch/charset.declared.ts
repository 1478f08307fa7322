export interface Bom {
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";
  length: number;
}

export function detectBom(bytes: Buffer): Bom | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: "utf-8", length: 3 };
  // UTF-32 first: its LE BOM starts with the UTF-16 LE one.
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: "utf-32le", length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: "utf-32be", length: 4 };
  if (a === 0xfe && b === 0xff) return { encoding: "utf-16be", length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: "utf-16le", length: 2 };
  return undefined;
}

export type XmlFamily = "ascii" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";

export interface XmlDeclaration {
  family: XmlFamily;
  /** The encoding pseudo-attribute as written, when present. */
  encoding?: string;
}

// XML 1.0 Appendix F: the bytes of "<?xml" tell the code-unit width and order before any label is read.
const XML_SIGNATURES: [number[], XmlFamily][] = [
  [[0x00, 0x00, 0x00, 0x3c], "utf-32be"],
  [[0x3c, 0x00, 0x00, 0x00], "utf-32le"],
  [[0x00, 0x3c, 0x00, 0x3f], "utf-16be"],
  [[0x3c, 0x00, 0x3f, 0x00], "utf-16le"],
  [[0x3c, 0x3f, 0x78, 0x6d], "ascii"],
];

/** Reads the XML declaration at the start of the document (after a BOM, if any). */
export function readXmlDeclaration(bytes: Buffer, bomLength = 0): XmlDeclaration | undefined {
  const start = bytes.subarray(bomLength, bomLength + 512);
  const match = XML_SIGNATURES.find(([sig]) => sig.every((byte, i) => start[i] === byte));
  if (!match) return undefined;
  const family = match[1];
  const head = narrow(start, family);
  if (!/^<\?xml[\s?]/.test(head)) return undefined;
  const end = head.indexOf("?>");
  const decl = end < 0 ? head : head.slice(0, end);
  const enc = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(decl);
  const encoding = enc ? (enc[1] ?? enc[2]).trim() : undefined;
  return encoding ? { family, encoding } : { family };
}

// Keeps only the ASCII code units of a wide-encoded prefix; enough to read a declaration.
function narrow(bytes: Buffer, family: XmlFamily): string {
  const width = family === "ascii" ? 1 : family.startsWith("utf-16") ? 2 : 4;
  const offset = family.endsWith("be") ? width - 1 : 0;
  let out = "";
  for (let i = offset; i < bytes.length; i += width) out += String.fromCharCode(bytes[i]);
  return out;
}

const META_SCAN_BYTES = 64 * 1024;

/**
 * The charset named by a <meta charset> or <meta http-equiv="Content-Type" content="…charset=…">
 * in the document head; scans to </head> or <body (at most 64 KB) so a meta placed after long
 * inline scripts and styles is still found, skipping comments, scripts and styles.
 */
export function readMetaCharset(bytes: Buffer): string | undefined {
  let region = bytes.subarray(0, META_SCAN_BYTES).toString("latin1");
  region = region.replace(/<!--[\s\S]*?(?:-->|$)/g, " ").replace(/<(script|style|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, " ");
  const stop = region.search(/<\/head\s*>|<body[\s>]/i);
  if (stop >= 0) region = region.slice(0, stop);
  for (const tag of region.matchAll(/<meta\b([^>]*)>?/gi)) {
    const label = metaTagCharset(readAttributes(tag[1]));
    if (label) return label;
  }
  return undefined;
}

function readAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]+)))?/g)) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

function metaTagCharset(attrs: Map<string, string>): string | undefined {
  const direct = attrs.get("charset")?.trim();
  if (direct) return direct;
  if (attrs.get("http-equiv")?.trim().toLowerCase() !== "content-type") return undefined;
  return charsetFromContent(attrs.get("content") ?? "");
}

// HTML's "extracting a character encoding from a meta element": charset, optional spaces, "=", a value.
function charsetFromContent(content: string): string | undefined {
  const m = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i.exec(content);
  const value = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return value?.trim() || undefined;
}
