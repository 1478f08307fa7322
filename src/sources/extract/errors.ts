/** Stable codes so callers can branch on the failure without parsing messages. */
export type ExtractErrorCode = "EXTRACT_BAD_URL" | "EXTRACT_BAD_INPUT" | "EXTRACT_DOM_FAILED";

export class ExtractError extends Error {
  readonly code: ExtractErrorCode;

  constructor(code: ExtractErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ExtractError";
    this.code = code;
  }
}

/** Shortens what was received so an error message stays one readable line. */
export function describeReceived(value: unknown): string {
  if (typeof value !== "string") return value === null ? "null" : typeof value;
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `"${flat.slice(0, 57)}..."` : `"${flat}"`;
}
