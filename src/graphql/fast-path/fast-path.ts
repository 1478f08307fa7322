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

export interface Body { query: string; operationName?: string; variables?: Record<string, unknown> }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A parsed JSON body holding one plain query (no extensions such as persisted queries, no batch), else undefined. */
export function plainBody(body: unknown): Body | undefined {
  if (!isRecord(body) || typeof body.query !== "string" || body.extensions !== undefined) return undefined;
  for (const key in body) if (key !== "query" && key !== "operationName" && key !== "variables") return undefined;
  if (body.operationName != null && typeof body.operationName !== "string") return undefined;
  if (body.variables != null && !isRecord(body.variables)) return undefined;
  return { query: body.query, operationName: body.operationName ?? undefined, variables: (body.variables as Record<string, unknown> | null) ?? undefined };
}

/** Whether Apollo would answer this request with plain application/json (what the fast path writes). */
export function acceptsPlainJson(accept: string | undefined): boolean {
  return accept === undefined || accept === "*/*" || accept === "application/json";
}

/** A request the fast path may answer: its operation, who asks, from where, and where a miss of the response cache goes. */
export interface FastRequest {
  body: Body;
  op: Prepared;
  principal: Principal;
  ip: string | undefined;
  requestId: string;
  responseCacheKey?: ResponseCacheContext["responseCacheKey"];
}

/** The 200 the fast path gives: the headers it adds and Apollo's bytes. */
export interface FastAnswer { headers: [string, string][]; bytes: Buffer }

/**
 * Apollo's bytes for a JSON text: the text and its closing newline, encoded once. Appending the newline to
 * the string would make a rope that Node flattens into a second copy (two bytes per Arabic character)
 * before encoding it.
 */
export function bodyBytes(json: string): Buffer {
  const length = Buffer.byteLength(json);
  const bytes = Buffer.allocUnsafe(length + 1);
  bytes.write(json, 0, length, "utf8");
  bytes[length] = 0x0a;
  return bytes;
}

/**
 * Runs an operation Apollo has already answered (see PreparedOperations) without Apollo: the same
 * checks (variables, cost limit, rate limit, safelist), the same compiled code, the same cost
 * accounting and the same bytes out. Anything it cannot answer the way Apollo would — a refusal,
 * an error, a result without data — gives back what it took and resolves to undefined, for Apollo.
 */
export function fastRunner(deps: FastPathDeps) {
  const { schema, config, prepared, buckets } = deps;

  /** The prepared operation of a body, when the fast path may run it for this principal. */
  const match = (body: Body | undefined, principal: Principal): Prepared | undefined =>
    body && !mustUseSafelist(principal, config) ? prepared.get(body.query, body.operationName) : undefined;

  const run = async ({ body, op, principal, ip, requestId, responseCacheKey }: FastRequest): Promise<FastAnswer | undefined> => {
    const budget = budgetFor(principal, ip, config);
    let requested: number;
    try {
      checkVariables(schema, op.operation, body.variables);
      requested = estimateCost({ schema, document: op.document, operationName: op.operationName, variables: body.variables, maxFirst: config.maxFirst });
    } catch {
      return undefined;
    }
    if (requested > budget.maxCost) return undefined;
    const charged = Math.max(MIN_CHARGE, requested);
    let state: BucketState | undefined = buckets && (await buckets.take(budget.bucketKey, charged, budget.policy));
    // A refused charge took nothing; Apollo asks again and words the refusal.
    if (state && !state.allowed) return undefined;

    const context = { ...deps.contextFor(principal, requestId), budget, responseCacheKey } as Context & ResponseCacheContext;
    const result = await Promise.resolve(op.compiled.query(undefined, context, body.variables)).catch(() => undefined);
    if (!result || result.data == null || result.errors?.length) {
      if (buckets && charged > 0) await buckets.refund(budget.bucketKey, charged, budget.policy);
      return undefined;
    }

    const actual = actualCost(schema, op.document, op.operationName, result.data);
    const refund = charged - finalCharge(requested, actual);
    if (buckets && state && refund > 0) state = await buckets.refundBatched(budget.bucketKey, refund, budget.policy, state);
    // Apollo's field order (errors, data, extensions); bodyBytes adds its closing newline.
    const json = JSON.stringify({ data: result.data, extensions: { cost: costReport(requested, actual, budget, state) } });
    // Issued before the answer leaves, so the client's next request finds it (Apollo's path awaits it).
    if (responseCacheKey) void deps.cache.set(responseCacheKey.key, `${responseCacheKey.generation} ${requested} ${actual}\n${json}\n`, config.cacheTtlSeconds);
    context.log.debug({ operationName: op.operationName, status: 200, errors: 0, cost: requested, actual, fast: true }, "graphql: request");
    return { headers: state ? rateLimitHeaders(budget, state) : [], bytes: bodyBytes(json) };
  };

  return { match, run };
}

export type FastRunner = ReturnType<typeof fastRunner>;

/** Requests the HTTP server's fast path has run and handed to Apollo: the Express route does not run them again. */
export const givenBack = new WeakSet<object>();

/** The fast path as Express middleware, for requests the HTTP server did not answer itself (those with API keys). */
export function fastPath(runner: FastRunner) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (givenBack.has(req)) return next();
    const json = req.method === "POST" && /^application\/json\s*(;|$)/i.test(req.headers["content-type"] ?? "");
    const body = json && acceptsPlainJson(req.headers.accept) ? plainBody(req.body) : undefined;
    const principal = (res.locals.auth as Principal | undefined) ?? ANONYMOUS;
    const op = runner.match(body, principal);
    if (!body || !op) return next();
    const responseCacheKey = res.locals.responseCacheKey as ResponseCacheContext["responseCacheKey"];
    runner.run({ body, op, principal, ip: req.ip, requestId: res.locals.requestId as string, responseCacheKey })
      .then((answer) => {
        if (!answer) return next();
        for (const [name, value] of answer.headers) res.setHeader(name, value);
        res.status(200).setHeader("content-type", "application/json; charset=utf-8");
        res.send(answer.bytes);
      })
      .catch(next);
  };
}
