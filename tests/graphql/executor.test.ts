import { execute, GraphQLObjectType, GraphQLSchema, GraphQLString, Kind, parse, type DocumentNode } from "graphql";
import { createJitExecutor } from "../../src/graphql/executor/jit.executor";
import type { GatewayRequestContext } from "../../src/graphql/executor/gateway.types";
import { createTestDatabase, failingReads, type TestDatabase } from "../support/db";
import { startTestApp, type GqlResponse, type TestApp } from "../support/app";
import { addArticle, addPerson, addSource } from "../support/seed";

let db: TestDatabase;
let jit: TestApp;
let interpreted: TestApp;
const ids: Record<string, number> = {};
const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString("base64url");

beforeAll(async () => {
  db = await createTestDatabase();
  const ds = db.dataSource;
  ids.source = await addSource(ds, "Wire");
  ids.lavrov = await addPerson(ds, { en: "Sergei Lavrov", ar: "سيرغي لافروف" }, { country: "RU" });
  ids.article = await addArticle(ds, {
    sourceId: ids.source, title: "Lavrov meets Rubio", summary: "A meeting in Kuala Lumpur.",
    publishedAt: new Date("2025-07-11T10:00:00.123Z"), updatedAt: new Date("2025-07-11T12:30:00Z"),
    people: [{ personId: ids.lavrov, count: 2, salience: 0.9, firstOffset: 0 }],
    countries: [{ code: "RU", count: 1, salience: 0.5, firstOffset: 0 }],
    images: [{ url: "https://img.example/1.jpg", alt: "Lavrov", caption: "Lavrov speaks", credit: "Wire" }],
  });
  await addArticle(ds, { sourceId: ids.source, title: "Markets steady", publishedAt: new Date("2025-07-09T08:00:00Z") });
  // The response cache would answer the second server from the first one's entries.
  jit = await startTestApp(ds, { EXECUTOR: "jit", RESPONSE_CACHE: "false" });
  interpreted = await startTestApp(ds, { EXECUTOR: "graphql-js", RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await jit?.close();
  await interpreted?.close();
  await db?.close();
});

/** Request ids differ per request by design; everything else must match. */
function comparable(res: GqlResponse) {
  const errors = res.body.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } }));
  return { status: res.status, data: res.body.data, errors };
}

async function both(query: string, variables?: Record<string, unknown>) {
  const a = await jit.gql(query, variables);
  const b = await interpreted.gql(query, variables);
  return { jit: comparable(a), interpreted: comparable(b) };
}

const FRONT_PAGE = `query FrontPage($first: Int!) {
  articles(first: $first) {
    totalCount
    edges { cursor node {
      id title summary publishedAt updatedAt language direction
      source { id name }
      images { url caption credit }
      people(first: 5) { id name }
      countries { code name }
    } }
    pageInfo { endCursor hasNextPage }
  }
}`;

describe("EXECUTOR=jit against graphql-js", () => {
  it("answers the front page identically, ids and date-times included", async () => {
    const r = await both(FRONT_PAGE, { first: 10 });
    expect(r.jit.errors).toBeUndefined();
    expect((r.jit.data as { articles: { edges: { node: unknown }[] } }).articles.edges[0].node).toMatchObject({ id: gid("Article", ids.article), publishedAt: "2025-07-11T10:00:00.123Z", updatedAt: "2025-07-11T12:30:00.000Z" });
    expect(r.jit).toEqual(r.interpreted);
  });

  it("resolves interfaces (node, fragments on Person) identically", async () => {
    const q = `query($n: ID!, $a: ID!) { node(id: $n) { __typename id ... on Person { name } } article(id: $a) { ... on Node { id } title } }`;
    const r = await both(q, { n: gid("Person", ids.lavrov), a: gid("Article", ids.article) });
    expect(r.jit.data).toEqual({ node: { __typename: "Person", id: gid("Person", ids.lavrov), name: "Sergei Lavrov" }, article: { id: gid("Article", ids.article), title: "Lavrov meets Rubio" } });
    expect(r.jit).toEqual(r.interpreted);
  });

  it("handles @skip/@include on fields and fragment spreads, aliases and nested fragments identically", async () => {
    const q = `query($yes: Boolean!, $no: Boolean!) {
      first: articles(first: 1) { nodes { ...Teaser @include(if: $yes) id @skip(if: $yes) } }
      all: articles(first: 2) { nodes { ... on Article @skip(if: $no) { title } source { ...Named } } }
    }
    fragment Teaser on Article { title source { ...Named } }
    fragment Named on Source { name }`;
    for (const vars of [{ yes: true, no: false }, { yes: false, no: true }]) {
      const r = await both(q, vars);
      expect(r.jit.errors).toBeUndefined();
      expect(r.jit).toEqual(r.interpreted);
    }
  });

  it("answers introspection identically", async () => {
    const r = await both(`{ __schema { queryType { name } types { name kind fields { name } } } __type(name: "Article") { name } }`);
    expect(r.jit.data?.__type).toEqual({ name: "Article" });
    expect(r.jit).toEqual(r.interpreted);
  });

  it("keeps error codes, messages and paths: bad ids, refused variables, missing roles, unknown fields", async () => {
    // Refused variables are answered by the cost estimate before execution, under either executor.
    const cases: [string, Record<string, unknown>?][] = [
      [`{ a: article(id: "x") { title } b: article(id: "${gid("Article", 999999)}") { title } }`],
      [`query($n: Int!) { articles(first: $n) { totalCount } }`, { n: "ten" }],
      [`query($n: Int!) { articles(first: $n) { totalCount } }`],
      [`mutation { removeSource(id: "${gid("Source", ids.source)}") }`],
      [`{ articles(first: 1) { nodes { nope } } }`],
    ];
    const codes: unknown[] = [];
    for (const [query, variables] of cases) {
      const r = await both(query, variables);
      expect(r.jit).toEqual(r.interpreted);
      codes.push(r.jit.errors?.map((e) => (e.extensions as { code?: string }).code));
    }
    expect(codes).toEqual([["BAD_USER_INPUT"], ["BAD_USER_INPUT"], ["BAD_USER_INPUT"], ["FORBIDDEN"], ["GRAPHQL_VALIDATION_FAILED"]]);
  });
});

describe("federation subgraph under jit", () => {
  let subgraphs: TestApp[] = [];
  beforeAll(async () => {
    subgraphs = await Promise.all(["jit", "graphql-js"].map((EXECUTOR) => startTestApp(db.dataSource, { EXECUTOR, FEDERATION: "1", RESPONSE_CACHE: "false" })));
  });
  afterAll(() => Promise.all(subgraphs.map((s) => s.close())));

  it("resolves _entities of every kind as graphql-js does", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Article { title publishedAt } ... on Person { name } ... on Country { name(lang: "ar") } } }`;
    const representations = [{ __typename: "Article", id: gid("Article", ids.article) }, { __typename: "Person", id: gid("Person", ids.lavrov) }, { __typename: "Country", code: "RU" }];
    const [a, b] = await Promise.all(subgraphs.map((s) => s.gql(query, { r: representations })));
    expect(a.body.errors).toBeUndefined();
    expect((a.body.data as { _entities: unknown[] })._entities).toHaveLength(3);
    expect(comparable(a)).toEqual(comparable(b));
  });
});

describe("internal errors under jit", () => {
  let broken: TestApp;
  beforeAll(async () => {
    const failing = failingReads(db.dataSource, `relation "article" does not exist: SELECT a.id FROM article a`);
    broken = await startTestApp(failing, { EXECUTOR: "jit", NODE_ENV: "production", RESPONSE_CACHE: "false", LOG_LEVEL: "silent" });
  });
  afterAll(() => broken?.close());

  it("hides a resolver's failure as INTERNAL_SERVER_ERROR with its path, location and request id", async () => {
    const res = await broken.gql("{ articles { nodes { title } } }");
    expect(res.body.errors).toEqual([{ message: "Internal server error", path: ["articles"], locations: [{ line: 1, column: 3 }],
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId: res.headers.get("x-request-id") } }]);
  });
});

describe("the compiled-operation cache", () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { hello: { type: GraphQLString, args: { name: { type: GraphQLString } }, resolve: (_s, a) => `hello ${a.name ?? "you"}` } } }),
  });

  /** The part of Apollo's request context the executor reads. */
  function request(source: string, variables: Record<string, unknown> = {}): GatewayRequestContext {
    const document: DocumentNode = parse(source);
    const operation = document.definitions[0];
    return { document, operation, operationName: null, queryHash: source, source, request: { query: source, variables }, context: {} } as unknown as GatewayRequestContext;
  }

  it("compiles an operation once and serves later requests from the cache", async () => {
    const { executor, stats } = createJitExecutor(schema, { maxOperations: 10, compileAfter: 1 });
    const q = `query($n: String) { hello(name: $n) }`;
    expect(await executor(request(q, { n: "a" }))).toEqual({ data: { hello: "hello a" } });
    expect(await executor(request(q, { n: "b" }))).toEqual({ data: { hello: "hello b" } });
    expect(stats).toEqual({ compiled: 1, cacheHits: 1, jitRuns: 2, fallbacks: 0 });
  });

  it("runs an operation with graphql-js until it has been asked for compileAfter times", async () => {
    const { executor, stats } = createJitExecutor(schema, { maxOperations: 10, compileAfter: 2 });
    const q = `{ hello }`;
    for (let i = 0; i < 3; i++) expect(await executor(request(q))).toEqual({ data: { hello: "hello you" } });
    expect(stats).toEqual({ compiled: 1, cacheHits: 1, jitRuns: 2, fallbacks: 1 });
  });

  it("keeps no more operations than it is allowed", async () => {
    const { executor, stats } = createJitExecutor(schema, { maxOperations: 1, compileAfter: 1 });
    await executor(request(`{ a: hello }`));
    await executor(request(`{ b: hello }`));
    await executor(request(`{ a: hello }`));
    expect(stats.compiled).toBe(3);
  });

  it("runs an operation jit refuses to compile with graphql-js", async () => {
    const { executor, stats } = createJitExecutor(schema, { maxOperations: 10, compileAfter: 1 });
    // graphql-js skips on a nullable variable; jit insists on Boolean! (validation would refuse it, execute does not).
    const q = `query($skip: Boolean) { hello @skip(if: $skip) }`;
    expect(await executor(request(q, { skip: true }))).toEqual({ data: {} });
    expect(await executor(request(q, { skip: false }))).toEqual({ data: { hello: "hello you" } });
    expect(stats).toEqual({ compiled: 0, cacheHits: 1, jitRuns: 0, fallbacks: 2 });
  });

  it("leaves refused variables to graphql-js, whose errors Apollo recognises as BAD_USER_INPUT", async () => {
    const { executor, stats } = createJitExecutor(schema, { maxOperations: 10, compileAfter: 1 });
    const q = `query($n: String!) { hello(name: $n) }`;
    const source = parse(q);
    const expected = await execute({ schema, document: source, variableValues: { n: 5 } });
    const result = await executor(request(q, { n: 5 }));
    expect(result).toEqual(expected);
    expect(result.errors?.[0].nodes?.[0].kind).toBe(Kind.VARIABLE_DEFINITION);
    expect(stats).toMatchObject({ compiled: 1, jitRuns: 0, fallbacks: 1 });
  });
});
