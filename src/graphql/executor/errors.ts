import { GraphQLError } from "graphql";

/**
 * graphql-jit's errors only borrow GraphQLError's prototype: `extensions` may be undefined, which
 * Apollo's error formatting does not survive. They are rebuilt as graphql-js's `locatedError` would.
 */
export function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error.constructor === GraphQLError) return error;
  const original = error.originalError;
  // graphql-js passes an error that already knows its path through untouched.
  if (original instanceof GraphQLError && original.constructor === GraphQLError && Array.isArray(original.path)) return original;
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: original ?? undefined });
  // jit knows the locations but not the AST nodes they come from.
  if (error.locations?.length) (rebuilt as { locations?: unknown }).locations = error.locations;
  return rebuilt;
}
