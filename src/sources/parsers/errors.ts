export type FeedParseErrorCode =
  | "EMPTY_DOCUMENT"
  | "NOT_A_FEED"
  | "UNKNOWN_FORMAT"
  | "MALFORMED_XML"
  | "MALFORMED_JSON"
  | "ENTITY_LIMIT"
  | "WRONG_ROOT";

/** Raised when a document cannot be read as the feed format asked for; `code` is stable for callers. */
export class FeedParseError extends Error {
  readonly code: FeedParseErrorCode;

  constructor(code: FeedParseErrorCode, message: string) {
    super(message);
    this.name = "FeedParseError";
    this.code = code;
  }
}

export type ApiConfigErrorCode = "INVALID_MAPPING" | "MISSING_ENV" | "BAD_RESPONSE";

/** Raised for a bad API mapping file, a missing credential variable or a response the mapping cannot read. */
export class ApiConfigError extends Error {
  readonly code: ApiConfigErrorCode;

  constructor(code: ApiConfigErrorCode, message: string) {
    super(message);
    this.name = "ApiConfigError";
    this.code = code;
  }
}

/** Shortens what was received so error messages stay one line. */
export function preview(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The error for a document whose root is not the one a parser reads; an HTML page gets NOT_A_FEED. */
export function wrongRoot(parser: string, expected: string, rootName: string): FeedParseError {
  if (rootName.toLowerCase() === "html") {
    return new FeedParseError("NOT_A_FEED", `${parser}: expected ${expected}, got an HTML page`);
  }
  return new FeedParseError("WRONG_ROOT", `${parser}: expected ${expected} root, got <${rootName}>`);
}
