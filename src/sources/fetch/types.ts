import type { lookup as dnsLookup } from "node:dns";

export type CharsetSource = "header" | "bom" | "xml" | "meta" | "sniff" | "default";

export interface FetchRequest {
  url: string;
  /** Validator from the previous response: sent as If-None-Match. */
  etag?: string;
  /** Validator from the previous response: sent as If-Modified-Since. */
  lastModified?: string;
  /** Accept header; a feed-and-HTML preference list when absent. */
  accept?: string;
  /** Extra request headers. Hop-by-hop and encoding headers are ignored; credentials are dropped on cross-origin redirects. */
  headers?: Record<string, string>;
}

export interface FetchResponse {
  /** 200 (or 203) for a full body, 304 for a revalidated one; other statuses throw FetchError HTTP_STATUS. */
  status: number;
  notModified: boolean;
  /** Final URL after redirects (fragment removed). */
  url: string;
  /** URLs that answered with a redirect, in order: empty when the first URL answered directly. */
  redirects: string[];
  /** Set when every redirect in the chain was permanent (301/308): the URL the source should be stored under. */
  permanentUrl?: string;
  /** Mime type only, lower case. */
  contentType?: string;
  /** Decompressed bytes; empty on 304. */
  body: Buffer;
  /** Body decoded with the charset rules of decodeBody; '' on 304. */
  text: string;
  charset: string;
  charsetSource: CharsetSource;
  etag?: string;
  lastModified?: string;
  retryAfterSeconds?: number;
  /** Remaining freshness: s-maxage, else max-age, else Expires − Date, minus Age; 0 for no-cache/no-store. */
  maxAgeSeconds?: number;
  /** Final response headers, names lower case, repeated values joined with ", ". */
  headers: Record<string, string>;
  fetchedAt: Date;
}

export type LookupFunction = typeof dnsLookup;

export interface FetcherOptions {
  /** DNS + TCP (+ TLS) connect budget per hop; default 10 s. */
  connectTimeoutMs?: number;
  /** Whole exchange, all redirects and a slowly trickling body included; default 30 s. */
  totalTimeoutMs?: number;
  /** Cap on wire bytes and on decompressed bytes; default 15 MiB. */
  maxBodyBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** Host names (exact, or "*.example.com"), IPs or CIDRs that bypass the SSRF guard. */
  allowHosts?: string[];
  clock?: () => Date;
  lookup?: LookupFunction;
}
