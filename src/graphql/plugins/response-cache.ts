import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import type { Cache } from "../../cache";
import type { CostState } from "./limits.plugin";

export interface ResponseCacheContext {
  responseCacheKey?: string;
  cost?: CostState;
}

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

/** Entries are "<requested> <actual>\n<body>", so a hit reports the cost of the response it replays. */
function readEntry(entry: string): { cost: CachedCost; body: string } {
  const nl = entry.indexOf("\n");
  const [requested, actual] = entry.slice(0, Math.max(0, nl)).split(" ").map(Number);
  if (nl < 0 || !Number.isFinite(requested) || !Number.isFinite(actual)) return { cost: { requested: 0, actual: 0 }, body: entry };
  return { cost: { requested, actual }, body: entry.slice(nl + 1) };
}

/**
 * Whole-response cache for anonymous queries, keyed by the data generation, so every write makes
 * earlier entries unreachable. Lookups happen before Apollo runs; a hit never reaches GraphQL.
 */
export function createResponseCache(cache: Cache, ttlSeconds: number, onHit?: OnCacheHit) {
  const middleware = async (req: Request, res: Response, next: NextFunction) => {
    if (!isAnonymous(req) || (req.method !== "GET" && req.method !== "POST")) return next();
    const { query, operationName, variables } = requestParts(req);
    if (typeof query !== "string" || query.length > 100_000) return next();
    const gen = await cache.generation();
    if (gen === undefined) return next();
    const digest = createHash("sha256").update(JSON.stringify([query, operationName ?? null, variables ?? null])).digest("base64url");
    const key = `g${gen}:resp:${digest}`;
    const hit = await cache.get(key);
    if (hit !== undefined) {
      const entry = readEntry(hit);
      if (onHit && !(await onHit(req, res, entry.cost))) return;
      // Replayed byte for byte, extensions.cost included; the live budget is in the RateLimit-* headers.
      res.status(200).setHeader("content-type", "application/json; charset=utf-8").setHeader("x-cache", "HIT").end(entry.body);
      return;
    }
    res.locals.responseCacheKey = key;
    res.setHeader("x-cache", "MISS");
    next();
  };

  const plugin: ApolloServerPlugin<ResponseCacheContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation }) {
          const key = contextValue.responseCacheKey;
          if (!key || operation?.operation !== "query" || response.body.kind !== "single") return;
          const { errors, data } = response.body.singleResult;
          if (errors?.length || !data) return;
          const cost = contextValue.cost;
          const report = await cost?.reported;
          // Apollo ends its JSON with a newline; the replay is byte for byte the same.
          const body = `${JSON.stringify(report ? { data, extensions: { cost: report } } : { data })}\n`;
          await cache.set(key, `${cost?.requested ?? 0} ${cost?.actual ?? 0}\n${body}`, ttlSeconds);
        },
      };
    },
  };
  return { middleware, plugin };
}
