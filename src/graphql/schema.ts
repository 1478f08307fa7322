import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { RESOLVERS } from "./resolvers";

let built: GraphQLSchema | undefined;

/** The executable schema; built once per process (type-graphql metadata is global). */
export function buildKhabarSchema(): GraphQLSchema {
  built ??= buildSchemaSync({ resolvers: [...RESOLVERS], validate: false });
  return built;
}

/** The SDL committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printKhabarSchema(): string {
  return printSchema(lexicographicSortSchema(buildKhabarSchema())) + "\n";
}
