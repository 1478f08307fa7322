import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import type { Cache } from "../../cache";
import type { CostState } from "./limits.plugin";

export interface ResponseCacheContext {
  responseCacheKey?: Slot;
  cost?: CostState;
}

/** Longer query texts are not cached. */
export const MAX_CACHED_QUERY = 100_000;

export interface CachedCost { requested: number; actual: number }

/**
 * Called on a hit with the cost of the response it replays (to charge it and set the live
 * RateLimit-* headers); false when it has answered the request itself.
 */
export type OnCacheHit = (req: Request, res: Response, cost: CachedCost) => Promise<boolean>;

/** Anonymous = no credentials; only anonymous responses are shared between clients. */
export function isAnonymous(req: Request): boolean {
  return !req.headers.authorization && !req.headers["x-api-key"];
}

function requestParts(req: Request): { query?: unknown; operationName?: unknown; variables?: unknown } {
  if (req.method === "GET") {
    return { query: req.query.query, operationName: req.query.operationName, variables: req.query.variables };
  }
  return (req.body ?? {}) as Record<string, unknown>;
}

/**
 * Entries are "<generation> <requested> <actual>\n<body>": the generation they were computed at
 * (only the current one's are served), and the cost a hit reports for the response it replays.
 */
export function readEntry(entry: string, generation: number): { cost: CachedCost; body: string } | undefined {
  const nl = entry.indexOf("\n");
  const [gen, requested, actual] = entry.slice(0, Math.max(0, nl)).split(" ").map(Number);
  if (nl < 0 || gen !== generation || !Number.isFinite(requested) || !Number.isFinite(actual)) return undefined;
  return { cost: { requested, actual }, body: entry.slice(nl + 1) };
}

/** Where a miss stores its answer: the key, and the generation the answer belongs to. */
export interface Slot { key: string; generation: number }

/** The cache key of an anonymous query. */
export function responseCacheKey(query: string, operationName: unknown, variables: unknown): string {
  return `resp:${createHash("sha256").update(JSON.stringify([query, operationName ?? null, variables ?? null])).digest("base64url")}`;
}

/** Misses the HTTP server's warm-hit path has already looked up, so the lookup is not repeated. */
export const lookedUp = new WeakMap<object, Slot>();

/**
 * Whole-response cache for anonymous queries, each entry tagged with the data generation it was
 * computed at, so every write makes earlier entries unreachable. Lookups happen before Apollo runs; a hit never reaches GraphQL.
 */
export function createResponseCache(cache: Cache, ttlSeconds: number, onHit?: OnCacheHit) {
  const middleware = async (req: Request, res: Response, next: NextFunction) => {
    if (!isAnonymous(req) || (req.method !== "GET" && req.method !== "POST")) return next();
    const known = lookedUp.get(req);
    if (known) {
      res.locals.responseCacheKey = known;
      res.setHeader("x-cache", "MISS");
      return next();
    }
    const { query, operationName, variables } = requestParts(req);
    if (typeof query !== "string" || query.length > MAX_CACHED_QUERY) return next();
    const key = responseCacheKey(query, operationName, variables);
    // One round trip for the generation and the entry; an entry of an earlier generation is a miss.
    const found = await cache.mgetWithGeneration([key]);
    if (found === undefined) return next();
    const [value] = found.values;
    const entry = value === undefined ? undefined : readEntry(value, found.generation);
    if (entry) {
      if (onHit && !(await onHit(req, res, entry.cost))) return;
      // Replayed byte for byte, extensions.cost included; the live budget is in the RateLimit-* headers.
      res.status(200).setHeader("content-type", "application/json; charset=utf-8").setHeader("x-cache", "HIT").end(entry.body);
      return;
    }
    res.locals.responseCacheKey = { key, generation: found.generation } satisfies Slot;
    res.setHeader("x-cache", "MISS");
    next();
  };

  const plugin: ApolloServerPlugin<ResponseCacheContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation }) {
          const slot = contextValue.responseCacheKey;
          if (!slot || operation?.operation !== "query" || response.body.kind !== "single") return;
          const { errors, data } = response.body.singleResult;
          if (errors?.length || !data) return;
          const cost = contextValue.cost;
          const report = await cost?.reported;
          // Apollo ends its JSON with a newline; the replay is byte for byte the same.
          const body = `${JSON.stringify(report ? { data, extensions: { cost: report } } : { data })}\n`;
          await cache.set(slot.key, `${slot.generation} ${cost?.requested ?? 0} ${cost?.actual ?? 0}\n${body}`, ttlSeconds);
        },
      };
    },
  };
  return { middleware, plugin };
}
