import { Kind, type FieldNode, type ValueNode } from "graphql";
import { subfields, type SelectionInfo } from "./selection";

/** A resolver's info with the request's variables, as graphql-js and graphql-jit both give it. */
export type AheadInfo = SelectionInfo & { variableValues?: Record<string, unknown> };

export interface PageArgsAhead { first: number; after?: string }

export interface ArticlesAhead {
  /** The `articles` field as its own resolver will see it (the same nodes, so the same columns). */
  info: SelectionInfo;
  /** Its `first` and `after` with the request's variables; undefined when they are not plain values. */
  args(variables: Record<string, unknown> | undefined): PageArgsAhead | undefined;
}

// The default of PageArgs.first.
const DEFAULT_FIRST = 20;

const known = new WeakMap<readonly FieldNode[], { value?: ArticlesAhead }>();

/**
 * The `articles` page selected under an object field, when it can be fetched together with the
 * object: selected once, without directives or a filter. Remembered per field, like column picks.
 */
export function articlesAhead(info: SelectionInfo): ArticlesAhead | undefined {
  let entry = known.get(info.fieldNodes);
  if (!entry) known.set(info.fieldNodes, (entry = { value: find(info) }));
  return entry.value;
}

function find(info: SelectionInfo): ArticlesAhead | undefined {
  const nodes = subfields(info.fieldNodes, info.fragments).get("articles");
  if (nodes?.length !== 1) return undefined;
  const [node] = nodes;
  if (node.directives?.length) return undefined;
  const args = node.arguments ?? [];
  if (args.some((a) => a.name.value !== "first" && a.name.value !== "after")) return undefined;
  const first = args.find((a) => a.name.value === "first")?.value;
  const after = args.find((a) => a.name.value === "after")?.value;
  return {
    info: { fieldNodes: nodes, fragments: info.fragments },
    args(variables) {
      // A variable left out leaves the argument to its default, as GraphQL does.
      const n = first === undefined ? DEFAULT_FIRST : valueOf(first, variables, DEFAULT_FIRST);
      const cursor = after === undefined ? undefined : valueOf(after, variables, undefined);
      if (typeof n !== "number" || !Number.isInteger(n)) return undefined;
      if (cursor != null && typeof cursor !== "string") return undefined;
      return { first: n, after: cursor ?? undefined };
    },
  };
}

/** A literal's or a variable's value (`missing` for a variable not given); undefined for any other kind of value. */
function valueOf(value: ValueNode, variables: Record<string, unknown> | undefined, missing: unknown): unknown {
  switch (value.kind) {
    case Kind.INT:
      return Number(value.value);
    case Kind.STRING:
      return value.value;
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      return variables && value.name.value in variables ? variables[value.name.value] : missing;
    default:
      return undefined;
  }
}
