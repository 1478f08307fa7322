import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";

/** What a resolver knows of its own field: graphql-js and graphql-jit both hand these over in `info`. */
export interface SelectionInfo {
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
}

/** A field's sub-selections by field name (aliases and fragments merged); names starting "__" are left out. */
export type Selection = Map<string, FieldNode[]>;

function collect(sets: readonly SelectionSetNode[], fragments: SelectionInfo["fragments"], out: Selection, seen: Set<string>): void {
  for (const set of sets) {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith("__")) continue;
        const list = out.get(name);
        if (list) list.push(sel);
        else out.set(name, [sel]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        collect([sel.selectionSet], fragments, out, seen);
      } else if (!seen.has(sel.name.value)) {
        const frag = fragments[sel.name.value];
        seen.add(sel.name.value);
        if (frag) collect([frag.selectionSet], fragments, out, seen);
      }
    }
  }
}

/**
 * The fields selected under these nodes, whatever the type conditions and directives say: a
 * superset of what execution will ask for, which is all a column list needs.
 */
export function subfields(nodes: readonly FieldNode[], fragments: SelectionInfo["fragments"]): Selection {
  const out: Selection = new Map();
  collect(nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])), fragments, out, new Set());
  return out;
}

/** The node fields of a connection field: `edges { node { … } }` and `nodes { … }` merged. */
export function connectionNodeFields(info: SelectionInfo): Selection {
  const top = subfields(info.fieldNodes, info.fragments);
  const edges = subfields(top.get("edges") ?? [], info.fragments);
  return subfields([...(edges.get("node") ?? []), ...(top.get("nodes") ?? [])], info.fragments);
}

/** The fields selected on the objects a list or object field returns. */
export function objectFields(info: SelectionInfo): Selection {
  return subfields(info.fieldNodes, info.fragments);
}
