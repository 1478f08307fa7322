import { GraphQLObjectType, GraphQLScalarType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

type Storage = ReturnType<typeof getMetadataStorage>;
type FieldResolverMeta = Storage["fieldResolvers"][number];
type ParamMeta = NonNullable<FieldResolverMeta["params"]>[number];
type Read = (root: Record<string, unknown>, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

const SIMPLE = new Set<unknown>([String, Number, Boolean]);

/**
 * How a parameter is read from (root, args, context, info) when type-graphql would hand it over
 * unchanged; undefined when it converts or validates it (input classes, typed roots, validators).
 */
function reader(p: ParamMeta): Read | undefined {
  switch (p.kind) {
    case "root": {
      if (p.getType && p.getType() !== Object) return undefined;
      const prop = p.propertyName;
      return prop ? (root) => root[prop] : (root) => root;
    }
    case "context": {
      const prop = p.propertyName;
      return prop ? (_r, _a, context) => (context as Record<string, unknown>)[prop] : (_r, _a, context) => context;
    }
    case "info":
      return (_r, _a, _c, info) => info;
    case "arg": {
      if (p.validateFn || p.validateSettings) return undefined;
      const type = p.getType();
      // Scalars and enums pass through type-graphql's conversion as they are.
      if (!SIMPLE.has(type) && !(type instanceof GraphQLScalarType) && typeof type === "function") return undefined;
      const name = p.name;
      return (_r, args) => args[name];
    }
    default:
      return undefined;
  }
}

function directResolver(fr: FieldResolverMeta, instance: Record<string, (...a: unknown[]) => unknown>): GraphQLFieldResolver<unknown, unknown> | undefined {
  const params = [...(fr.params ?? [])].sort((a, b) => a.index - b.index);
  const reads = params.map(reader);
  if (reads.some((r) => !r)) return undefined;
  const method = instance[fr.methodName];
  const all = reads as Read[];
  return (root, args, context, info) => {
    const values = new Array<unknown>(all.length);
    for (let i = 0; i < all.length; i++) values[i] = all[i](root as Record<string, unknown>, args, context, info);
    return method.apply(instance, values);
  };
}

/**
 * Calls resolver methods straight from the fields they resolve. type-graphql wraps each call in
 * parameter sorting, argument conversion and an async validation step even with validation off:
 * one promise per field per row, ~10% of a front page's CPU. Only fields whose parameters it would
 * pass through unchanged, with no middleware or roles, are rewired; the rest keep its resolver.
 * Returns the coordinates ("Type.field") it rewired.
 */
export function wireDirectResolvers(schema: GraphQLSchema, resolverClasses: readonly Function[]): string[] {
  const storage = getMetadataStorage();
  const classes = new Set(resolverClasses);
  const typeOf = new Map(storage.objectTypes.map((o) => [o.target, o]));
  const instances = new Map<Function, Record<string, (...a: unknown[]) => unknown>>();
  const done = new Set<string>();
  const wired: string[] = [];
  for (const fr of storage.fieldResolvers) {
    if (fr.kind !== "internal" && !classes.has(fr.target)) continue;
    const meta = typeOf.get(fr.getObjectType?.() ?? fr.target);
    const fieldMeta = meta?.fields?.find((f) => f.name === fr.methodName);
    const type = meta && schema.getType(meta.name);
    // type-graphql uses the first resolver found for a field; so does this.
    const key = `${meta?.name}.${fieldMeta?.schemaName}`;
    if (!fieldMeta || !(type instanceof GraphQLObjectType) || done.has(key)) continue;
    done.add(key);
    if (fr.kind !== "external" || fr.middlewares?.length || fr.roles || fieldMeta.middlewares?.length || fieldMeta.roles) continue;
    const field = type.getFields()[fieldMeta.schemaName];
    if (!field?.resolve) continue;
    let instance = instances.get(fr.target);
    if (!instance) instances.set(fr.target, (instance = new (fr.target as new () => Record<string, (...a: unknown[]) => unknown>)()));
    const resolve = directResolver(fr, instance);
    if (!resolve) continue;
    field.resolve = resolve;
    wired.push(key);
  }
  return wired;
}
