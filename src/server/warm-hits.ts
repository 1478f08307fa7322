import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import express from "express";
import { budgetFor } from "../auth/budget";
import { ANONYMOUS } from "../auth/roles";
import type { ChargedGet, HitCharge } from "../cache/charged-get";
import type { Config } from "../config/config";
import { describe } from "../auth/bucket";
import { cacheHitRefusal, hitCharge, rateLimitHeaders } from "../graphql/plugins/rate-limit";
import { lookedUp, MAX_CACHED_QUERY, readEntry, responseCacheKey } from "../graphql/plugins/response-cache";
import { requestIdFrom } from "../graphql/plugins/request-id";

export interface WarmHitDeps {
  config: Pick<Config, "maxBodyBytes" | "rateLimits" | "maxCost" | "env">;
  /** The Redis cache's one-round-trip lookup (and charge). */
  getAndCharge(key: string, charge: HitCharge | undefined): Promise<ChargedGet | undefined>;
  /** Whether hits are charged to the client's bucket (rate limiting on). */
  charging: boolean;
  /** The client address as Express would see it (its `trust proxy` setting). */
  clientIp(req: IncomingMessage): string | undefined;
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
 * Answers a warm anonymous query before Express: one Redis round trip reads the generation and
 * the cached response and charges the client's bucket. Everything else (misses, refusals of the
 * long path, bad bodies) continues to `next` with the body already parsed, as Express would have.
 */
export function warmHitsFirst(deps: WarmHitDeps, next: RequestListener): RequestListener {
  const { config } = deps;

  const answer = async (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<boolean> => {
    const { query, operationName, variables } = body;
    if (typeof query !== "string" || query.length > MAX_CACHED_QUERY) return false;
    const key = responseCacheKey(query, operationName, variables);
    const budget = budgetFor(ANONYMOUS, deps.clientIp(req), config);
    const charge = deps.charging ? { bucketKey: budget.bucketKey, ...budget.policy } : undefined;
    const found = await deps.getAndCharge(key, charge);
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
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => void onBody(req, res, Buffer.concat(chunks)).catch(() => next(req, res)));
  };
}

/** Express middleware, after the request id: hands on the parse error of a body read before Express. */
export function warmBodyErrors(req: IncomingMessage, _res: unknown, nextFn: (err?: unknown) => void): void {
  nextFn((req as ReadRequest).warmBodyError);
}
