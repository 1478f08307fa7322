import { buildSubgraphSchema } from "@apollo/subgraph";
import {
  isInterfaceType, isObjectType, Kind, parse, printSchema, visit,
  type ConstDirectiveNode, type DocumentNode, type GraphQLField, type GraphQLSchema,
} from "graphql";
import { createResolversMap } from "type-graphql";
import type { Context } from "../graphql/context";
import { fromGlobalId } from "../graphql/global-id";
import { buildKhabarSchema } from "../graphql/schema";
import { validCountryCode } from "../graphql/validate";

/** The entities other subgraphs may extend or reference, and their keys. */
export const ENTITY_KEYS: Record<string, string[]> = { Article: ["id"], Person: ["id"], Event: ["id"], Country: ["id", "code"] };

/** Value types another subgraph may well define too. */
const SHAREABLE = new Set(["PageInfo"]);

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])`;

function directive(name: string, fields?: string): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: fields === undefined ? [] : [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "fields" }, value: { kind: Kind.STRING, value: fields } }],
  };
}

/**
 * Our SDL with Federation 2 directives added, so entity types need no federation decorators.
 * Subscriptions stay out: a router would have to reach this subgraph over WebSocket for them.
 */
export function subgraphTypeDefs(base: GraphQLSchema): DocumentNode {
  const doc = visit(parse(printSchema(base)), {
    ObjectTypeDefinition(node) {
      if (node.name.value === "Subscription") return null;
      const extra = [...(ENTITY_KEYS[node.name.value] ?? []).map((k) => directive("key", k)), ...(SHAREABLE.has(node.name.value) ? [directive("shareable")] : [])];
      return extra.length ? { ...node, directives: [...(node.directives ?? []), ...extra] } : undefined;
    },
    SchemaDefinition(node) {
      const operationTypes = node.operationTypes.filter((t) => t.operation !== "subscription");
      return { ...node, operationTypes };
    },
  });
  return { kind: Kind.DOCUMENT, definitions: [...parse(FEDERATION_LINK).definitions, ...doc.definitions] };
}

type Reference = { id?: string; code?: string };

/** `_entities` resolves each representation through the request's batched loaders. */
const REFERENCE_RESOLVERS: Record<string, (ref: Reference, ctx: Context) => Promise<unknown> | null> = {
  Article: (ref, ctx) => ctx.loaders.article.load(Number(numericKey(ref, "Article"))),
  Person: (ref, ctx) => ctx.loaders.person.load(Number(numericKey(ref, "Person"))),
  Event: (ref, ctx) => ctx.loaders.event.load(Number(numericKey(ref, "Event"))),
  Country: (ref, ctx) => ctx.loaders.country.load(validCountryCode(ref.code ?? numericKey(ref, "Country"), "representations.code")),
};

function numericKey(ref: Reference, type: string): string {
  const decoded = fromGlobalId(String(ref.id ?? ""), "representations.id");
  if (decoded.type !== type) throw new Error(`federation: a ${type} representation carries a ${decoded.type} id`);
  return decoded.key;
}

/** graphql-query-complexity reads `complexity` from field extensions, which rebuilding from SDL drops. */
function copyComplexity(from: GraphQLSchema, to: GraphQLSchema) {
  for (const [name, type] of Object.entries(to.getTypeMap())) {
    const source = from.getType(name);
    if (!(isObjectType(type) || isInterfaceType(type)) || !(isObjectType(source) || isInterfaceType(source))) continue;
    const sourceFields = source.getFields();
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      const complexity = sourceFields[fieldName]?.extensions?.complexity;
      if (complexity !== undefined) (field as { extensions: GraphQLField<unknown, unknown>["extensions"] }).extensions = { ...field.extensions, complexity };
    }
  }
}

let built: GraphQLSchema | undefined;

/** The Federation 2 subgraph schema: ours plus `_entities`, `_service` and `@key` on the entities. */
export function buildKhabarSubgraphSchema(): GraphQLSchema {
  if (built) return built;
  const base = buildKhabarSchema();
  const resolvers = createResolversMap(base) as Record<string, object>;
  for (const [type, resolve] of Object.entries(REFERENCE_RESOLVERS)) resolvers[type] = { ...resolvers[type], __resolveReference: resolve };
  delete resolvers.Subscription;
  // Resolver maps are loosely typed on both sides (type-graphql's and @apollo/subgraph's).
  built = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(base), resolvers: resolvers as never }]);
  copyComplexity(base, built);
  return built;
}
