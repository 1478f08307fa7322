import type { SourceKind } from "../types";

const ROOTS: Record<string, SourceKind> = {
  rss: "rss",
  channel: "rss",
  rdf: "rdf",
  feed: "atom",
  urlset: "sitemap",
  sitemapindex: "sitemap",
  html: "html",
  head: "html",
  body: "html",
};

/**
 * Tells the format from the content itself (BOM, whitespace, XML declaration, comments and DOCTYPE skipped);
 * the Content-Type only breaks ties for markup it cannot place. Null when unrecognised.
 */
export function detectKind(text: string, contentType?: string): SourceKind | null {
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (!body) return null;
  if (body[0] === "{") return isJsonFeed(body) ? "jsonfeed" : null;
  const start = body[0] === "<" ? 0 : body.slice(0, 1024).indexOf("<");
  if (start < 0) return null;
  const root = firstElement(body, start);
  if (root === "!doctype-html") return "html";
  if (root) {
    const kind = ROOTS[root.toLowerCase()];
    if (kind) return kind;
  }
  return /html/i.test(contentType ?? "") && /<[a-z][a-z0-9]*[\s>]/i.test(body.slice(0, 4096)) ? "html" : null;
}

/** Local name of the first element, or "!doctype-html" for an HTML doctype. */
function firstElement(text: string, from: number): string | undefined {
  let i = from;
  for (let guard = 0; guard < 64 && i < text.length; guard++) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith("<?", i)) i = after(text, "?>", i);
    else if (text.startsWith("<!--", i)) i = after(text, "-->", i);
    else if (/^<!doctype\s+html[\s>]/i.test(text.slice(i, i + 20))) return "!doctype-html";
    else if (/^<!doctype/i.test(text.slice(i, i + 9))) i = afterDoctype(text, i);
    else {
      const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(i, i + 200));
      return m ? m[2] : undefined;
    }
    if (i < 0) return undefined;
  }
  return undefined;
}

function after(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? -1 : at + marker.length;
}

// A DOCTYPE may carry an internal subset in brackets containing '>' characters.
function afterDoctype(text: string, from: number): number {
  const close = text.indexOf(">", from);
  const bracket = text.indexOf("[", from);
  if (bracket >= 0 && (close < 0 || bracket < close)) {
    const end = text.indexOf("]", bracket);
    return end < 0 ? -1 : after(text, ">", end);
  }
  return close < 0 ? -1 : close + 1;
}

function isJsonFeed(text: string): boolean {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return false;
    if (typeof doc.version === "string" && doc.version.includes("jsonfeed.org/version/")) return true;
    return Array.isArray(doc.items) && (typeof doc.version === "string" || typeof doc.title === "string" || "home_page_url" in doc || "feed_url" in doc);
  } catch {
    return false;
  }
}
