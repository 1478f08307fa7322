import { execute, GraphQLObjectType, parse, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { createCache, type Cache } from "../../src/cache";
import { loadConfig } from "../../src/config/config";
import type { Context } from "../../src/graphql/context";
import { RequestCache } from "../../src/graphql/loaders/cached-batch";
import { Loaders } from "../../src/graphql/loaders/loaders";
import { buildKhabarSchema } from "../../src/graphql/schema";
import { wireDirectResolvers } from "../../src/graphql/executor/direct-resolvers";
import { RESOLVERS } from "../../src/graphql/resolvers";
import { SUBSCRIPTION_RESOLVERS } from "../../src/graphql/subscriptions";
import { createLogger } from "../../src/logging";
import { createWorld, type World } from "../relations/world";

let w: World;
let cache: Cache;
const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });
const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString("base64url");

beforeAll(async () => {
  w = await createWorld();
  cache = await createCache(config, createLogger(config));
  const { lavrov, rubio, wang } = w.people;
  const at = (d: string) => `2025-07-${d}T10:00:00Z`;
  await w.ingest({ source: w.sources.wire, path: "/a/1", title: "Ministers meet in Kuala Lumpur", at: at("10"), people: [{ id: lavrov }, { id: rubio }], countries: [{ code: "MY" }, { code: "US" }] });
  await w.ingest({ source: w.sources.daily, path: "/a/2", title: "Lavrov and Wang talk", at: at("11"), people: [{ id: lavrov }, { id: wang }], countries: [{ code: "CN" }] });
  await w.ingest({ source: w.sources.gazette, path: "/a/3", title: "Rubio in Asia", at: at("12"), people: [{ id: rubio }], countries: [{ code: "MY" }] });
});

afterAll(async () => {
  await cache?.close();
  await w?.db.close();
});

function context(): Context {
  return {
    requestId: "direct-resolvers-test",
    config,
    db: w.db.dataSource,
    cache,
    log: createLogger(config),
    loaders: new Loaders(w.db.dataSource, new RequestCache(cache, 60, "off")),
    services: {},
    auth: { role: "admin" },
  } as Context;
}

async function run(schema: GraphQLSchema, query: string, variables: Record<string, unknown>) {
  return JSON.parse(JSON.stringify(await execute({ schema, document: parse(query), contextValue: context(), variableValues: variables })));
}

const QUERIES: [string, string][] = [
  ["front page", `{ articles(first: 10) { totalCount edges { cursor node {
      id title summary language direction publishedAt url canonicalUrl sourceCategory category { id name ar: name(lang: "ar") iptc }
      source { id name url health { consecutiveErrors } } sources { name }
      images { url caption credit } people(first: 5) { id name names { lang value } description country { code } }
      countries { id code name fr: name(lang: "fr") names { lang } } events { id title articleCount participants { count entity { __typename id } } }
      related(first: 3) { id title } seeAlso { url title } duplicates { id } original { id } } }
    pageInfo { hasNextPage endCursor } } }`],
  ["person page", `query($p: ID!) { person(id: $p) { id name ar: name(lang: "ar") aliases country { name } countries { code }
      articles(first: 5) { totalCount nodes { title countries { name } } } } }`],
  ["entity lists and a country", `{ people(first: 5) { nodes { name articles(first: 2) { nodes { title } } } }
      country(code: "MY") { id name articles(first: 3) { nodes { title } } people { name } }
      sources { id name articles(first: 2) { nodes { title } } }
      events(first: 5) { nodes { id title titleIn: title(lang: "en") titles { lang } country { code } people { name } countries { code } articles(first: 2) { nodes { title } } } } }`],
  ["relations", `query($p: ID!, $q: ID!) { coMentions(entity: $p) { count entity { __typename id } articles(first: 2) { title } }
      timeline(entity: $p, interval: DAY) { start count }
      path(from: $p, to: $q) { entities { __typename id } links { from { id } to { id } articles(first: 1) { title } } } }`],
  ["bad input", `{ articles(first: 1) { nodes { countries { name(lang: "not-a-language") } } } }`],
];

describe("direct resolvers", () => {
  it("rewire the per-row fields of the read path", () => {
    const wired = wireDirectResolvers(buildKhabarSchema({ direct: false }), [...RESOLVERS, ...SUBSCRIPTION_RESOLVERS]);
    expect(wired).toEqual(expect.arrayContaining(["Article.id", "Article.people", "Article.countries", "Article.images", "Article.source", "Person.name", "Country.name"]));
  });

  it("leave fields without a resolver method to the default resolver, so compiled queries read them off the row", () => {
    const schema = buildKhabarSchema();
    const storage = getMetadataStorage();
    const wrapped: string[] = [];
    for (const meta of storage.objectTypes) {
      const type = schema.getType(meta.name);
      if (!(type instanceof GraphQLObjectType)) continue;
      const inherited = storage.interfaceTypes.filter((i) => meta.interfaceClasses?.includes(i.target)).flatMap((i) => i.fields ?? []);
      for (const field of [...inherited, ...(meta.fields ?? [])]) {
        const hasMethod = storage.fieldResolvers.some((r) => r.methodName === field.name && [field.target, meta.target].includes(r.getObjectType?.() as Function));
        // A field declared `simple: false` keeps its resolver on purpose (totalCount: a lazy getter's promise).
        if (!hasMethod && field.simple !== false && type.getFields()[field.schemaName]?.resolve) wrapped.push(`${meta.name}.${field.schemaName}`);
      }
    }
    expect(wrapped).toEqual([]);
    expect(schema.getType("Country")).toBeInstanceOf(GraphQLObjectType);
    expect((schema.getType("Article") as GraphQLObjectType).getFields().title.resolve).toBeUndefined();
  });

  it.each(QUERIES)("answer the %s exactly as type-graphql's own resolvers do", async (_name, query) => {
    const variables = { p: gid("Person", w.people.lavrov), q: gid("Person", w.people.wang) };
    const direct = await run(buildKhabarSchema(), query, variables);
    const wrapped = await run(buildKhabarSchema({ direct: false }), query, variables);
    expect(direct).toEqual(wrapped);
    expect(JSON.stringify(direct).length).toBeGreaterThan(100);
  });
});
