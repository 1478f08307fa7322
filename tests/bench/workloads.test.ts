import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, parse, validate } from "graphql";
import { buildMercuriusApp } from "../../bench/run/mercurius.app";
import { gatherContext, selectWorkloads, WORKLOADS } from "../../bench/run/workloads";
import { toGlobalId } from "../../src/graphql/global-id";
import type { WorkloadContext } from "../../bench/run/types";
import { startTestApp, type TestApp } from "../support/app";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addArticle, addPerson, addSource } from "../support/seed";

let db: TestDatabase;
let ctx: WorkloadContext;

beforeAll(async () => {
  db = await createTestDatabase();
  const ds = db.dataSource;
  const sources = [await addSource(ds, "Bench One"), await addSource(ds, "Bench Two")];
  const people = [
    await addPerson(ds, { en: "Layla Omar Haddad", ar: "ليلى عمر حداد" }, { country: "EG" }),
    await addPerson(ds, { en: "John Paul Smith", ar: "جون بول سميث" }),
  ];
  for (let i = 0; i < 30; i++) {
    await addArticle(ds, {
      sourceId: sources[i % 2],
      title: `Story ${i}`,
      summary: `Summary ${i}`,
      publishedAt: new Date(Date.UTC(2025, 10, 1, i)),
      images: i % 3 ? [{ url: `https://img.example/${i}.jpg`, caption: `Caption ${i}`, credit: "Handout" }] : [],
      people: (i % 2 ? [people[0], people[1]] : [people[0]]).map((personId, k) => ({ personId, count: 1, salience: 1 - k / 10, firstOffset: 0 })),
      countries: [{ code: i % 2 ? "EG" : "US", count: 1, salience: 1, firstOffset: 0 }],
    });
  }
  ctx = await gatherContext((sql) => ds.query(sql));
});

afterAll(async () => {
  await db.close();
});

async function post(app: TestApp, name: string) {
  const body = WORKLOADS.find((w) => w.name === name)!.body(ctx);
  return app.gql(body.query, body.variables);
}

describe("benchmark workloads", () => {
  it("find the most mentioned person for the person page", () => {
    expect(ctx.articles).toBe(30);
    expect(ctx.popularPersonMentions).toBe(30);
    expect(ctx.deepArticleId).toBeGreaterThan(0);
  });

  it("are valid against the committed schema", () => {
    const schema = buildSchema(readFileSync(path.join(__dirname, "../../schema/schema.graphql"), "utf8"));
    for (const w of WORKLOADS) expect(validate(schema, parse(w.body(ctx).query))).toEqual([]);
  });

  it("answer with data and no errors from the real gateway, with the cost limit the benchmark sets", async () => {
    const app = await startTestApp(db.dataSource, { MAX_COST: "5000", RESPONSE_CACHE: "false" });
    try {
      for (const name of ["front", "front10", "front100"]) {
        const res = await post(app, name);
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.articles.edges.length).toBe(Math.min(30, Number(name.slice(5)) || 50));
      }
      const person = await post(app, "person");
      expect(person.body.errors).toBeUndefined();
      expect(person.body.data!.person.name).toBe("Layla Omar Haddad");
      expect(person.body.data!.person.articles.edges).toHaveLength(20);
    } finally {
      await app.close();
    }
  });

  it("search in both languages and walk the deep page on the real gateway", async () => {
    const app = await startTestApp(db.dataSource, { MAX_COST: "5000", RESPONSE_CACHE: "false" });
    try {
      for (const name of ["search-ar", "search-en"]) expect((await post(app, name)).body.errors).toBeUndefined();
      const deep = await post(app, "deep");
      expect(deep.body.errors).toBeUndefined();
      expect(deep.body.data!.article.people.length).toBeGreaterThan(0);
      expect(deep.body.data!.article.people[0].articles.edges.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it("have a PostGraphile query for every page, with the variables it declares", () => {
    for (const w of WORKLOADS) {
      expect(w.dialects).toContain("postgraphile");
      const body = w.body(ctx, "postgraphile");
      const declared = [...body.query.matchAll(/\$(\w+):/g)].map((x) => x[1]).sort();
      expect(Object.keys(body.variables ?? {}).sort()).toEqual(declared);
    }
  });

  it("need the raised cost limit only for the front page at first: 100", async () => {
    const app = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
    try {
      expect((await post(app, "front")).body.errors).toBeUndefined();
      const big = await post(app, "front100");
      expect(big.body.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    } finally {
      await app.close();
    }
  });

  it("are chosen by name, and unknown names are refused with the known ones listed", () => {
    expect(selectWorkloads(["person", "front"]).map((w) => w.name)).toEqual(["person", "front"]);
    expect(() => selectWorkloads(["front", "search"])).toThrow(/unknown workload\(s\) search; known: front, front10, front100, person, search-ar, search-en, deep/);
  });
});

/** The Mercurius comparison server listening on 127.0.0.1, and a POST to its /graphql. */
async function startMercurius() {
  const app = await buildMercuriusApp((sql, params) => db.dataSource.query(sql, params));
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const post = async (body: unknown) =>
    (await fetch(`${address}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
  return { post, close: () => app.close() };
}

describe("the Mercurius comparison server", () => {
  it("answers every benchmark page with the same articles, people and countries as the gateway", async () => {
    const gateway = await startTestApp(db.dataSource, { MAX_COST: "5000", RESPONSE_CACHE: "false" });
    const mercurius = await startMercurius();
    try {
      for (const w of WORKLOADS) {
        const body = w.body(ctx);
        const ours = (await gateway.gql(body.query, body.variables)).body;
        const theirs = await mercurius.post(body);
        expect(theirs.errors).toBeUndefined();
        expect(w.shape!(theirs.data, "khabar")).toEqual(w.shape!(ours.data!, "khabar"));
      }
    } finally {
      await gateway.close();
      await mercurius.close();
    }
  });

  it("refuses an id of another type with an error that names both types", async () => {
    const mercurius = await startMercurius();
    try {
      const body = WORKLOADS.find((w) => w.name === "person")!.body(ctx);
      const res = await mercurius.post({ ...body, variables: { id: toGlobalId("Article", 1) } });
      expect(res.errors[0].message).toBe("mercurius: expected a Person id, got a Article id");
    } finally {
      await mercurius.close();
    }
  });
});
