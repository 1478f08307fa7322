import { getNamedType, isCompositeType, type DocumentNode, type GraphQLSchema } from "graphql";
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

/** Federation's `_entities` resolves one object per representation, like a page of that size. */
const entitiesEstimator: ComplexityEstimator = ({ field, args, childComplexity }) =>
  field.name === "_entities" && Array.isArray(args.representations) ? args.representations.length * Math.max(1, childComplexity) : undefined;

/** Scalars are free; an object costs 1 plus what is selected inside it. */
const objectEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  isCompositeType(getNamedType(field.type)) ? 1 + childComplexity : 0;

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  maxFirst: number;
}

/** Estimates remembered per schema and parsed document (Apollo reuses the object for the same text). */
const estimates = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
/** Variable sets remembered per document, and the longest one worth a key. */
const PER_DOCUMENT = 32;
const MAX_KEY_LENGTH = 2048;

function estimatesOf(schema: GraphQLSchema, document: DocumentNode): Map<string, number> {
  let bySchema = estimates.get(schema);
  if (!bySchema) estimates.set(schema, (bySchema = new WeakMap()));
  let byKey = bySchema.get(document);
  if (!byKey) bySchema.set(document, (byKey = new Map()));
  return byKey;
}

/**
 * The requested cost: every list at its full `first`, every object counted (see docs/integrators.md).
 * The same operation with the same variables costs the same, so repeats skip the walk.
 */
export function estimateCost(input: CostInput): number {
  const key = `${input.operationName ?? ""}\n${input.maxFirst}\n${JSON.stringify(input.variables ?? {})}`;
  if (key.length > MAX_KEY_LENGTH) return computeCost(input);
  const known = estimatesOf(input.schema, input.document);
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  // Refusals (a bad `first`) throw and are not remembered.
  const cost = computeCost(input);
  if (known.size >= PER_DOCUMENT) known.clear();
  known.set(key, cost);
  return cost;
}

function computeCost({ schema, document, operationName, variables, maxFirst }: CostInput): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [firstArgumentGuard(maxFirst), entitiesEstimator, fieldExtensionsEstimator(), objectEstimator],
  });
}
