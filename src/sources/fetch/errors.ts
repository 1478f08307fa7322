export type FetchErrorCode =
  | "TIMEOUT"
  | "CONNECT_TIMEOUT"
  | "TOO_LARGE"
  | "TOO_MANY_REDIRECTS"
  | "REDIRECT_LOOP"
  | "BLOCKED_ADDRESS"
  | "HTTP_STATUS"
  | "BAD_URL"
  | "DECOMPRESSION"
  | "NETWORK"
  | "EMPTY_BODY";

export interface FetchErrorDetails {
  url: string;
  status?: number;
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** Every way a fetch can fail; `code` is stable so the scheduler can branch without reading messages. */
export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;

  constructor(code: FetchErrorCode, message: string, details: FetchErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "FetchError";
    this.code = code;
    this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function isFetchError(value: unknown): value is FetchError {
  return value instanceof FetchError;
}

/** Shortens a received value so error messages stay on one line. */
export function preview(value: string, max = 80): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
