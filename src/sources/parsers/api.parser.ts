import { JSONPath } from "jsonpath-plus";
import type { ParsedImage } from "../types";
import { loadMapping, maxPagesOf, type ApiField, type ApiMapping, type FieldSpec, type PathSpec } from "./api.mapping";
import { parseDate } from "./dates";
import { ApiConfigError } from "./errors";
import type { ItemDraft, ParsedFeedEx } from "./feed.model";
import { emptyDraft } from "./feed.model";
import { assembleFeed } from "./item.builder";

export { loadMapping, type ApiMapping } from "./api.mapping";

export interface ApiRequest {
  url: string;
  headers: Record<string, string>;
}

/** Where a request stands in the pagination: a page number, a cursor, or a next-page URL. */
export type PageRef = number | string | undefined;

/**
 * URL and headers for one page. `baseUrl` is the endpoint (query parameters allowed); `page` is a page
 * number (page style), a cursor (cursor style) or the next URL a response gave (nextUrl style).
 */
export function buildApiRequest(mapping: ApiMapping, baseUrl: string, env: Record<string, string | undefined>, page?: PageRef): ApiRequest {
  const url = pageUrl(mapping, baseUrl, page);
  const headers: Record<string, string> = { accept: "application/json" };
  if (mapping.auth) {
    const secret = env[mapping.auth.env];
    if (!secret) {
      throw new ApiConfigError("MISSING_ENV", `api.parser: mapping "${mapping.name}" needs environment variable ${mapping.auth.env} for its API key, and it is not set`);
    }
    if ("header" in mapping.auth) headers[mapping.auth.header] = `${mapping.auth.prefix ?? ""}${secret}`;
    else url.searchParams.set(mapping.auth.query, secret);
  }
  return { url: url.href, headers };
}

/** Same as buildApiRequest; the name the brief uses. */
export const buildApiRequests = buildApiRequest;

function pageUrl(mapping: ApiMapping, baseUrl: string, page: PageRef): URL {
  const base = new URL(baseUrl);
  const p = mapping.pagination;
  if (p?.style === "nextUrl" && typeof page === "string") {
    const next = new URL(page, base);
    // A next-page link to another origin would carry our credentials there.
    if (next.origin !== base.origin) throw new ApiConfigError("BAD_RESPONSE", `api.parser: mapping "${mapping.name}": next page ${next.origin} is not on ${base.origin}`);
    return next;
  }
  for (const [key, value] of Object.entries(mapping.query ?? {})) if (!base.searchParams.has(key)) base.searchParams.set(key, value);
  if (p?.style === "page") base.searchParams.set(p.param, String(typeof page === "number" ? page : p.start ?? 1));
  if (p?.style === "cursor" && typeof page === "string") base.searchParams.set(p.param, page);
  return base;
}

export interface ApiPageContext {
  baseUrl: string;
  /** The page just fetched (page number for page style; 1-based count of pages for the others). */
  page?: PageRef;
  /** How many pages have been fetched so far, including this one. */
  pagesFetched?: number;
}

/** Parsed page plus what to ask for next (undefined when this was the last page). */
export interface ApiPage extends ParsedFeedEx {
  nextRef?: PageRef;
}

/** Reads one API response with its mapping; `nextPage` is the next page's URL (without credentials). */
export function parseApiResponse(mapping: ApiMapping, json: unknown, context?: ApiPageContext): ApiPage {
  checkStatus(mapping, json);
  const list = query(json, mapping.items)[0];
  if (!Array.isArray(list)) {
    throw new ApiConfigError("BAD_RESPONSE", `api.parser: mapping "${mapping.name}": expected an array at ${mapping.items}, got ${describe(list)}`);
  }
  const drafts = list.map((item) => readItem(mapping, item));
  const feed: ApiPage = assembleFeed({ kind: "api", title: mapping.name, language: mapping.defaults?.language }, drafts, {}, { recovered: false, problems: [] });
  const nextRef = nextPageRef(mapping, json, context);
  if (nextRef !== undefined) {
    feed.nextRef = nextRef;
    // A next-URL is already a URL; page numbers and cursors need the endpoint to become one.
    if (mapping.pagination?.style === "nextUrl") feed.nextPage = context ? new URL(String(nextRef), context.baseUrl).href : String(nextRef);
    else if (context) feed.nextPage = pageUrl(mapping, context.baseUrl, nextRef).href;
  }
  return feed;
}

function checkStatus(mapping: ApiMapping, json: unknown): void {
  if (!mapping.status) return;
  const status = query(json, mapping.status.path)[0];
  if (String(status) === mapping.status.ok) return;
  const message = mapping.status.message ? query(json, mapping.status.message)[0] : undefined;
  throw new ApiConfigError("BAD_RESPONSE", `api.parser: mapping "${mapping.name}": provider status ${JSON.stringify(status)}${message ? `: ${String(message)}` : ""}`);
}

function nextPageRef(mapping: ApiMapping, json: unknown, context?: ApiPageContext): PageRef {
  const p = mapping.pagination;
  if (!p) return undefined;
  const fetched = context?.pagesFetched ?? 1;
  if (fetched >= maxPagesOf(mapping)) return undefined;
  if (p.style === "nextUrl") return stringAt(json, p.next);
  if (p.style === "cursor") return stringAt(json, p.cursor);
  const current = typeof context?.page === "number" ? context.page : p.start ?? 1;
  const total = p.totalPages ? Number(query(json, p.totalPages)[0]) : p.totalResults ? Math.ceil(Number(query(json, p.totalResults)[0]) / pageSizeOf(mapping, context)) : NaN;
  const items = query(json, mapping.items)[0];
  if (Number.isFinite(total) ? current >= total + (p.start === 0 ? -1 : 0) : !Array.isArray(items) || !items.length) return undefined;
  return current + 1;
}

function pageSizeOf(mapping: ApiMapping, context?: ApiPageContext): number {
  const p = mapping.pagination;
  if (p?.style !== "page") return 1;
  const requested = context && p.pageSizeParam ? Number(pageUrl(mapping, context.baseUrl, undefined).searchParams.get(p.pageSizeParam)) : NaN;
  return requested > 0 ? requested : p.pageSize ?? 1;
}

export type FetchJson = (request: ApiRequest) => Promise<unknown>;

/** Fetches and parses pages from the first until the mapping says there are no more, or maxPages. I/O comes in as `fetchJson`. */
export async function collectApiPages(mapping: ApiMapping, baseUrl: string, env: Record<string, string | undefined>, fetchJson: FetchJson): Promise<ApiPage[]> {
  const pages: ApiPage[] = [];
  let ref: PageRef = mapping.pagination?.style === "page" ? mapping.pagination.start ?? 1 : undefined;
  while (pages.length < maxPagesOf(mapping)) {
    const json = await fetchJson(buildApiRequest(mapping, baseUrl, env, ref));
    const page = parseApiResponse(mapping, json, { baseUrl, page: ref, pagesFetched: pages.length + 1 });
    pages.push(page);
    if (page.nextRef === undefined) break;
    ref = page.nextRef;
  }
  return pages;
}

function readItem(mapping: ApiMapping, item: unknown): ItemDraft {
  const draft = emptyDraft();
  const one = (field: ApiField) => values(mapping, item, field)[0];
  draft.url = one("url");
  draft.guid = one("guid") ?? draft.url;
  draft.title = one("title");
  draft.summary = one("summary");
  draft.summaryIsText = !mapping.html?.summary;
  const html = one("bodyHtml");
  draft.body = html ?? one("bodyText");
  draft.bodyIsText = html === undefined;
  draft.publishedAt = parseDate(one("publishedAt"));
  draft.updatedAt = parseDate(one("updatedAt"));
  draft.authors = values(mapping, item, "authors");
  draft.images = values(mapping, item, "images").map((url): ParsedImage => ({ url }));
  const category = one("category") ?? mapping.defaults?.category;
  draft.categories = [...(category ? [category] : []), ...values(mapping, item, "tags")];
  draft.language = one("language") ?? mapping.defaults?.language;
  draft.siteName = one("siteName");
  return draft;
}

/** All non-empty string values a field's paths yield for an item, after strip/split. */
function values(mapping: ApiMapping, item: unknown, field: ApiField): string[] {
  const spec = mapping.fields[field];
  if (!spec) return [];
  const { path, strip, split } = normalizeSpec(spec);
  for (const p of Array.isArray(path) ? path : [path]) {
    const found = query(item, p).flat().filter((v) => typeof v === "string" || typeof v === "number").map(String);
    const cleaned = found
      .map((v) => (strip ? v.replace(new RegExp(strip), "") : v))
      .flatMap((v) => (split ? v.split(split) : [v]))
      .map((v) => v.trim())
      .filter(Boolean);
    if (cleaned.length) return cleaned;
  }
  return [];
}

function normalizeSpec(spec: PathSpec | FieldSpec): FieldSpec {
  return typeof spec === "string" || Array.isArray(spec) ? { path: spec } : spec;
}

function stringAt(json: unknown, path: string): string | undefined {
  const v = query(json, path)[0];
  return typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : undefined;
}

// eval:false makes jsonpath-plus refuse script and filter expressions; mappings only navigate.
function query(json: unknown, path: string): unknown[] {
  if (json === null || typeof json !== "object") return [];
  return JSONPath({ path, json: json as object, wrap: true, eval: false }) as unknown[];
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value;
}

/** Parses a mapping file's text (for callers that read mappings from disk). */
export function loadMappingText(text: string, fileName: string): ApiMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ApiConfigError("INVALID_MAPPING", `api.mapping: ${fileName}: not valid JSON (${(err as Error).message})`);
  }
  return loadMapping(json, fileName);
}
