import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp(db.dataSource, { MAX_DEPTH: "6", MAX_COST: "1000" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe("query-shape limits", () => {
  it("rejects a query deeper than the limit before any SQL runs", async () => {
    const res = await app.gql(`{ articles { edges { node { people { articles { edges { node { title } } } } } } } }`);
    expect(res.body.errors?.[0].message).toMatch(/exceeds maximum operation depth of 6/);
    expect(res.headers.get("x-sql-statements")).toBe("0");
  });

  it("rejects a query over the cost limit with QUERY_TOO_COMPLEX before any SQL runs", async () => {
    // 100 articles × (1 for the article + 100 people × 1) = 10,100.
    const res = await app.gql(`{ articles(first: 100) { edges { node { people(first: 100) { name } } } } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", cost: 10100, maxCost: 1000 });
    expect(res.headers.get("x-sql-statements")).toBe("0");
  });

  it("checks every first argument, nested ones and variables included, before any SQL runs", async () => {
    const res = await app.gql(`query($n: Int!) { articles(first: 5) { nodes { people(first: $n) { name } } } }`, { n: 500 });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "people.first" });
    expect(res.headers.get("x-sql-statements")).toBe("0");
  });

  it("answers variables of the wrong type or missing ones with 400 BAD_USER_INPUT naming each, before any SQL runs", async () => {
    const res = await app.gql(`query($n: Int!, $q: String!) { articles(first: $n, filter: { q: $q }) { totalCount } }`, { n: "ten" });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors?.[0].message).toMatch(/\$n.*"ten".*\$q.*not provided/s);
    expect(res.headers.get("x-sql-statements")).toBe("0");
  });

  it("admits the 50-article front page under the default cost limit", async () => {
    const res = await app.gql(`{ articles(first: 50) { edges { node { title source { name } images { url } people(first: 5) { name } countries { code } } } } }`);
    expect(res.body.errors).toBeUndefined();
  });
});
