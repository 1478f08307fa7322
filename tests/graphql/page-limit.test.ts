import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import type { Context } from "../../src/graphql/context";
import { pageSpec } from "../../src/graphql/resolvers/entity-articles";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addPerson, addSource } from "../support/seed";

const ctx = { config: { maxFirst: 100 } } as unknown as Context;

/** The info a resolver of the query's first root field gets. */
function infoOf(query: string) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}

describe("how many rows a page asks for", () => {
  it("asks for one row more than first only when the query reads hasNextPage", () => {
    expect(pageSpec(ctx, { first: 20 }, infoOf(`{ articles(first: 20) { edges { node { id } } } }`)).limit).toBe(20);
    expect(pageSpec(ctx, { first: 20 }, infoOf(`{ articles(first: 20) { pageInfo { endCursor } edges { cursor } } }`)).limit).toBe(20);
    expect(pageSpec(ctx, { first: 20 }, infoOf(`{ articles(first: 20) { pageInfo { hasNextPage } } }`)).limit).toBe(21);
    expect(pageSpec(ctx, { first: 20 }, infoOf(`{ articles(first: 20) { ...P } } fragment P on ArticleConnection { pageInfo { ...I } }
      fragment I on PageInfo { hasNextPage }`)).limit).toBe(21);
    expect(pageSpec(ctx, { first: 20 }).limit).toBe(21);
  });
});

describe("pages without their extra row", () => {
  let db: TestDatabase;
  let app: TestApp;
  let personGid: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const source = await addSource(db.dataSource, "Limits");
    const person = await addPerson(db.dataSource, { en: "Page Person" });
    for (let i = 0; i < 3; i++) {
      await addArticle(db.dataSource, {
        sourceId: source,
        title: `Story ${i}`,
        publishedAt: new Date(Date.UTC(2025, 0, 1 + i)),
        people: [{ personId: person, count: 1, salience: 0.5, firstOffset: 0 }],
      });
    }
    personGid = Buffer.from(`Person:${person}`).toString("base64url");
    app = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("gives first edges, the last one's cursor as endCursor, and hasNextPage wherever it is read", async () => {
    const res = await app.gql(`query($id: ID!) {
      plain: articles(first: 2) { edges { cursor node { title } } pageInfo { endCursor } }
      full: articles(first: 2) { pageInfo { hasNextPage } }
      all: articles(first: 3) { pageInfo { hasNextPage } }
      person(id: $id) { articles(first: 2) { edges { cursor node { title } } pageInfo { endCursor } } }
    }`, { id: personGid });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const data = (res.body as { data: any }).data;
    expect(data.plain.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(["Story 2", "Story 1"]);
    expect(data.plain.pageInfo.endCursor).toBe(data.plain.edges[1].cursor);
    expect(data.full.pageInfo.hasNextPage).toBe(true);
    expect(data.all.pageInfo.hasNextPage).toBe(false);
    expect(data.person.articles.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(["Story 2", "Story 1"]);
    expect(data.person.articles.pageInfo.endCursor).toBe(data.person.articles.edges[1].cursor);
  });
});
