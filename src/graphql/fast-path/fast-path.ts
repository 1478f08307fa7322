import type { NextFunction, Request, Response } from "express";
import type { GraphQLSchema } from "graphql";
import type { Buckets, BucketState } from "../../auth/bucket";
import { budgetFor, type Budget } from "../../auth/budget";
import { ANONYMOUS, type Principal } from "../../auth/roles";
import type { Cache } from "../../cache";
import type { Config } from "../../config/config";
import type { Context } from "../context";
import { mustUseSafelist } from "../plugins/access.plugin";
import { actualCost } from "../plugins/actual-cost";
import { estimateCost } from "../plugins/cost";
import { checkVariables, finalCharge, MIN_CHARGE } from "../plugins/limits.plugin";
import { costReport, rateLimitHeaders } from "../plugins/rate-limit";
import type { ResponseCacheContext } from "../plugins/response-cache";
import type { Prepared, PreparedOperations } from "./prepared";

export interface FastPathDeps {
  schema: GraphQLSchema;
  config: Pick<Config, "maxFirst" | "maxCost" | "rateLimits" | "safelist" | "introspection" | "introspectionRoles" | "cacheTtlSeconds">;
  prepared: PreparedOperations;
  /** Absent when rate limiting is off. */
  buckets?: Buckets;
  cache: Cache;
  contextFor(principal: Principal, requestId: string): Context;
}

interface Body { query: string; operationName?: string; variables?: Record<string, unknown> }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A plain JSON POST of a query, as Apollo would answer with application/json: no extensions
 * (persisted queries), no batch, nothing Apollo would refuse or negotiate differently.
 */
function plainPost(req: Request): Body | undefined {
  if (req.method !== "POST" || !/^application\/json\s*(;|$)/i.test(req.headers["content-type"] ?? "")) return undefined;
  const accept = req.headers.accept;
  if (accept !== undefined && accept !== "*/*" && accept !== "application/json") return undefined;
  const body: unknown = req.body;
  if (!isRecord(body) || typeof body.query !== "string" || body.extensions !== undefined) return undefined;
  for (const key in body) if (key !== "query" && key !== "operationName" && key !== "variables") return undefined;
  if (body.operationName != null && typeof body.operationName !== "string") return undefined;
  if (body.variables != null && !isRecord(body.variables)) return undefined;
  return { query: body.query, operationName: body.operationName ?? undefined, variables: (body.variables as Record<string, unknown> | null) ?? undefined };
}

/**
 * Runs an operation Apollo has already answered (see PreparedOperations) without Apollo: the same
 * checks (variables, cost limit, rate limit, safelist), the same compiled code, the same cost
 * accounting and the same bytes out. Anything it cannot answer the way Apollo would — a refusal,
 * an error, a result without data — goes to Apollo untouched, after giving back what it took.
 */
export function fastPath(deps: FastPathDeps) {
  const { schema, config, prepared, buckets } = deps;

  const refuse = async (budget: Budget, charged: number, next: NextFunction) => {
    if (buckets && charged > 0) await buckets.refund(budget.bucketKey, charged, budget.policy);
    next();
  };

  const answer = async (req: Request, res: Response, next: NextFunction, body: Body, op: Prepared, principal: Principal) => {
    const budget = budgetFor(principal, req.ip, config);
    let requested: number;
    try {
      checkVariables(schema, op.operation, body.variables);
      requested = estimateCost({ schema, document: op.document, operationName: op.operationName, variables: body.variables, maxFirst: config.maxFirst });
    } catch {
      return next();
    }
    if (requested > budget.maxCost) return next();
    const charged = Math.max(MIN_CHARGE, requested);
    let state: BucketState | undefined = buckets && (await buckets.take(budget.bucketKey, charged, budget.policy));
    // A refused charge took nothing; Apollo asks again and words the refusal.
    if (state && !state.allowed) return next();

    const context: Context & ResponseCacheContext = {
      ...deps.contextFor(principal, res.locals.requestId as string),
      budget,
      responseCacheKey: res.locals.responseCacheKey as ResponseCacheContext["responseCacheKey"],
    } as Context & ResponseCacheContext;
    const result = await Promise.resolve(op.compiled.query(undefined, context, body.variables)).catch(() => undefined);
    if (!result || result.data == null || result.errors?.length) return refuse(budget, charged, next);

    const actual = actualCost(schema, op.document, op.operationName, result.data);
    const refund = charged - finalCharge(requested, actual);
    if (buckets && state && refund > 0) state = await buckets.refundBatched(budget.bucketKey, refund, budget.policy, state);
    if (state) for (const [name, value] of rateLimitHeaders(budget, state)) res.setHeader(name, value);
    // Apollo's bytes: its field order (errors, data, extensions) and its closing newline.
    const text = `${JSON.stringify({ data: result.data, extensions: { cost: costReport(requested, actual, budget, state) } })}\n`;
    const slot = context.responseCacheKey;
    // Issued before the answer leaves, so the client's next request finds it (Apollo's path awaits it).
    if (slot) void deps.cache.set(slot.key, `${slot.generation} ${requested} ${actual}\n${text}`, config.cacheTtlSeconds);
    res.status(200).setHeader("content-type", "application/json; charset=utf-8");
    res.send(text);
    context.log.debug({ operationName: op.operationName, status: 200, errors: 0, cost: requested, actual, fast: true }, "graphql: request");
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const body = plainPost(req);
    const op = body && prepared.get(body.query, body.operationName);
    const principal = (res.locals.auth as Principal | undefined) ?? ANONYMOUS;
    if (!body || !op || mustUseSafelist(principal, config)) return next();
    answer(req, res, next, body, op, principal).catch(next);
  };
}
