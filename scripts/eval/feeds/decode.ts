import iconv from "iconv-lite";

/**
 * Decodes a corpus file the way the fetcher will (header charset, BOM, XML declaration, UTF-8, then
 * windows-1252) so the parsers get text, which is their contract. Used only by the scoring scripts.
 */
export function decodeFeedBytes(bytes: Buffer, contentType?: string): string {
  const bom = sniffBom(bytes);
  if (bom) return iconv.decode(bytes.subarray(bom.length), bom.charset);
  const headerCharset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  const wide = sniffWide(bytes);
  if (wide) return iconv.decode(bytes, wide);
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 256).toString("latin1"))?.[1];
  for (const label of [headerCharset, declared]) {
    if (label && iconv.encodingExists(label)) return iconv.decode(bytes, label);
  }
  const utf8 = bytes.toString("utf8");
  return utf8.includes("\uFFFD") ? iconv.decode(bytes, "windows-1252") : utf8;
}

function sniffBom(b: Buffer): { length: number; charset: string } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { length: 3, charset: "utf8" };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { length: 4, charset: "utf32be" };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { length: 4, charset: "utf32le" };
  if (b[0] === 0xfe && b[1] === 0xff) return { length: 2, charset: "utf16be" };
  if (b[0] === 0xff && b[1] === 0xfe) return { length: 2, charset: "utf16le" };
  return undefined;
}

// "<?" encoded in UTF-16/32 without a BOM (XML 1.0 appendix F).
function sniffWide(b: Buffer): string | undefined {
  if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x3c) return "utf32be";
  if (b[0] === 0x3c && b[1] === 0 && b[2] === 0 && b[3] === 0) return "utf32le";
  if (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] === 0x3f) return "utf16be";
  if (b[0] === 0x3c && b[1] === 0 && b[2] === 0x3f && b[3] === 0) return "utf16le";
  return undefined;
}
