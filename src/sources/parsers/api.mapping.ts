import { ApiConfigError } from "./errors";

/** A JSONPath (relative to the item for fields, to the response otherwise), or the first of several that yields a value. */
export type PathSpec = string | string[];

/** A field read with a path, optionally post-processed: a regex to strip, a separator to split on. */
export interface FieldSpec {
  path: PathSpec;
  strip?: string;
  split?: string;
}

export const API_FIELDS = [
  "url", "guid", "title", "summary", "bodyHtml", "bodyText", "publishedAt", "updatedAt",
  "authors", "images", "category", "tags", "language", "siteName",
] as const;
export type ApiField = (typeof API_FIELDS)[number];

export type Pagination =
  | {
      style: "page";
      param: string;
      start?: number;
      maxPages?: number;
      totalPages?: string;
      totalResults?: string;
      /** Page size assumed with totalResults, unless the request sets `pageSizeParam`. */
      pageSize?: number;
      pageSizeParam?: string;
    }
  | { style: "cursor"; param: string; cursor: string; maxPages?: number }
  | { style: "nextUrl"; next: string; maxPages?: number };

export type ApiAuth = { env: string; header: string; prefix?: string } | { env: string; query: string };

export interface ApiMapping {
  name: string;
  /** Query parameters every request carries (page size, requested fields, language). */
  query?: Record<string, string>;
  auth?: ApiAuth;
  /** Path to the array of items in a response. */
  items: string;
  /** Path to a status value and the value that means success; anything else is a provider error. */
  status?: { path: string; ok: string; message?: string };
  fields: Partial<Record<ApiField, PathSpec | FieldSpec>>;
  /** Whether summary/body paths hold HTML (Guardian) or plain text (NewsAPI). */
  html?: { summary?: boolean; body?: boolean };
  pagination?: Pagination;
  /** Values used when an item has none (e.g. the language of a single-language endpoint). */
  defaults?: { language?: string; category?: string };
}

const TOP_KEYS = ["name", "description", "query", "auth", "items", "status", "fields", "html", "pagination", "defaults"];
const DEFAULT_MAX_PAGES = 10;

/** Validates a mapping file's JSON; every error names the file and the offending key. */
export function loadMapping(json: unknown, fileName: string): ApiMapping {
  const fail = (key: string, problem: string): never => {
    throw new ApiConfigError("INVALID_MAPPING", `api.mapping: ${fileName}: "${key}" ${problem}`);
  };
  if (!isObject(json)) return fail("(root)", `must be a JSON object, got ${Array.isArray(json) ? "an array" : typeof json}`);
  for (const key of Object.keys(json)) if (!TOP_KEYS.includes(key)) fail(key, "is not a known key");
  if (typeof json.name !== "string" || !json.name.trim()) fail("name", "must be a non-empty string");
  checkPath(json.items, "items", fail);
  if (!isObject(json.fields)) return fail("fields", "must be an object of field → JSONPath");
  for (const [field, spec] of Object.entries(json.fields)) {
    if (!(API_FIELDS as readonly string[]).includes(field)) fail(`fields.${field}`, `is not a field we read (one of ${API_FIELDS.join(", ")})`);
    checkFieldSpec(spec, `fields.${field}`, fail);
  }
  if (!json.fields.url && !json.fields.guid) fail("fields", "must map at least url or guid");
  if (json.query !== undefined) checkStringMap(json.query, "query", fail);
  if (json.auth !== undefined) checkAuth(json.auth, fail);
  if (json.status !== undefined) checkStatus(json.status, fail);
  if (json.pagination !== undefined) checkPagination(json.pagination, fail);
  if (json.html !== undefined && !isObject(json.html)) fail("html", "must be an object like {\"summary\": true, \"body\": true}");
  if (json.defaults !== undefined) checkStringMap(json.defaults, "defaults", fail);
  return json as unknown as ApiMapping;
}

export function maxPagesOf(mapping: ApiMapping): number {
  return mapping.pagination?.maxPages ?? DEFAULT_MAX_PAGES;
}

type Fail = (key: string, problem: string) => never;

function checkPath(value: unknown, key: string, fail: Fail): void {
  if (typeof value !== "string" || !value.startsWith("$")) fail(key, `must be a JSONPath string starting with "$", got ${JSON.stringify(value)}`);
  // Filters and script expressions are refused outright: mappings only navigate.
  if ((value as string).includes("(") || (value as string).length > 200) fail(key, "must be a plain path (no filter or script expressions, ≤ 200 characters)");
}

function checkFieldSpec(spec: unknown, key: string, fail: Fail): void {
  if (typeof spec === "string") return checkPath(spec, key, fail);
  if (Array.isArray(spec)) {
    if (!spec.length) fail(key, "must list at least one path");
    return spec.forEach((p, i) => checkPath(p, `${key}[${i}]`, fail));
  }
  if (!isObject(spec)) return fail(key, "must be a JSONPath, a list of them, or {path, strip?, split?}");
  for (const k of Object.keys(spec)) if (!["path", "strip", "split"].includes(k)) fail(`${key}.${k}`, "is not a known key");
  checkFieldSpec(spec.path, `${key}.path`, fail);
  if (spec.strip !== undefined) {
    try {
      new RegExp(String(spec.strip));
    } catch {
      fail(`${key}.strip`, "must be a valid regular expression");
    }
  }
  if (spec.split !== undefined && typeof spec.split !== "string") fail(`${key}.split`, "must be a string");
}

function checkAuth(auth: unknown, fail: Fail): void {
  if (!isObject(auth)) return fail("auth", "must be an object");
  if (typeof auth.env !== "string" || !/^[A-Z_][A-Z0-9_]*$/.test(auth.env)) fail("auth.env", "must name an environment variable (A-Z, 0-9, _)");
  const hasHeader = typeof auth.header === "string" && auth.header.length > 0;
  const hasQuery = typeof auth.query === "string" && auth.query.length > 0;
  if (hasHeader === hasQuery) fail("auth", "must have exactly one of \"header\" or \"query\"");
}

function checkStatus(status: unknown, fail: Fail): void {
  if (!isObject(status)) return fail("status", "must be an object {path, ok, message?}");
  checkPath(status.path, "status.path", fail);
  if (typeof status.ok !== "string") fail("status.ok", "must be the string value that means success");
  if (status.message !== undefined) checkPath(status.message, "status.message", fail);
}

function checkPagination(p: unknown, fail: Fail): void {
  if (!isObject(p)) return fail("pagination", "must be an object");
  if (p.maxPages !== undefined && !(Number.isInteger(p.maxPages) && (p.maxPages as number) > 0 && (p.maxPages as number) <= 1000)) {
    fail("pagination.maxPages", "must be an integer from 1 to 1000");
  }
  if (p.style === "page") {
    if (typeof p.param !== "string") fail("pagination.param", "must name the page-number query parameter");
    if (p.totalPages !== undefined) checkPath(p.totalPages, "pagination.totalPages", fail);
    if (p.totalResults !== undefined) checkPath(p.totalResults, "pagination.totalResults", fail);
    if (p.totalResults !== undefined && !Number.isInteger(p.pageSize)) fail("pagination.pageSize", "is required with totalResults");
  } else if (p.style === "cursor") {
    if (typeof p.param !== "string") fail("pagination.param", "must name the cursor query parameter");
    checkPath(p.cursor, "pagination.cursor", fail);
  } else if (p.style === "nextUrl") {
    checkPath(p.next, "pagination.next", fail);
  } else fail("pagination.style", `must be "page", "cursor" or "nextUrl", got ${JSON.stringify(p.style)}`);
}

function checkStringMap(value: unknown, key: string, fail: Fail): void {
  if (!isObject(value)) return fail(key, "must be an object of strings");
  for (const [k, v] of Object.entries(value)) if (typeof v !== "string") fail(`${key}.${k}`, "must be a string");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
