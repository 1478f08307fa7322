import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addPerson, addSource } from "../support/seed";

let db: TestDatabase;
let app: TestApp;
const gid = (id: number) => Buffer.from(`Person:${id}`).toString("base64url");
let busy: string;
let quiet: string;
let merged: string;
let firstArticle: { id: string; url: string };

beforeAll(async () => {
  db = await createTestDatabase();
  const ds = db.dataSource;
  const source = await addSource(ds, "One");
  const people = [
    await addPerson(ds, { en: "Busy Person", ar: "شخص مشغول" }, { country: "RU" }),
    await addPerson(ds, { en: "Other Person" }),
    await addPerson(ds, { en: "Quiet Person" }),
    await addPerson(ds, { en: "Merged Spelling" }),
  ];
  for (let i = 0; i < 30; i++) {
    await addArticle(ds, {
      sourceId: source,
      title: `Story ${i}`,
      images: [{ url: `https://img.example/${i}.jpg`, caption: `Caption ${i}` }],
      publishedAt: new Date(Date.UTC(2025, 5, 1, i)),
      people: [{ personId: people[0], count: 2, salience: 0.9, firstOffset: 0 }, { personId: people[1], count: 1, salience: 0.5, firstOffset: 9 }],
      countries: [{ code: i % 2 ? "RU" : "US", count: 1, salience: 0.7, firstOffset: 3 }],
    });
  }
  await ds.query(`UPDATE person SET merged_into_id = $1 WHERE id = $2`, [people[0], people[3]]);
  [busy, quiet, merged] = [gid(people[0]), gid(people[2]), gid(people[3])];
  const [article] = await ds.query(`SELECT id, url FROM article ORDER BY id LIMIT 1`);
  firstArticle = { id: Buffer.from(`Article:${article.id}`).toString("base64url"), url: article.url };
  // Without the response cache and with a fresh generation per query, every query hits the database.
  app = await startTestApp(ds, { RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const NODE = `title publishedAt countries { code name } people { name }`;
const PAGE = `query($id: ID!, $first: Int, $after: String) { person(id: $id) { id name
  articles(first: $first, after: $after) { edges { cursor node { ${NODE} } } pageInfo { hasNextPage endCursor } } } }`;
// @include keeps the articles out of the person's statement: the answer the page must equal.
const APART = PAGE.replace("articles(first: $first, after: $after)", "articles(first: $first, after: $after) @include(if: true)");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = { data: any; errors: any[] };

async function run(query: string, variables: Record<string, unknown>) {
  await app.cache.bumpGeneration();
  const res = await app.gql(query, variables);
  return { body: res.body as Body, statements: Number(res.headers.get("x-sql-statements")) };
}

describe("the person page", () => {
  it("answers a person and their articles in one SQL statement", async () => {
    const { body, statements } = await run(PAGE, { id: busy, first: 20 });
    expect(body.errors).toBeUndefined();
    expect(body.data.person.articles.edges).toHaveLength(20);
    expect(statements).toBe(1);
    expect((await run(APART, { id: busy, first: 20 })).statements).toBeGreaterThan(1);
  });

  it("gives the same answer as the person and their articles fetched apart, on every page", async () => {
    let after: string | null = null;
    let more = true;
    for (let page = 0; page < 3; page++) {
      const variables: Record<string, unknown> = { id: busy, first: 12, after };
      const together = await run(PAGE, variables);
      const apart = await run(APART, variables);
      expect(together.body.errors).toBeUndefined();
      expect(together.body).toEqual(apart.body);
      ({ endCursor: after, hasNextPage: more } = together.body.data.person.articles.pageInfo);
      expect(together.body.data.person.articles.edges).toHaveLength(page < 2 ? 12 : 6);
    }
    expect(more).toBe(false);
  });

  it("takes the default page size when first is left out", async () => {
    const { body } = await run(PAGE, { id: busy });
    expect(body.data.person.articles.edges).toHaveLength(20);
    expect(body.data.person.articles.pageInfo.hasNextPage).toBe(true);
  });

  it("answers a person no article mentions with an empty page", async () => {
    const { body, statements } = await run(PAGE, { id: quiet, first: 5 });
    expect(body.errors).toBeUndefined();
    expect(body.data.person).toMatchObject({ name: "Quiet Person", articles: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
    expect(statements).toBe(1);
  });

  it("answers an unknown person with null", async () => {
    const { body } = await run(PAGE, { id: gid(987654), first: 5 });
    expect(body.errors).toBeUndefined();
    expect(body.data.person).toBeNull();
  });

  it("answers a merged person as the person it was merged into, with that person's articles", async () => {
    const { body } = await run(PAGE, { id: merged, first: 3 });
    expect(body.errors).toBeUndefined();
    expect(body.data.person.name).toBe("Busy Person");
    expect(body.data.person.articles.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(["Story 29", "Story 28", "Story 27"]);
  });

  it("reports a bad cursor on the articles field, as the page fetched apart does", async () => {
    const { body } = await run(PAGE, { id: busy, first: 5, after: "not-a-cursor" });
    const apart = await run(APART, { id: busy, first: 5, after: "not-a-cursor" });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: ["person", "articles"], extensions: { code: "BAD_USER_INPUT", argument: "after" } });
    const withoutRequestId = (b: Body) => ({ ...b, errors: b.errors.map((e: { extensions: object }) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } })) });
    expect(withoutRequestId(body)).toEqual(withoutRequestId(apart.body));
  });
});

describe("the article page", () => {
  const FIELDS = `id title images { url caption } people(first: 1) { id name } countries { code name }`;

  it("answers an article with its images, people and countries in one SQL statement", async () => {
    const { body, statements } = await run(`query($id: ID!) { article(id: $id) { ${FIELDS} } }`, { id: firstArticle.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.article).toMatchObject({ title: "Story 0", images: [{ caption: "Caption 0" }], people: [{ name: "Busy Person" }], countries: [{ code: "US" }] });
    expect(statements).toBe(1);
  });

  it("gives the same answer as the article found by URL, whose lists come from their loaders", async () => {
    const byId = await run(`query($id: ID!) { article(id: $id) { ${FIELDS} } }`, { id: firstArticle.id });
    const byUrl = await run(`query($url: String!) { article(url: $url) { ${FIELDS} } }`, { url: firstArticle.url });
    expect(byUrl.statements).toBeGreaterThan(1);
    expect(byId.body).toEqual(byUrl.body);
  });

  it("answers the deep page (article, its people, their latest articles) in two statements", async () => {
    const deep = `query($id: ID!) { article(id: $id) { title people(first: 2) { name articles(first: 3) { edges { node { title countries { code } } } } } } }`;
    const { body, statements } = await run(deep, { id: firstArticle.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.article.people.map((p: { name: string }) => p.name)).toEqual(["Busy Person", "Other Person"]);
    expect(body.data.article.people[0].articles.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(["Story 29", "Story 28", "Story 27"]);
    expect(statements).toBe(2);
  });

  it("answers an unknown article id with null", async () => {
    const { body } = await run(`query($id: ID!) { article(id: $id) { ${FIELDS} } }`, { id: Buffer.from("Article:987654").toString("base64url") });
    expect(body.errors).toBeUndefined();
    expect(body.data.article).toBeNull();
  });
});
