import type { ApolloServerPlugin } from "@apollo/server";
import { getNamedType, GraphQLError, isCompositeType } from "graphql";
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { badInput } from "../errors";

/**
 * `first` is range-checked here, while the cost is computed, so an out-of-range page size anywhere
 * in the query fails before any resolver (and so any SQL) runs.
 */
function firstArgumentGuard(maxFirst: number): ComplexityEstimator {
  return ({ args, field }) => {
    const first = args.first;
    if (first !== undefined && (typeof first !== "number" || !Number.isInteger(first) || first < 1 || first > maxFirst)) {
      throw badInput(`${field.name}.first`, `must be between 1 and ${maxFirst}, got ${first}`);
    }
    return undefined;
  };
}

/** Scalars are free; an object costs 1 plus what is selected inside it. */
const objectEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  isCompositeType(getNamedType(field.type)) ? 1 + childComplexity : 0;

export interface LimitsOptions { maxCost: number; maxFirst: number }

/** Rejects queries over the cost limit after parsing and validation, before execution. */
export function limitsPlugin(opts: LimitsOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: operationName ?? undefined,
            estimators: [firstArgumentGuard(opts.maxFirst), fieldExtensionsEstimator(), objectEstimator],
          });
          if (cost > opts.maxCost) {
            throw new GraphQLError(`Query is too complex: cost ${cost} exceeds the maximum of ${opts.maxCost}. Ask for fewer items (first) or fewer nested lists.`, {
              extensions: { code: "QUERY_TOO_COMPLEX", cost, maxCost: opts.maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
