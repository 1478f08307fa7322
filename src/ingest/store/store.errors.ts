export type StoreErrorCode = "STORE_RACE_UNRESOLVED" | "STORE_BAD_INPUT";

/** Errors of the article store; `code` is stable for callers. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = "StoreError";
    this.code = code;
  }
}
