/** Why a request was refused before any GraphQL ran; `code` is what clients see in `extensions.code`. */
export class AuthError extends Error {
  readonly code = "UNAUTHENTICATED" as const;
  readonly status = 401;

  constructor(
    message: string,
    readonly reason: "missing" | "malformed" | "invalid" | "revoked",
  ) {
    super(message);
    this.name = "AuthError";
  }
}

/** Too many failed authentications from one address: answered 429 without looking the key up. */
export class AuthThrottledError extends Error {
  readonly code = "RATE_LIMITED" as const;
  readonly status = 429;

  constructor(readonly retryAfterSeconds: number) {
    super(`auth: too many invalid API keys from this address; retry in ${retryAfterSeconds} s`);
    this.name = "AuthThrottledError";
  }
}
