import type { GraphQLSchema } from "graphql";
import type { Gateway, GatewayExecutor } from "./gateway.types";

/**
 * A "gateway" over one fixed local schema: Apollo Server's only way to run operations through an
 * executor of our own. The schema never changes, so it is announced once and there is nothing to stop.
 */
export function schemaGateway(schema: GraphQLSchema, executor: GatewayExecutor): Gateway {
  return {
    onSchemaLoadOrUpdate(callback) {
      // Apollo reads the SDL only for usage reporting, which is off here.
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
