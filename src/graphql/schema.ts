import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchemaSync, type AuthChecker } from "type-graphql";
import { hasRole } from "../auth/roles";
import type { Context } from "./context";
import { wireDirectResolvers } from "./executor/direct-resolvers";
import { RESOLVERS } from "./resolvers";
import { SUBSCRIPTION_RESOLVERS, unusedPubSub } from "./subscriptions";

let built: GraphQLSchema | undefined;

/** `@Authorized("admin")` passes for that role and every role above it. */
const authChecker: AuthChecker<Context> = ({ context }, roles) => hasRole(context.auth, roles);

/**
 * The executable schema, built once per process (type-graphql metadata is global), with resolvers
 * called directly where type-graphql would pass their parameters through unchanged;
 * `direct: false` builds a fresh schema with type-graphql's own resolvers, for comparison.
 */
export function buildKhabarSchema(options: { direct?: boolean } = {}): GraphQLSchema {
  const direct = options.direct ?? true;
  if (!direct) return buildTypeGraphqlSchema();
  if (!built) {
    built = buildTypeGraphqlSchema();
    wireDirectResolvers(built, [...RESOLVERS, ...SUBSCRIPTION_RESOLVERS]);
  }
  return built;
}

const buildTypeGraphqlSchema = () =>
  buildSchemaSync({ resolvers: [...RESOLVERS, ...SUBSCRIPTION_RESOLVERS], validate: false, authChecker, authMode: "error", pubSub: unusedPubSub });

/** The SDL committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printKhabarSchema(): string {
  return printSchema(lexicographicSortSchema(buildKhabarSchema())) + "\n";
}
