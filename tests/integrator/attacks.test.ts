import { gzipSync } from "node:zlib";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";
import { postJson, raw, sqlCount } from "./support";

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  await addArticle(db.dataSource, { sourceId: await addSource(db.dataSource, "Attack source"), title: "Still standing" });
  app = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Asserts a clear client error, its request id, and that no SQL ran. */
function refused(res: Awaited<ReturnType<typeof postJson>>, status: number, code: string, message: RegExp) {
  expect(res.status).toBe(status);
  expect(res.json.data).toBeUndefined();
  expect(res.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code, requestId: res.headers.get("x-request-id") } });
  expect(sqlCount(res)).toBe(0);
}

describe("query-shape attacks", () => {
  it("rejects 101 aliases", async () => {
    const fields = Array.from({ length: 101 }, (_, i) => `a${i}: articles { totalCount }`).join(" ");
    refused(await postJson(app.url, { query: `{ ${fields} }` }), 400, "QUERY_TOO_COMPLEX", /too many aliases: 101, the maximum is 15/);
  });

  it("counts aliases hidden in fragments, however often the fragment is spread", async () => {
    const aliases = Array.from({ length: 8 }, (_, i) => `t${i}: title`).join(" ");
    const res = await postJson(app.url, { query: `{ articles { nodes { ...A ...A } edges { node { ...A } } } } fragment A on Article { ${aliases} }` });
    refused(res, 400, "QUERY_TOO_COMPLEX", /too many aliases: 24, the maximum is 15/);
    expect(res.json.errors?.[0].extensions).toMatchObject({ limit: "aliases", max: 15 });
  });

  it("refuses a batch of 10 operations", async () => {
    const batch = Array.from({ length: 10 }, () => ({ query: "{ articles { totalCount } }" }));
    const res = await postJson(app.url, batch);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Operation batching disabled/);
    expect(sqlCount(res)).toBe(0);
  });

  it("stops parsing 5,000 × __typename at the token limit", async () => {
    const query = `{ ${"__typename ".repeat(5000)}}`;
    const res = await postJson(app.url, { query });
    refused(res, 400, "QUERY_TOO_COMPLEX", /Document contains more tha[nt] 1000 tokens/);
    expect(res.json.errors?.[0].extensions?.limit).toBe("tokens");
  });

  it("rejects the same directive repeated 10 times on one field", async () => {
    const res = await postJson(app.url, { query: `{ articles { totalCount ${"@include(if: true) ".repeat(10)}} }` });
    refused(res, 400, "GRAPHQL_VALIDATION_FAILED", /The directive "@include" can only be used once at this location/);
  });

  it("rejects 51 directives spread over fields and fragments", async () => {
    const fields = Array.from({ length: 10 }, () => `totalCount @skip(if: false)`).join(" ");
    const query = `{ articles { ...C ...C ...C ...C ...C } x: articles { totalCount @include(if: true) } } fragment C on ArticleConnection { ${fields} }`;
    const res = await postJson(app.url, { query });
    refused(res, 400, "QUERY_TOO_COMPLEX", /too many directives: 51, the maximum is 50/);
  });

  it("measures depth through fragments and inline fragments", async () => {
    const query = `{ articles { ...L1 } }
      fragment L1 on ArticleConnection { nodes { ... on Article { people { ...L2 } } } }
      fragment L2 on Person { articles { edges { node { countries { ...L3 } } } } }
      fragment L3 on Country { people { articles { nodes { title } } } }`;
    refused(await postJson(app.url, { query }), 400, "QUERY_TOO_COMPLEX", /Query is too deep: depth 11 exceeds maximum operation depth of 10/);
  });

  it("gives no exemption to a fragment named __schema", async () => {
    const query = `{ articles { ...__schema } }
      fragment __schema on ArticleConnection { nodes { people { articles { nodes { people { articles { nodes { people { articles { nodes { title } } } } } } } } } } }`;
    const res = await postJson(app.url, { query });
    expect(res.status).toBe(400);
    expect(res.json.errors?.map((e) => e.message).join(" ")).toMatch(/exceeds maximum operation depth of 10/);
    expect(sqlCount(res)).toBe(0);
  });

  it("rejects cyclic fragments cleanly instead of recursing", async () => {
    const query = `{ articles { ...A } } fragment A on ArticleConnection { ...B } fragment B on ArticleConnection { ...A }`;
    refused(await postJson(app.url, { query }), 400, "GRAPHQL_VALIDATION_FAILED", /Cannot spread fragment "A" within itself via "B"/);
  });

  it("bounds deep introspection separately", async () => {
    const query = `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`;
    refused(await postJson(app.url, { query }), 400, "GRAPHQL_VALIDATION_FAILED", /Maximum introspection depth exceeded/);
  });
});

describe("request bodies", () => {
  it("answers a 2 MB body with 413 and the limit", async () => {
    const res = await postJson(app.url, { query: `{ articles { totalCount } } # ${"x".repeat(2 * 1024 * 1024)}` });
    refused(res, 413, "BAD_REQUEST", /request body too large: the limit is 1048576 bytes after decompression/);
  });

  it("answers a small gzip body that inflates past the limit with 413", async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ query: `{ __typename } # ${" ".repeat(8 * 1024 * 1024)}` })));
    expect(bomb.length).toBeLessThan(20_000);
    const res = await raw(app.url, { method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: bomb });
    refused(res, 413, "BAD_REQUEST", /request body too large/);
  });

  it("still accepts a gzip body within the limit", async () => {
    const body = gzipSync(Buffer.from(JSON.stringify({ query: "{ articles { nodes { title } } }" })));
    const res = await raw(app.url, { method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body });
    expect(res.json.data).toEqual({ articles: { nodes: [{ title: "Still standing" }] } });
  });

  it("answers malformed JSON with 400", async () => {
    const res = await raw(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{ query: " });
    refused(res, 400, "BAD_REQUEST", /JSON/);
  });
});

describe("HTTP method and CSRF rules", () => {
  it("refuses a mutation sent with GET", async () => {
    const q = encodeURIComponent(`mutation { removeSource(id: "U291cmNlOjE") }`);
    const res = await raw(app.url, { path: `/graphql?query=${q}`, headers: { "apollo-require-preflight": "true" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.json.errors?.[0].message).toMatch(/GET requests only support query operations, not mutation operations/);
    expect(sqlCount(res)).toBe(0);
  });

  it("refuses a text/plain POST without the preflight header (CSRF)", async () => {
    const res = await raw(app.url, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/This operation has been blocked as a potential Cross-Site Request Forgery/);
    expect(sqlCount(res)).toBe(0);
  });

  it("refuses a multipart POST without the preflight header (CSRF)", async () => {
    const form = new FormData();
    form.append("operations", JSON.stringify({ query: "{ __typename }" }));
    const res = await raw(app.url, { method: "POST", body: form });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Cross-Site Request Forgery/);
  });

  it("refuses a GET query without the preflight header, and serves it with one", async () => {
    const path = `/graphql?query=${encodeURIComponent("{ articles { totalCount } }")}`;
    expect((await raw(app.url, { path })).status).toBe(400);
    const ok = await raw(app.url, { path, headers: { "apollo-require-preflight": "true" } });
    expect(ok.json.data).toEqual({ articles: { totalCount: 1 } });
  });

  it("refuses a subscription sent over HTTP, pointing at the WebSocket endpoint", async () => {
    refused(await postJson(app.url, { query: "subscription { articleAdded { title } }" }), 400, "BAD_REQUEST", /served over WebSocket \(graphql-ws protocol\) at \/graphql/);
  });
});
