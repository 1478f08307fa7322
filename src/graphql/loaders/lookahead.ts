import { Kind, type FieldNode, type ValueNode } from "graphql";
import { subfields, type SelectionInfo } from "./selection";

/** A resolver's info with the request's variables, as graphql-js and graphql-jit both give it. */
export type AheadInfo = SelectionInfo & { variableValues?: Record<string, unknown> };

/** `first` undefined: the argument's default, applied where every page's arguments are checked. */
export interface PageArgsAhead { first?: number; after?: string }

export interface ArticlesAhead {
  /** The `articles` field as its own resolver will see it (the same nodes, so the same columns). */
  info: SelectionInfo;
  /** Its `first` and `after` with the request's variables; undefined when they are not plain values. */
  args(variables: Record<string, unknown> | undefined): PageArgsAhead | undefined;
}

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
      const n = first && valueOf(first, variables);
      const cursor = after && valueOf(after, variables);
      if (n !== undefined && !Number.isInteger(n)) return undefined;
      if (cursor != null && typeof cursor !== "string") return undefined;
      return { first: n as number | undefined, after: cursor ?? undefined };
    },
  };
}

/** A literal's or a variable's value (undefined for a variable not given); validation left no other kinds here. */
function valueOf(value: ValueNode, variables: Record<string, unknown> | undefined): unknown {
  switch (value.kind) {
    case Kind.INT:
      return Number(value.value);
    case Kind.STRING:
      return value.value;
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      return variables?.[value.name.value];
    default:
      return undefined;
  }
}
