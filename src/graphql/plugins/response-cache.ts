import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import type { Cache } from "../../cache";

export interface ResponseCacheContext { responseCacheKey?: string }

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
 * Whole-response cache for anonymous queries, keyed by the data generation, so every write makes
 * earlier entries unreachable. Lookups happen before Apollo runs; a hit never reaches GraphQL.
 */
export function createResponseCache(cache: Cache, ttlSeconds: number) {
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
      res.status(200).setHeader("content-type", "application/json; charset=utf-8").setHeader("x-cache", "HIT").end(hit);
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
          await cache.set(key, JSON.stringify({ data }), ttlSeconds);
        },
      };
    },
  };
  return { middleware, plugin };
}
