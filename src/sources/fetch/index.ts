export { createFetcher, type Fetcher } from "./fetcher";
export { decodeBody, type DecodedBody } from "./charset";
export { FetchError, isFetchError, type FetchErrorCode } from "./errors";
export {
  freshnessSeconds,
  nextAllowedFetch,
  parseCacheControl,
  parseHttpDate,
  parseRetryAfter,
  type CacheDirectives,
  type NextFetchInput,
} from "./http-cache";
export { AllowList, blockedReason, parseIp } from "./address-policy";
export { checkTarget, hostRefusal, type HostRefusal } from "./ssrf";
export type { CharsetSource, FetcherOptions, FetchRequest, FetchResponse, LookupFunction } from "./types";
