import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from "graphql";
import type { Config } from "../../config/config";

export type ShapeLimit = "depth" | "aliases" | "directives" | "tokens";

type ShapeConfig = Pick<Config, "maxDepth" | "maxAliases" | "maxDirectives" | "maxTokens">;

const WORDING: Record<Exclude<ShapeLimit, "tokens">, (found: string, max: number) => string> = {
  depth: (found, max) => `Query is too deep: depth ${found} exceeds maximum operation depth of ${max}.`,
  aliases: (found, max) => `Query uses too many aliases: ${found}, the maximum is ${max}.`,
  directives: (found, max) => `Query uses too many directives: ${found}, the maximum is ${max}.`,
};

/**
 * graphql-armor throws "Syntax Error: … limit of N exceeded, found M."; this reports it through
 * the validation context instead (so other rules still run) with a plain message and `limit`.
 */
function reporter(limit: Exclude<ShapeLimit, "tokens">, max: number) {
  return (ctx: ValidationContext | null, err: GraphQLError) => {
    const found = /found (\d+)/.exec(err.message)?.[1] ?? `more than ${max}`;
    ctx?.reportError(new GraphQLError(WORDING[limit](found, max), { extensions: { limit, max } }));
  };
}

/**
 * Depth, aliases and directives are counted through fragments (graphql-armor follows spreads and
 * stops on cycles, which graphql-js then reports); introspection's `__schema` is exempt from depth
 * because graphql-js bounds it separately (MaxIntrospectionDepthRule).
 */
export function shapeRules(c: ShapeConfig): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({ ...common, n: c.maxDepth, ignoreIntrospection: true, flattenFragments: true, onReject: [reporter("depth", c.maxDepth)] }),
    maxAliasesRule({ ...common, n: c.maxAliases, onReject: [reporter("aliases", c.maxAliases)] }),
    maxDirectivesRule({ ...common, n: c.maxDirectives, onReject: [reporter("directives", c.maxDirectives)] }),
  ] as ValidationRule[];
}

/** graphql-js stops parsing after this many tokens, so an oversized document costs almost nothing. */
export function parseOptions(c: ShapeConfig): ParseOptions {
  return { maxTokens: c.maxTokens, noLocation: false };
}

/** The shape limit a formatted error is about, if any (token overflow is graphql-js's own parse error). */
export function shapeLimitOf(error: { message: string; extensions?: Record<string, unknown> }): ShapeLimit | undefined {
  const limit = error.extensions?.limit;
  if (limit === "depth" || limit === "aliases" || limit === "directives") return limit;
  if (error.extensions?.code === "GRAPHQL_PARSE_FAILED" && /Document contains more tha[nt] \d+ tokens/.test(error.message)) return "tokens";
  return undefined;
}
