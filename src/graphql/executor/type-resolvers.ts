import { isAbstractType, type GraphQLSchema, type GraphQLTypeResolver } from "graphql";

const answered = new WeakSet<GraphQLTypeResolver<unknown, unknown>>();

/**
 * graphql-jit needs `resolveType` to answer synchronously, while type-graphql wraps every
 * `resolveType` in an async function. Our values carry `__typename` (rows are selected with it and
 * our resolveTypes return exactly that), so interfaces and unions answer with it at once and ask the
 * original only when it is missing. Changes the schema in place; calling it again does nothing.
 */
export function answerTypesSynchronously(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type) || !type.resolveType || answered.has(type.resolveType)) continue;
    const original = type.resolveType;
    const resolveType: GraphQLTypeResolver<unknown, unknown> = (value, context, info, abstract) => {
      const name = (value as { __typename?: unknown } | null)?.__typename;
      return typeof name === "string" ? name : original(value, context, info, abstract);
    };
    answered.add(resolveType);
    type.resolveType = resolveType;
  }
}
