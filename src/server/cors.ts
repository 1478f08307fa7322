import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";
import type { Config } from "../config/config";

export type CorsHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

// What a browser page may send and read: keys, request ids, Apollo's CSRF header; rate limits, cache state.
const ALLOWED_HEADERS = ["content-type", "authorization", "x-api-key", "x-request-id", "apollo-require-preflight", "x-apollo-operation-name"];
const EXPOSED_HEADERS = ["x-request-id", "x-cache", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy"];

/** CORS for /graphql (the `cors` package): preflights answered, allowed origins named on every answer; undefined when off. */
export function corsHandler(config: Pick<Config, "corsOrigins">): CorsHandler | undefined {
  const origins = config.corsOrigins;
  if (origins !== "*" && origins.length === 0) return undefined;
  return cors({
    origin: origins === "*" ? "*" : origins,
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  }) as CorsHandler;
}

/** The CORS headers of a simple (non-preflight) answer written outside Express: the handler sets them synchronously. */
export function setCorsHeaders(handler: CorsHandler | undefined, req: IncomingMessage, res: ServerResponse): void {
  if (handler && req.headers.origin) handler(req, res, () => undefined);
}
