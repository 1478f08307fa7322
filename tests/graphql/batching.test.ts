import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addPerson, addSource } from "../support/seed";

let db: TestDatabase;
let app: TestApp;
let personGid: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const ds = db.dataSource;
  const sources = [await addSource(ds, "One"), await addSource(ds, "Two"), await addSource(ds, "Three")];
  const people: number[] = [];
  for (let i = 0; i < 8; i++) people.push(await addPerson(ds, { en: `Person ${i}`, ar: `شخص ${i}` }, { country: i % 2 ? "RU" : "US" }));
  personGid = Buffer.from(`Person:${people[0]}`).toString("base64url");
  const codes = ["US", "RU", "CN", "MY", "UA"];
  for (let i = 0; i < 60; i++) {
    await addArticle(ds, {
      sourceId: sources[i % 3],
      title: `Story ${i}`,
      publishedAt: new Date(Date.UTC(2025, 5, 1, i)),
      images: [{ url: `https://img.example/${i}.jpg`, caption: `Caption ${i}` }],
      people: [0, 1, 2].map((k) => ({ personId: people[(i + k) % 8], count: 1, salience: 1 - k / 10, firstOffset: k })),
      countries: [0, 1].map((k) => ({ code: codes[(i + k) % 5], count: 1, salience: 1 - k / 10, firstOffset: k })),
    });
  }
  // Without the response cache and with a fresh generation per query, every query hits the database.
  app = await startTestApp(ds, { RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const FRONT_PAGE = `query($first: Int!) { articles(first: $first) { edges { node {
  id title publishedAt source { name } images { url caption credit } people(first: 5) { id name } countries { code name } } } } }`;

async function statementsFor(query: string, variables: Record<string, unknown>): Promise<number> {
  await app.cache.bumpGeneration();
  const res = await app.gql(query, variables);
  expect(res.body.errors).toBeUndefined();
  return Number(res.headers.get("x-sql-statements"));
}

describe("batching", () => {
  it("runs the front page in the same small number of SQL statements whatever the page size", async () => {
    const small = await statementsFor(FRONT_PAGE, { first: 5 });
    const large = await statementsFor(FRONT_PAGE, { first: 50 });
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(4);
  });

  it("answers a person page with nested countries in constant statements", async () => {
    const q = `query($id: ID!, $first: Int!) { person(id: $id) { name articles(first: $first) { edges { node { title countries { code name } people { name } } } } } }`;
    const small = await statementsFor(q, { id: personGid, first: 2 });
    const large = await statementsFor(q, { id: personGid, first: 20 });
    expect(large).toBe(small);
  });

  it("batches nested connections across many parents into one statement per argument set", async () => {
    const q = `query($first: Int!) { people(first: $first) { nodes { name articles(first: 3) { nodes { title source { name } } } } } }`;
    const small = await statementsFor(q, { first: 2 });
    const large = await statementsFor(q, { first: 8 });
    expect(large).toBe(small);
  });

  it("serves repeated lookups by id from the shared cache until a write bumps the generation", async () => {
    const q = `query($id: ID!) { person(id: $id) { name } }`;
    await app.cache.bumpGeneration();
    const cold = await app.gql(q, { id: personGid });
    const warm = await app.gql(q, { id: personGid });
    expect(warm.body).toEqual(cold.body);
    expect(Number(cold.headers.get("x-sql-statements"))).toBe(1);
    expect(Number(warm.headers.get("x-sql-statements"))).toBe(0);
    await app.cache.bumpGeneration();
    expect(Number((await app.gql(q, { id: personGid })).headers.get("x-sql-statements"))).toBe(1);
  });

  it("brings a page's per-article lists along in the page statement itself, cold or warm, with either loader cache", async () => {
    const all = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false", LOADER_CACHE: "all" });
    try {
      for (const server of [app, all]) {
        await server.cache.bumpGeneration();
        const cold = await server.gql(FRONT_PAGE, { first: 20 });
        const warm = await server.gql(FRONT_PAGE, { first: 20 });
        expect(warm.body).toEqual(cold.body);
        expect(Number(cold.headers.get("x-sql-statements"))).toBe(1);
        expect(Number(warm.headers.get("x-sql-statements"))).toBe(1);
      }
    } finally {
      await all.close();
    }
  });

  it("selects one article with its relations in one statement by default, and caches them all with LOADER_CACHE=all", async () => {
    const all = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false", LOADER_CACHE: "all" });
    const q = `query($id: ID!) { article(id: $id) { title images { url } people { name } countries { code } } }`;
    const id = Buffer.from("Article:1").toString("base64url");
    try {
      // By default the article and its lists are one statement, cold or warm; with everything cached,
      // the article, then its images, people and countries cold, and nothing warm.
      for (const [server, coldStatements, warmStatements] of [[app, 1, 1], [all, 4, 0]] as const) {
        await server.cache.bumpGeneration();
        const cold = await server.gql(q, { id });
        const warm = await server.gql(q, { id });
        expect(warm.body).toEqual(cold.body);
        expect(Number(cold.headers.get("x-sql-statements"))).toBe(coldStatements);
        expect(Number(warm.headers.get("x-sql-statements"))).toBe(warmStatements);
      }
    } finally {
      await all.close();
    }
  });
});
