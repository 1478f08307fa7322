import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Fetcher, FetchResponse } from "../sources/fetch";
import { collectApiPages, detectKind, FeedParseError, loadMappingText, parseFeed, type ApiMapping } from "../sources/parsers";
import type { FeedItem, ParsedArticle, ParsedFeed, SourceKind } from "../sources/types";

export interface SourceRef {
  id: number;
  url: string;
  kind: string | null;
  etag: string | null;
  lastModified: string | null;
  settings: { mapping?: string; fetchFullText?: boolean };
}

export type SourceRead =
  | { notModified: true; response: FetchResponse }
  | {
      notModified: false;
      kind: SourceKind;
      feed: Omit<ParsedFeed, "items">;
      items: FeedItem[];
      /** Items read from an article page (already extracted and sanitized). */
      fromPage: boolean;
      response?: FetchResponse;
      problems: string[];
    };

export class SourceReadError extends Error {
  constructor(readonly code: "NOT_A_FEED" | "UNKNOWN_FORMAT" | "NO_MAPPING" | "EMPTY_BODY", message: string) {
    super(message);
    this.name = "SourceReadError";
  }
}

const MAPPINGS_DIR = path.resolve(__dirname, "../sources/mappings");

/**
 * Mappings are files; a source names one (settings.mapping), so adding an API needs no code. The
 * operator's directory (API_MAPPINGS_DIR) comes first, then the bundled mappings.
 */
export function loadNamedMapping(name: string, operatorDir?: string): ApiMapping {
  if (!/^[a-z0-9][a-z0-9_-]{0,60}$/i.test(name)) throw new SourceReadError("NO_MAPPING", `read-source: mapping name "${name}" is not a plain file name`);
  const files = [...(operatorDir ? [operatorDir] : []), MAPPINGS_DIR].map((dir) => path.join(dir, `${name}.json`));
  const file = files.find((f) => existsSync(f));
  if (!file) throw new SourceReadError("NO_MAPPING", `read-source: no API mapping "${name}" (looked for ${files.join(" and ")})`);
  return loadMappingText(readFileSync(file, "utf8"), file);
}

type ParsedRead = Exclude<SourceRead, { notModified: true }>;
/** HTML article extraction, given as a parameter: on the event loop (`extractArticle`) or on an analysis thread. */
export type Extract = (html: string, url: string) => ParsedArticle | Promise<ParsedArticle>;

/** The kind detected from the content; a feed URL that serves a page is refused. */
function documentKind(text: string, url: string, contentType: string | undefined, expected: string | null): SourceKind {
  const kind = detectKind(text, contentType);
  if (!kind) throw new SourceReadError("UNKNOWN_FORMAT", `read-source: ${url} is neither a feed, a sitemap nor an HTML page (content-type ${contentType ?? "none"})`);
  if (kind === "html" && expected && expected !== "html") {
    throw new SourceReadError("NOT_A_FEED", `read-source: expected a ${expected} feed at ${url}, got an HTML page`);
  }
  return kind;
}

function pageRead(article: ParsedArticle, url: string): ParsedRead {
  const item: FeedItem = { ...article, isTeaser: false };
  return { notModified: false, kind: "html", feed: { kind: "html", title: article.siteName, link: url, language: article.language }, items: [item], fromPage: true, problems: [] };
}

function feedRead(text: string, kind: SourceKind, url: string, contentType: string | undefined): ParsedRead {
  const parsed = parseFeed(text, kind, { baseUrl: url, contentType });
  const { items, ...feed } = parsed;
  const problems = parsed.diagnostics?.problems ?? [];
  if (parsed.diagnostics?.duplicatesDropped) problems.push(`${parsed.diagnostics.duplicatesDropped} item(s) with a repeated guid dropped`);
  return { notModified: false, kind: parsed.kind, feed, items, fromPage: false, problems };
}

/** Parses fetched text as the kind detected from the content; an HTML page is one article, read by `extract`. */
export async function readDocument(text: string, url: string, contentType: string | undefined, expected: string | null, extract: Extract): Promise<ParsedRead> {
  const kind = documentKind(text, url, contentType, expected);
  return kind === "html" ? pageRead(await extract(text, url), url) : feedRead(text, kind, url, contentType);
}

/** Fetches (conditionally) and parses one source, whatever its kind. */
export async function readSource(fetch: Fetcher, source: SourceRef, env: Record<string, string | undefined>, mappingsDir: string | undefined, extract: Extract): Promise<SourceRead> {
  if (source.kind === "api") return readApi(fetch, source, env, mappingsDir);
  const response = await fetch({
    url: source.url,
    etag: source.etag ?? undefined,
    lastModified: source.lastModified ?? undefined,
    accept: "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, text/html;q=0.7, */*;q=0.5",
  });
  if (response.notModified) return { notModified: true, response };
  if (!response.text.trim()) throw new SourceReadError("EMPTY_BODY", `read-source: ${response.url} returned an empty body`);
  return { ...(await readDocument(response.text, response.url, response.contentType, source.kind, extract)), response };
}

async function readApi(fetch: Fetcher, source: SourceRef, env: Record<string, string | undefined>, mappingsDir: string | undefined): Promise<SourceRead> {
  if (!source.settings.mapping) throw new SourceReadError("NO_MAPPING", `read-source: API source ${source.url} names no mapping (settings.mapping)`);
  const mapping = loadNamedMapping(source.settings.mapping, mappingsDir);
  const pages = await collectApiPages(mapping, source.url, env, async (req) => {
    const res = await fetch({ url: req.url, headers: req.headers, accept: "application/json" });
    try {
      return JSON.parse(res.text);
    } catch {
      throw new FeedParseError("MALFORMED_JSON", `read-source: ${req.url.split("?")[0]} did not return JSON`);
    }
  });
  const items = pages.flatMap((p) => p.items);
  const first = pages[0];
  return { notModified: false, kind: "api", feed: { kind: "api", title: first?.title, link: first?.link, language: first?.language }, items, fromPage: false, problems: [] };
}
