import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";

/** A client's own id is kept only when it is short and plain, so it is safe in logs and headers. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * Names each request (x-request-id in and out). The id travels in res.locals and the GraphQL
 * context, not in an AsyncLocalStorage: its promise hooks would slow every request.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction) {
  const id = requestIdFrom(req.headers["x-request-id"]);
  res.locals.requestId = id;
  res.setHeader("x-request-id", id);
  next();
}

// Apollo's formatError sees an error but not its request: the pipeline's errors are tagged here first.
const requestIds = new WeakMap<object, string>();

/** The id of the request an error was raised in, when the GraphQL pipeline saw it. */
export function requestIdOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? requestIds.get(error) : undefined;
}

/** Tags every error of a request with its id before Apollo formats it (same objects, same order). */
export function requestIdPlugin(): ApolloServerPlugin<{ requestId: string }> {
  // One listener for every request: it keeps nothing of its own.
  const listener = {
    async didEncounterErrors({ contextValue, errors }: { contextValue: { requestId: string }; errors: readonly Error[] }) {
      for (const error of errors) requestIds.set(error, contextValue.requestId);
    },
  };
  return { requestDidStart: async () => listener };
}

/**
 * Refusals Apollo makes before a GraphQL request exists (CSRF, batching, a malformed request) are
 * formatted without one: their JSON gets the id here, on its way out, so every error carries it.
 */
export function requestIdOnRefusals(_req: Request, res: Response, next: NextFunction) {
  const send = res.send;
  res.send = function sendWithRequestId(this: Response, body?: unknown) {
    const refused = this.statusCode >= 400 && typeof body === "string";
    return send.call(this, refused ? withRequestId(body, this.locals.requestId as string) : body);
  } as typeof res.send;
  next();
}

function withRequestId(body: string, requestId: string): string {
  let parsed: { errors?: { extensions?: Record<string, unknown> }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const errors = parsed?.errors;
  if (!Array.isArray(errors) || errors.every((e) => e?.extensions?.requestId !== undefined)) return body;
  for (const e of errors) if (e && typeof e === "object") e.extensions = { ...e.extensions, requestId: e.extensions?.requestId ?? requestId };
  // Apollo's bodies end with a newline; the rewritten one keeps it.
  return `${JSON.stringify(parsed)}${body.endsWith("\n") ? "\n" : ""}`;
}
