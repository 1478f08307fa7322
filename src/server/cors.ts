import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";
import type { Config } from "../config/config";

export type CorsHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

// What a browser page may read besides the body: its request id, the cache state and its rate limits.
const EXPOSED_HEADERS = ["x-request-id", "x-cache", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy"];

/** CORS for /graphql (the `cors` package): preflights answered, allowed origins named on every answer; undefined when off. */
export function corsHandler(config: Pick<Config, "corsOrigins">): CorsHandler | undefined {
  const origins = config.corsOrigins;
  if (origins !== "*" && origins.length === 0) return undefined;
  const handler = cors({
    origin: origins === "*" ? "*" : origins,
    methods: ["GET", "POST", "OPTIONS"],
    // Request headers are reflected: keys, Apollo's CSRF header, client names and tracing headers all pass.
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  }) as CorsHandler;
  // Only browsers send Origin; other clients get no CORS headers, on the Express path and the front door's alike.
  return (req, res, next) => (req.headers.origin ? handler(req, res, next) : next());
}
