import {
  getNamedType, getOperationAST, isCompositeType, isLeafType, isObjectType, isInterfaceType, Kind,
  type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLNamedType,
  type GraphQLSchema, type SelectionSetNode,
} from "graphql";

/** Connections, edges and page info only carry what is inside them, as in the estimate. */
const isWrapper = (type: GraphQLNamedType) => /(Connection|Edge)$/.test(type.name) || type.name === "PageInfo";

interface Selected { field: GraphQLField<unknown, unknown>; sets: SelectionSetNode[] }

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Collected fields per selection-set list and type: every item of a list shares them. */
  memo: Map<SelectionSetNode[], Map<string, Costed[]>>;
  /** The one-element root selection-set list of each operation, kept so its plans are found by identity. */
  roots?: Map<OperationDefinitionNode, SelectionSetNode[]>;
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

/** A selected field that can add to the cost: an object or list of objects, or a scalar with a fixed cost. */
interface Costed { key: string; sets: SelectionSetNode[]; type?: GraphQLCompositeType; own: number; fixed: number }

/** The costed fields of a type under these selection sets; free scalars are left out, so the walk skips them. */
function planOf(w: Walk, type: GraphQLCompositeType, sets: SelectionSetNode[]): Costed[] {
  let byType = w.memo.get(sets);
  if (!byType) w.memo.set(sets, (byType = new Map()));
  let plan = byType.get(type.name);
  if (!plan) {
    const fields = new Map<string, Selected>();
    collect(w, type, sets, fields, new Set());
    plan = [];
    for (const [key, { field, sets: childSets }] of fields) {
      const named = getNamedType(field.type);
      if (isLeafType(named)) {
        const fixed = typeof field.extensions?.complexity === "number" ? field.extensions.complexity : 0;
        if (fixed) plan.push({ key, sets: childSets, own: 0, fixed });
      } else if (isCompositeType(named)) {
        plan.push({ key, sets: childSets, type: named, own: isWrapper(named) ? 0 : 1, fixed: 0 });
      }
    }
    byType.set(type.name, plan);
  }
  return plan;
}

function objectCost(w: Walk, value: unknown, type: GraphQLCompositeType, sets: SelectionSetNode[], own: number): number {
  if (value === null || typeof value !== "object") return 0;
  let cost = own;
  const obj = value as Record<string, unknown>;
  for (const c of planOf(w, type, sets)) {
    const v = obj[c.key];
    if (v == null) continue;
    if (!c.type) cost += c.fixed;
    else if (Array.isArray(v)) for (const item of v) cost += objectCost(w, item, c.type, c.sets, c.own);
    else cost += objectCost(w, v, c.type, c.sets, c.own);
  }
  return cost;
}

// Plans depend on the schema and the parsed document only (Apollo and the fast path reuse the object for the same text).
const walks = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Walk>>();

function walkOf(schema: GraphQLSchema, document: DocumentNode): Walk {
  let bySchema = walks.get(schema);
  if (!bySchema) walks.set(schema, (bySchema = new WeakMap()));
  let walk = bySchema.get(document);
  if (!walk) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    bySchema.set(document, (walk = { schema, fragments, memo: new Map() }));
  }
  return walk;
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
  const walk = walkOf(schema, document);
  // The root selection set is wrapped once per operation, so its plan is found again on the next request.
  let rootSets = walk.roots?.get(op);
  if (!rootSets) (walk.roots ??= new Map()).set(op, (rootSets = [op.selectionSet]));
  return objectCost(walk, data, root, rootSets, 0);
}
