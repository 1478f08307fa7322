import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Authenticator } from "./authenticator";
import { presentedKey } from "./credentials";
import { AuthError, AuthThrottledError } from "./errors";

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] });
}

/**
 * Resolves the caller before GraphQL runs (so the response cache, Apollo and the cost plugin all
 * know who it is): a bad, unknown or revoked key is a 401, never an anonymous request.
 */
export function authMiddleware(authenticator: Authenticator): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.auth = await authenticator.authenticate(presentedKey(req.headers), req.ip);
      next();
    } catch (err) {
      if (err instanceof AuthError) {
        res.setHeader("www-authenticate", err.reason === "missing" ? 'Bearer realm="khabar"' : 'Bearer realm="khabar", error="invalid_token"');
        refuse(res, err.status, err.code, err.message);
      } else if (err instanceof AuthThrottledError) {
        res.setHeader("retry-after", String(err.retryAfterSeconds));
        refuse(res, err.status, err.code, err.message);
      } else {
        next(err);
      }
    }
  };
}
