import {
  getNamedType, getOperationAST, isCompositeType, isLeafType, isObjectType, isInterfaceType, Kind,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLNamedType,
  type GraphQLSchema, type SelectionSetNode,
} from "graphql";

/** Connections, edges and page info only carry what is inside them, as in the estimate. */
const isWrapper = (type: GraphQLNamedType) => /(Connection|Edge)$/.test(type.name) || type.name === "PageInfo";

interface Selected { field: GraphQLField<unknown, unknown>; sets: SelectionSetNode[] }

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Collected fields per selection-set list and type: every item of a list shares them. */
  memo: Map<SelectionSetNode[], Map<string, Map<string, Selected>>>;
}

/** Fields selected on an object, merged by response key (as execution merges them), fragments followed. */
function collect(w: Walk, scope: GraphQLNamedType | undefined, sets: SelectionSetNode[], out: Map<string, Selected>, seen: Set<string>) {
  for (const set of sets) {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        // Introspection answers come from memory, so they cost nothing.
        if (sel.name.value.startsWith("__") || !(isObjectType(scope) || isInterfaceType(scope))) continue;
        const field = scope.getFields()[sel.name.value];
        if (!field) continue;
        const key = sel.alias?.value ?? sel.name.value;
        const entry = out.get(key) ?? { field, sets: [] };
        if (sel.selectionSet) entry.sets.push(sel.selectionSet);
        out.set(key, entry);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const typed = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : scope;
        collect(w, typed, [sel.selectionSet], out, seen);
      } else {
        const frag = w.fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue;
        collect(w, w.schema.getType(frag.typeCondition.name.value), [frag.selectionSet], out, new Set(seen).add(frag.name.value));
      }
    }
  }
}

function fieldsOf(w: Walk, type: GraphQLCompositeType, sets: SelectionSetNode[]): Map<string, Selected> {
  let byType = w.memo.get(sets);
  if (!byType) w.memo.set(sets, (byType = new Map()));
  let fields = byType.get(type.name);
  if (!fields) {
    fields = new Map();
    collect(w, type, sets, fields, new Set());
    byType.set(type.name, fields);
  }
  return fields;
}

function objectCost(w: Walk, value: unknown, type: GraphQLCompositeType, sets: SelectionSetNode[], own: number): number {
  if (value === null || typeof value !== "object") return 0;
  const fields = fieldsOf(w, type, sets);
  let cost = own;
  const obj = value as Record<string, unknown>;
  for (const [key, { field, sets: childSets }] of fields) {
    if (key in obj) cost += valueCost(w, obj[key], field, childSets);
  }
  return cost;
}

function valueCost(w: Walk, value: unknown, field: GraphQLField<unknown, unknown>, sets: SelectionSetNode[]): number {
  if (value == null) return 0;
  const named = getNamedType(field.type);
  if (isLeafType(named)) return typeof field.extensions?.complexity === "number" ? field.extensions.complexity : 0;
  if (!isCompositeType(named)) return 0;
  const own = isWrapper(named) ? 0 : 1;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + objectCost(w, item, named, sets, own), 0);
  return objectCost(w, value, named, sets, own);
}

/**
 * The cost of what a response really holds: 1 per object returned (wrappers excepted), plus the
 * fixed cost of scalars that have one (totalCount, once). Usually below the estimate, which
 * assumes every list full and multiplies everything inside a connection by `first`.
 */
export function actualCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, data: unknown): number {
  const op = getOperationAST(document, operationName ?? undefined);
  const root = op && schema.getRootType(op.operation);
  if (!op || !root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return objectCost({ schema, fragments, memo: new Map() }, data, root, [op.selectionSet], 0);
}
