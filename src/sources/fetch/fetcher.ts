import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { AllowList } from "./address-policy";
import { decodeBody } from "./charset";
import { parseContentType } from "./content-type";
import { FetchError, preview } from "./errors";
import { performHop, type HopResult } from "./exchange";
import { freshnessSeconds, parseRetryAfter } from "./http-cache";
import { checkTarget, guardedLookup, type CheckedTarget } from "./ssrf";
import type { FetcherOptions, FetchRequest, FetchResponse } from "./types";

export type Fetcher = ((request: FetchRequest) => Promise<FetchResponse>) & {
  /** Closes idle keep-alive connections; the fetcher stays usable. */
  close(): void;
};

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "Khabar/0.1 (+https://github.com/khabar)",
};

const DEFAULT_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, " +
  "text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5";

// Headers the fetcher owns: letting callers set them would break framing, decoding or the guard.
const RESERVED_HEADERS = new Set([
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "accept-encoding",
  "te",
  "upgrade",
  "keep-alive",
  "proxy-connection",
]);
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

/** Builds the fetcher every source refresh goes through; see FetcherOptions for the limits it enforces. */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const config = { ...DEFAULTS, ...definedOnly(options) };
  const clock = options.clock ?? (() => new Date());
  const allow = new AllowList(options.allowHosts);
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets: 8, timeout: 30_000 }),
    "https:": new https.Agent({ keepAlive: true, maxSockets: 8, timeout: 30_000 }),
  };

  const fetcher = async (request: FetchRequest): Promise<FetchResponse> => {
    const deadline = performance.now() + config.totalTimeoutMs;
    const origin = checkTarget(request.url, allow);
    const redirects: string[] = [];
    let permanent = true;
    let target: CheckedTarget = origin;
    for (;;) {
      const hop = await performHop({
        url: target.url,
        headers: requestHeaders(request, config.userAgent, target.url.origin === origin.url.origin),
        lookup: guardedLookup(options.lookup, allow, target),
        agent: agents[target.url.protocol as "http:" | "https:"],
        connectTimeoutMs: config.connectTimeoutMs,
        deadline,
        totalTimeoutMs: config.totalTimeoutMs,
        maxBodyBytes: config.maxBodyBytes,
      });
      if (hop.kind === "final") return finalResponse(hop, target.url.href, redirects, permanent, clock());
      if (hop.kind === "refused") throw statusError(hop, target.url.href, clock());
      const next = nextTarget(hop.location, target.url, origin.url, redirects, config.maxRedirects);
      redirects.push(target.url.href);
      permanent &&= hop.status === 301 || hop.status === 308;
      target = checkTarget(next, allow);
    }
  };
  return Object.assign(fetcher, {
    close: () => {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function requestHeaders(request: FetchRequest, userAgent: string, sameOrigin: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": userAgent,
    accept: request.accept ?? DEFAULT_ACCEPT,
    "accept-encoding": "gzip, deflate, br",
  };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.has(key) || key.startsWith("proxy-")) continue;
    // Credentials meant for the source must not follow a redirect to someone else's origin.
    if (!sameOrigin && CREDENTIAL_HEADERS.has(key)) continue;
    headers[key] = value;
  }
  return headers;
}

function nextTarget(location: string, current: URL, origin: URL, seen: string[], maxRedirects: number): string {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new FetchError("BAD_URL", `fetch: expected a valid Location on redirect, got "${preview(location)}"`, { url: current.href });
  }
  next.hash = "";
  if (next.href === current.href || next.href === origin.href || seen.includes(next.href)) {
    throw new FetchError("REDIRECT_LOOP", `fetch: expected redirects to new URLs, got a loop from ${current.href} back to ${next.href}`, { url: origin.href });
  }
  if (seen.length >= maxRedirects) {
    throw new FetchError("TOO_MANY_REDIRECTS", `fetch: expected at most ${maxRedirects} redirects, got more (last to ${next.href})`, { url: origin.href });
  }
  return next.href;
}

function statusError(hop: Extract<HopResult, { kind: "refused" }>, url: string, now: Date): FetchError {
  const retryAfterSeconds = parseRetryAfter(header(hop.headers, "retry-after"), now, header(hop.headers, "date"));
  const text = hop.statusText ? ` ${hop.statusText}` : "";
  return new FetchError("HTTP_STATUS", `fetch: expected 200 or 304, got ${hop.status}${text} from ${url}`, { url, status: hop.status, retryAfterSeconds });
}

function finalResponse(hop: Extract<HopResult, { kind: "final" }>, url: string, redirects: string[], permanent: boolean, now: Date): FetchResponse {
  const notModified = hop.status === 304;
  if (!notModified && hop.body.length === 0) {
    throw new FetchError("EMPTY_BODY", `fetch: expected a body with ${hop.status}, got 0 bytes from ${url}`, { url, status: hop.status });
  }
  const contentTypeHeader = header(hop.headers, "content-type");
  const decoded = notModified ? { text: "", charset: "utf-8", charsetSource: "default" as const } : decodeBody(hop.body, contentTypeHeader);
  const response: FetchResponse = {
    status: hop.status,
    notModified,
    url,
    redirects,
    contentType: parseContentType(contentTypeHeader).mime,
    body: hop.body,
    ...decoded,
    etag: header(hop.headers, "etag"),
    lastModified: header(hop.headers, "last-modified"),
    retryAfterSeconds: parseRetryAfter(header(hop.headers, "retry-after"), now, header(hop.headers, "date")),
    maxAgeSeconds: freshnessSeconds(freshnessHeaders(hop.headers), now),
    headers: flatHeaders(hop.headers),
    fetchedAt: now,
  };
  if (redirects.length > 0 && permanent) response.permanentUrl = url;
  return dropUndefined(response);
}

function freshnessHeaders(headers: IncomingHttpHeaders) {
  return {
    cacheControl: header(headers, "cache-control"),
    expires: header(headers, "expires"),
    date: header(headers, "date"),
    age: header(headers, "age"),
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = header(headers, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
