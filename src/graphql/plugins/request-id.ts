import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

const store = new AsyncLocalStorage<string>();

/** A client's own id is kept only when it is short and plain, so it is safe in logs and headers. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Names each request (x-request-id in and out) and keeps the id reachable from anything it awaits. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction) {
  const id = requestIdFrom(req.headers["x-request-id"]);
  res.locals.requestId = id;
  res.setHeader("x-request-id", id);
  store.run(id, next);
}

export function currentRequestId(): string | undefined {
  return store.getStore();
}

export function runWithRequestId<T>(id: string, fn: () => T): T {
  return store.run(id, fn);
}
