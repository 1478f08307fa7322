import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";
import { createKey, postJson, sqlCount } from "./support";

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  const sourceId = await addSource(db.dataSource, "Budget source");
  for (let i = 0; i < 3; i++) await addArticle(db.dataSource, { sourceId, title: `Budget story ${i}` });
  app = await startTestApp(db.dataSource, {
    RATE_LIMIT: "true",
    RATE_LIMIT_PUBLIC: "300/1",
    RATE_LIMIT_READER: "1000/0.5",
    TRUST_PROXY: "loopback",
  });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

// 50 × (article 1 + source 1) = 100 requested; 3 articles exist, so 6 actual.
const PAGE = `{ articles(first: 50) { nodes { title source { name } } } }`;

describe("cost and rate limits", () => {
  it("reports requested and actual cost, the bucket and the IETF RateLimit headers on every response", async () => {
    const res = await postJson(app.url, { query: PAGE }, { "x-forwarded-for": "198.51.100.1" });
    expect(res.json.extensions?.cost).toEqual({ requested: 100, actual: 6, remaining: 294, limit: 300, resetAt: expect.stringMatching(/^20\d\d-.*T.*:00\.000Z$|^20\d\d-.*\.000Z$/) });
    expect(res.headers.get("ratelimit-limit")).toBe("300");
    expect(res.headers.get("ratelimit-remaining")).toBe("294");
    expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(6);
    expect(res.headers.get("ratelimit-policy")).toBe("300;w=300");
    const resetIn = Date.parse(res.json.extensions!.cost.resetAt) - Date.now();
    expect(resetIn).toBeGreaterThan(4000);
    expect(resetIn).toBeLessThan(8000);
  });

  it("charges a rejected query one point and reports it", async () => {
    const res = await postJson(app.url, { query: "{ nope }" }, { "x-forwarded-for": "198.51.100.2" });
    expect(res.status).toBe(400);
    expect(res.json.extensions?.cost).toMatchObject({ requested: 0, actual: 0, remaining: 299 });
  });

  it("counts anonymous clients per address", async () => {
    const a = await postJson(app.url, { query: PAGE }, { "x-forwarded-for": "198.51.100.3" });
    const b = await postJson(app.url, { query: PAGE }, { "x-forwarded-for": "198.51.100.4" });
    expect(a.json.extensions?.cost.remaining).toBe(294);
    expect(b.json.extensions?.cost.remaining).toBe(294);
  });

  it("refuses a query its bucket cannot pay with 429, Retry-After and RATE_LIMITED, before any SQL", async () => {
    const { token } = await createKey(db.dataSource, "reader", { budget: { capacity: 150, refillPerSecond: 0.5 } });
    const first = await postJson(app.url, { query: PAGE }, { "x-api-key": token });
    expect(first.json.extensions?.cost).toMatchObject({ requested: 100, actual: 6, remaining: 144, limit: 150 });
    const heavy = `{ articles(first: 70) { nodes { title source { name } } } }`;
    expect((await postJson(app.url, { query: heavy }, { "x-api-key": token })).status).toBe(200);
    const res = await postJson(app.url, { query: heavy }, { "x-api-key": token });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(1);
    expect(res.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Rate limited: this query costs 140 points and \d+ are left \(bucket of 150, refilled at 0.5\/s\)\. Retry in \d+ s\.$/),
      extensions: { code: "RATE_LIMITED", retryAfter, cost: { requested: 140, actual: 0, limit: 150 } },
    });
    expect(res.headers.get("ratelimit-remaining")).toBe(String(res.json.errors?.[0].extensions?.cost.remaining));
    expect(sqlCount(res)).toBe(0);
  });

  it("caps a single query at the key's max cost, and at its bucket when that is smaller", async () => {
    const capped = await createKey(db.dataSource, "reader", { budget: { maxCost: 80 } });
    const res = await postJson(app.url, { query: PAGE }, { "x-api-key": capped.token });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", cost: 100, maxCost: 80 });
    const small = await createKey(db.dataSource, "reader", { budget: { capacity: 60 } });
    const tiny = await postJson(app.url, { query: PAGE }, { "x-api-key": small.token });
    expect(tiny.json.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", maxCost: 60 });
    // The key's own first lookup; the query itself ran none.
    expect(sqlCount(tiny)).toBe(1);
  });

  it("charges response-cache hits what the response cost and sets live headers, replaying the body", async () => {
    const headers = { "x-forwarded-for": "198.51.100.9" };
    const miss = await postJson(app.url, { query: "{ articles(first: 5) { nodes { title } } }" }, headers);
    const hit = await postJson(app.url, { query: "{ articles(first: 5) { nodes { title } } }" }, headers);
    expect(miss.headers.get("x-cache")).toBe("MISS");
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(hit.text).toBe(miss.text);
    expect(Number(hit.headers.get("ratelimit-remaining"))).toBe(Number(miss.headers.get("ratelimit-remaining")) - 3);
  });

  it("charges one point for an operation another rule refuses, even while the charge is in flight", async () => {
    const strict = await startTestApp(db.dataSource, { RATE_LIMIT: "true", RATE_LIMIT_PUBLIC: "300/0.001", INTROSPECTION: "false", INTROSPECTION_ROLES: "admin" });
    try {
      const res = await postJson(strict.url, { query: "{ articles(first: 100) { nodes { title } } __schema { queryType { name } } }" });
      expect(res.status).toBe(403);
      expect(res.json.extensions?.cost).toMatchObject({ requested: 102, actual: 0, remaining: 299 });
      const next = await postJson(strict.url, { query: "{ __typename }" });
      expect(next.json.extensions?.cost.remaining).toBe(298);
    } finally {
      await strict.close();
    }
  });
});
