import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import express from "express";
import { budgetFor } from "../auth/budget";
import { ANONYMOUS } from "../auth/roles";
import type { ChargedGet, HitCharge } from "../cache/charged-get";
import type { Config } from "../config/config";
import { describe } from "../auth/bucket";
import { runWithStatementScope } from "../db/statement-counter";
import { acceptsPlainJson, givenBack, plainBody, type FastAnswer, type FastRunner } from "../graphql/fast-path/fast-path";
import { cacheHitRefusal, hitCharge, rateLimitHeaders } from "../graphql/plugins/rate-limit";
import { lookedUp, MAX_CACHED_QUERY, readEntry, responseCacheKey, type Slot } from "../graphql/plugins/response-cache";
import { requestIdFrom } from "../graphql/plugins/request-id";
import type { CorsHandler } from "./cors";

export interface FrontDoorDeps {
  config: Pick<Config, "maxBodyBytes" | "rateLimits" | "maxCost" | "env">;
  /** Warm hits: the Redis cache's one-round-trip lookup (and charge); absent without a Redis response cache. */
  warm?: {
    getAndCharge(key: string, charge: HitCharge | undefined): Promise<ChargedGet | undefined>;
    /** Whether hits are charged to the client's bucket (rate limiting on). */
    charging: boolean;
  };
  /** Operations Apollo has answered before, run without Express and Apollo; absent with FAST_PATH off. */
  fast?: FastRunner;
  /** The client address as Express would see it (its `trust proxy` setting). */
  clientIp(req: IncomingMessage): string | undefined;
  /** CORS for browser pages (the handler Express uses too); absent when CORS_ORIGINS is none. */
  cors?: CorsHandler;
}

/** A request whose body was read here: Express's handlers see it parsed, or the error parsing it gave. */
type ReadRequest = IncomingMessage & { body?: unknown; warmBodyError?: unknown };

// Bodies of cached page queries are a few kB; anything larger goes the long way.
const MAX_WARM_BODY = 64 * 1024;
const JSON_UTF8 = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

/** A plain anonymous JSON POST to /graphql whose whole body is small and already sized. */
function candidate(req: IncomingMessage, maxBody: number): boolean {
  const h = req.headers;
  if (req.method !== "POST" || req.url !== "/graphql" || h.authorization || h["x-api-key"]) return false;
  if (!JSON_UTF8.test(h["content-type"] ?? "") || (h["content-encoding"] && h["content-encoding"] !== "identity")) return false;
  const length = Number(h["content-length"] ?? NaN);
  return Number.isInteger(length) && length > 0 && length <= Math.min(MAX_WARM_BODY, maxBody) && h["transfer-encoding"] === undefined;
}

const parser = express.json({ limit: MAX_WARM_BODY });

/**
 * What body-parser makes of a body that JSON.parse alone would not take as a plain object (its
 * own errors and messages included), run on a replay of the bytes already read.
 */
function parseLikeExpress(req: IncomingMessage, body: Buffer): Promise<{ body?: unknown; error?: unknown }> {
  const replay = Object.assign(Readable.from([body]), { headers: req.headers, complete: false, socket: { readable: true } });
  return new Promise((resolve) => parser(replay as never, {} as never, (error?: unknown) => resolve({ body: (replay as { body?: unknown }).body, error })));
}

/**
 * Answers plain anonymous JSON queries in the HTTP server, before Express: a warm one from the
 * response cache in one Redis round trip (the generation, the entry and the client's charge), and
 * one Apollo has answered before through the fast path (Express's routing, body parsing and
 * response helpers cost ~15% of a small page's CPU). Everything else (misses the fast path cannot
 * take, requests with keys, bad bodies) continues to `next` with the body already parsed, as
 * Express would have.
 */
export function frontDoor(deps: FrontDoorDeps, next: RequestListener): RequestListener {
  const { config, warm, fast } = deps;

  const answerWarm = async (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>, ip: string | undefined): Promise<boolean> => {
    if (!warm) return false;
    const { query, operationName, variables } = body;
    if (typeof query !== "string" || query.length > MAX_CACHED_QUERY) return false;
    const key = responseCacheKey(query, operationName, variables);
    const budget = budgetFor(ANONYMOUS, ip, config);
    const charge = warm.charging ? { bucketKey: budget.bucketKey, ...budget.policy } : undefined;
    const found = await warm.getAndCharge(key, charge);
    if (!found) return false;
    const entry = found.value === undefined ? undefined : readEntry(found.value, found.generation);
    if (!entry) {
      lookedUp.set(req, { key, generation: found.generation });
      return false;
    }
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    const headers: [string, string][] = [["x-request-id", requestId]];
    if (config.env !== "production") headers.push(["x-sql-statements", "0"]);
    const state = found.charged && describe(found.charged.allowed, found.charged.tokens, hitCharge(entry.cost), budget.policy, found.charged.now);
    if (state && !state.allowed) {
      const refusal = cacheHitRefusal(budget, state, entry.cost, requestId);
      const text = JSON.stringify(refusal.body);
      headers.push(...refusal.headers, ["content-type", "application/json; charset=utf-8"], ["content-length", String(Buffer.byteLength(text))]);
      res.writeHead(429, headers.flat()).end(text);
      return true;
    }
    if (state) headers.push(...rateLimitHeaders(budget, state));
    headers.push(["content-type", "application/json; charset=utf-8"], ["content-length", String(Buffer.byteLength(entry.body))], ["x-cache", "HIT"]);
    res.writeHead(200, headers.flat()).end(entry.body);
    return true;
  };

  const answerFast = async (req: IncomingMessage, res: ServerResponse, parsed: Record<string, unknown>, ip: string | undefined): Promise<boolean> => {
    if (!fast) return false;
    const body = acceptsPlainJson(req.headers.accept) ? plainBody(parsed) : undefined;
    const op = fast.match(body, ANONYMOUS);
    if (!body || !op) return false;
    // With the response cache on, the answer is stored where the warm lookup missed.
    let slot: Slot | undefined;
    if (warm) {
      slot = lookedUp.get(req);
      if (!slot) return false;
    }
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    const run = () => fast.run({ body, op, principal: ANONYMOUS, ip, requestId, responseCacheKey: slot });
    // Outside production every answer reports its SQL statements, as the Express path does.
    const scope = config.env !== "production" ? { count: 0 } : undefined;
    const answer: FastAnswer | undefined = scope ? await runWithStatementScope(scope, run) : await run();
    if (!answer) {
      givenBack.add(req);
      return false;
    }
    const headers: [string, string][] = [["x-request-id", requestId]];
    if (slot) headers.push(["x-cache", "MISS"]);
    if (scope) headers.push(["x-sql-statements", String(scope.count)]);
    headers.push(...answer.headers, ["content-type", "application/json; charset=utf-8"], ["content-length", String(answer.bytes.length)]);
    res.writeHead(200, headers.flat()).end(answer.bytes);
    return true;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => {
    // proxy-addr walks the forwarding headers: once per request, for both answers.
    const ip = deps.clientIp(req);
    return (await answerWarm(req, res, body, ip)) || answerFast(req, res, body, ip);
  };

  const onBody = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      body = undefined;
    }
    const plain = typeof body === "object" && body !== null && !Array.isArray(body);
    if (plain && (await answer(req, res, body as Record<string, unknown>).catch(() => false))) return;
    const parsed = plain ? { body } : await parseLikeExpress(req, raw);
    // The request has been read to its end, so Express's own JSON parser leaves `body` as set here.
    (req as ReadRequest).body = parsed.body;
    if (parsed.error) (req as ReadRequest).warmBodyError = parsed.error;
    next(req, res);
  };

  return (req, res) => {
    if (!candidate(req, config.maxBodyBytes)) return next(req, res);
    // Answers written here carry the same CORS headers as Express's: the handler sets them synchronously, writeHead keeps them.
    deps.cors?.(req, res, () => undefined);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => void onBody(req, res, Buffer.concat(chunks)).catch(() => next(req, res)));
  };
}

/** Express middleware, after the request id: hands on the parse error of a body read before Express. */
export function warmBodyErrors(req: IncomingMessage, _res: unknown, nextFn: (err?: unknown) => void): void {
  nextFn((req as ReadRequest).warmBodyError);
}
