import type { ApolloServerPlugin } from "@apollo/server";
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import type { CompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";
import type { Config } from "../../config/config";
import type { JitExecutor } from "../executor/jit.executor";
import { introspects } from "../plugins/access.plugin";

/** A query operation Apollo has parsed, validated and answered without errors, and jit has compiled. */
export interface Prepared {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The operation's own name (the request may leave it out when the document holds one operation). */
  operationName: string | undefined;
  compiled: CompiledQuery;
}

/** Prepared operations by document text and operation name, as a client sends them. */
export class PreparedOperations {
  private readonly lru: LRUCache<string, Prepared>;

  constructor(max: number) {
    this.lru = new LRUCache({ max });
  }

  private static key(query: string, operationName: string | undefined): string {
    return `${operationName ?? ""}\n${query}`;
  }

  get(query: string, operationName: string | undefined): Prepared | undefined {
    return this.lru.get(PreparedOperations.key(query, operationName));
  }

  add(query: string, requestedName: string | undefined, prepared: Prepared): void {
    this.lru.set(PreparedOperations.key(query, requestedName), prepared);
  }
}

/**
 * Learns operations for the fast path from Apollo's own answers: only a query that passed every
 * check here (parsing, validation and shape limits, cost, access) and answered without errors,
 * and never an introspection query, whose access depends on the role. With a gateway-wide
 * safelist nothing is learnt: the fast path would have to check registrations itself.
 */
export function preparedOperationsPlugin(prepared: PreparedOperations, jit: JitExecutor, config: Pick<Config, "safelist">): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, document, operation, operationName, queryHash, schema, response }) {
          if (config.safelist === "enforce" || !request.query || !document || !operation || !queryHash) return;
          if (operation.operation !== "query" || response.body.kind !== "single") return;
          const { errors, data } = response.body.singleResult;
          if (errors?.length || !data || introspects(schema as GraphQLSchema, document)) return;
          const requested = request.operationName ?? undefined;
          if (prepared.get(request.query, requested)) return;
          const name = operationName ?? undefined;
          const compiled = jit.compiledFor(queryHash, name);
          if (compiled) prepared.add(request.query, requested, { document, operation, operationName: name, compiled });
        },
      };
    },
  };
}
