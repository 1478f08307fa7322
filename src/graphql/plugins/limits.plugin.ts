import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import type { BucketState, Buckets } from "../../auth/bucket";
import type { Budget } from "../../auth/budget";
import { actualCost } from "./actual-cost";
import { estimateCost } from "./cost";
import { costReport, rateLimitedError, rateLimitHeaders, type CostReport } from "./rate-limit";

/** Set on the context once the cost is known, read when the response is sent (and by the response cache). */
export interface CostState {
  requested: number;
  /** Points taken from the bucket up front. */
  charged: number;
  actual?: number;
  /** The up-front charge, while Redis answers: another plugin may refuse the operation meanwhile. */
  charging?: Promise<BucketState>;
  state?: BucketState;
  /** Settles with what `extensions.cost` says, once the refund is done. */
  reported?: Promise<CostReport>;
}

export interface LimitsContext {
  budget: Budget;
  cost?: CostState;
}

export interface LimitsOptions {
  maxFirst: number;
  /** Absent when rate limiting is off: costs are still computed, capped and reported. */
  buckets?: Buckets;
}

/** Every request costs at least one point, so floods of cheap or rejected queries still count. */
export const MIN_CHARGE = 1;

/** What a request pays in the end: what its response held, never more than it asked for, at least the minimum. */
export const finalCharge = (requested: number, actual: number) => Math.max(MIN_CHARGE, Math.min(actual, requested));

/**
 * The cost of an operation depends on its variables, so they are coerced first: a wrong type or a
 * missing required value is the client's error, named with every problem, not a failed estimate.
 */
export function checkVariables(schema: GraphQLSchema, operation: OperationDefinitionNode | null | undefined, variables: Record<string, unknown> | undefined): void {
  if (!operation?.variableDefinitions?.length) return;
  const { errors } = getVariableValues(schema, operation.variableDefinitions, variables ?? {}, { maxErrors: 10 });
  if (!errors?.length) return;
  throw new GraphQLError(errors.map((e) => e.message).join(" "), {
    nodes: errors[0].nodes,
    extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
  });
}

function tooComplex(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(`Query is too complex: cost ${cost} exceeds the maximum of ${maxCost}. Ask for fewer items (first) or fewer nested lists.`, {
    extensions: { code: "QUERY_TOO_COMPLEX", limit: "cost", cost, maxCost, http: { status: 400 } },
  });
}

/**
 * After parsing and validation, before execution: computes the requested cost, refuses it over the
 * client's maximum, and charges the client's bucket. After execution: refunds what the response did
 * not use, and reports cost and bucket in `extensions.cost` and RateLimit-* headers.
 */
export function limitsPlugin(opts: LimitsOptions): ApolloServerPlugin<LimitsContext> {
  const { buckets } = opts;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName, contextValue, operation }) {
          if (operation?.operation === "subscription") {
            throw new GraphQLError("Subscriptions are served over WebSocket (graphql-ws protocol) at /graphql, not over HTTP.", {
              extensions: { code: "BAD_REQUEST", http: { status: 400 } },
            });
          }
          checkVariables(schema, operation, request.variables);
          const requested = estimateCost({ schema, document, operationName, variables: request.variables, maxFirst: opts.maxFirst });
          const { budget } = contextValue;
          if (requested > budget.maxCost) throw tooComplex(requested, budget.maxCost);
          const cost: CostState = { requested, charged: Math.max(MIN_CHARGE, requested) };
          // Recorded before the await, so a response sent early (another plugin refused) still settles the charge.
          contextValue.cost = cost;
          cost.charging = buckets?.take(budget.bucketKey, cost.charged, budget.policy);
          const state = await cost.charging;
          if (state && !state.allowed) throw rateLimitedError(requested, budget, state);
        },

        async willSendResponse({ contextValue, response, document, operationName, schema }) {
          const { budget } = contextValue;
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          const cost = (contextValue.cost ??= { requested: 0, charged: 0 });
          const actual = body?.data && document ? actualCost(schema, document, operationName, body.data) : 0;
          cost.actual = actual;
          // Assigned before any await: the response cache (the next plugin) waits on it to store the entry.
          cost.reported = (async () => {
            if (cost.charging) cost.state = await cost.charging;
            // A refused charge took nothing.
            if (cost.state && !cost.state.allowed) cost.charged = 0;
            if (buckets) {
              const refund = cost.charged - finalCharge(cost.requested, actual);
              if (cost.charged === 0 && !cost.state) cost.state = await buckets.take(budget.bucketKey, MIN_CHARGE, budget.policy);
              else if (refund > 0 && cost.state) cost.state = await buckets.refundBatched(budget.bucketKey, refund, budget.policy, cost.state);
              if (cost.state) for (const [name, value] of rateLimitHeaders(budget, cost.state)) response.http.headers.set(name, value);
            }
            const report = costReport(cost.requested, actual, budget, cost.state);
            if (body) body.extensions = { ...body.extensions, cost: report };
            return report;
          })();
          await cost.reported;
        },
      };
    },
  };
}
