export interface ContentType {
  /** "type/subtype", lower case; undefined when the header is missing or has no slash. */
  mime?: string;
  /** The raw charset parameter, unquoted and trimmed; resolving it is the charset rules' job. */
  charset?: string;
}

/**
 * Reads a Content-Type header leniently: servers send `charset = "x"`, `charset='x'` and stray
 * semicolons, and a broken parameter must not cost us the mime type.
 */
export function parseContentType(header: string | undefined): ContentType {
  if (!header) return {};
  const [head, ...params] = header.split(";");
  const mime = head.trim().toLowerCase();
  const result: ContentType = mime.includes("/") ? { mime } : {};
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    const value = unquote(param.slice(eq + 1).trim());
    if (name === "charset" && value !== "" && result.charset === undefined) result.charset = value;
  }
  return result;
}

function unquote(value: string): string {
  const first = value[0];
  if ((first === '"' || first === "'") && value.length >= 2 && value.endsWith(first)) return value.slice(1, -1).trim();
  return value;
}

export function isXmlMime(mime: string | undefined): boolean {
  return mime !== undefined && (mime.endsWith("/xml") || mime.endsWith("+xml") || mime.includes("/xml-")) && !mime.includes("xhtml");
}

export function isJsonMime(mime: string | undefined): boolean {
  return mime !== undefined && (mime.endsWith("/json") || mime.endsWith("+json"));
}
