import type { GraphQLFormattedError } from "graphql";
import { GraphQLError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "pino";
import { requestIdOf } from "./request-id";
import { shapeLimitOf } from "./shape-rules";

/** Codes a client may see as they are; anything else is an internal error and stays in the log. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "RATE_LIMITED", "QUERY_TOO_COMPLEX", "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Client errors pass as they are; anything else becomes INTERNAL_SERVER_ERROR with no message,
 * stack or SQL (unless `exposeDetails`). Every error carries the request id, to match the logs.
 */
export function formatError(log: Logger, exposeDetails: boolean, formatted: GraphQLFormattedError, error: unknown, requestId: string | undefined): GraphQLFormattedError {
  // Depth, alias, directive and token limits answer like the cost limit: make the query smaller.
  const limit = shapeLimitOf(formatted);
  if (limit) return { ...formatted, extensions: { ...formatted.extensions, code: "QUERY_TOO_COMPLEX", limit, requestId } };
  const original = unwrapResolverError(error);
  // type-graphql's @Authorized says UNAUTHORIZED when the role is too low; our code for that is FORBIDDEN.
  if (formatted.extensions?.code === "UNAUTHORIZED" && original instanceof GraphQLError) {
    return { ...formatted, extensions: { ...formatted.extensions, code: "FORBIDDEN", requestId } };
  }
  // Apollo's own request errors ("provided sha does not match query") carry a 4xx status but no code.
  const status = original instanceof GraphQLError ? (original.extensions?.http as { status?: number } | undefined)?.status : undefined;
  if (status && status >= 400 && status < 500 && (!formatted.extensions?.code || formatted.extensions.code === "INTERNAL_SERVER_ERROR")) {
    return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_REQUEST", requestId } };
  }
  const code = formatted.extensions?.code as string | undefined;
  const isClientError = code !== undefined && CLIENT_CODES.has(code) && (original instanceof GraphQLError || original === error);
  if (isClientError) return { ...formatted, extensions: { ...formatted.extensions, requestId } };
  log.error({ err: original, path: formatted.path, requestId }, "graphql: internal error");
  if (exposeDetails) return { ...formatted, extensions: { ...formatted.extensions, code: "INTERNAL_SERVER_ERROR", requestId } };
  return { message: "Internal server error", path: formatted.path, locations: formatted.locations, extensions: { code: "INTERNAL_SERVER_ERROR", requestId } };
}

/** Apollo's formatError: the request id is the one requestIdPlugin tagged the error with. */
export function formatErrorFor(log: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown) => formatError(log, exposeDetails, formatted, error, requestIdOf(error));
}
