import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";
import express from "express";
import { bodyBytes } from "../../src/graphql/fast-path/fast-path";
import { PreparedOperations } from "../../src/graphql/fast-path/prepared";
import { createKey, postJson, sqlCount } from "../integrator/support";

let db: TestDatabase;
let fast: TestApp;
let apolloOnly: TestApp;

// Refill so slow that the bucket reads the same in both apps whatever the test's timing.
const ENV = { RATE_LIMIT: "true", RATE_LIMIT_PUBLIC: "300/0.001", TRUST_PROXY: "loopback", RESPONSE_CACHE: "false" };

beforeAll(async () => {
  db = await createTestDatabase();
  const sourceId = await addSource(db.dataSource, "Fast source");
  for (let i = 0; i < 3; i++) await addArticle(db.dataSource, { sourceId, title: `Fast story ${i}` });
  fast = await startTestApp(db.dataSource, ENV);
  apolloOnly = await startTestApp(db.dataSource, { ...ENV, FAST_PATH: "false" });
});

afterAll(async () => {
  await fast?.close();
  await apolloOnly?.close();
  await db?.close();
});

// 20 × (article 1 + source 1) = 40 requested; 3 articles exist, so 6 actual.
const PAGE = `query Page($first: Int) { articles(first: $first) { edges { cursor node { id title source { name } } } pageInfo { hasNextPage } } }`;

async function both(body: Record<string, unknown>, ip: string) {
  const a = await postJson(fast.url, body, { "x-forwarded-for": ip });
  const b = await postJson(apolloOnly.url, body, { "x-forwarded-for": ip });
  return [a, b] as const;
}

// resetAt is the clock at answering plus the refill time, in whole seconds: two answers a few ms apart can straddle a second.
const withoutResetAt = (json: Awaited<ReturnType<typeof postJson>>["json"]) => ({ ...json, extensions: { ...json.extensions, cost: { ...json.extensions?.cost, resetAt: undefined } } });
const resetAtOf = (json: Awaited<ReturnType<typeof postJson>>["json"]) => Date.parse(json.extensions?.cost?.resetAt);

const headersOf = (res: { headers: Headers }) =>
  Object.fromEntries([...res.headers].filter(([name]) => !["date", "x-request-id", "etag", "content-length", "ratelimit-reset"].includes(name)));

describe("the fast path", () => {
  it("answers repeats of a query with the same bytes, headers and bucket charges as Apollo", async () => {
    for (let i = 0; i < 3; i++) {
      const [a, b] = await both({ query: PAGE, variables: { first: 20 } }, "198.51.100.10");
      expect(a.status).toBe(200);
      expect(withoutResetAt(a.json)).toEqual(withoutResetAt(b.json));
      expect(Math.abs(resetAtOf(a.json) - resetAtOf(b.json))).toBeLessThanOrEqual(1000);
      expect(a.json.extensions?.cost).toMatchObject({ requested: 40, actual: 6, remaining: 300 - 6 * (i + 1) });
      expect(headersOf(a)).toEqual(headersOf(b));
    }
  });

  it("leaves errors to Apollo and charges them as Apollo does", async () => {
    await both({ query: PAGE, variables: { first: 5 } }, "198.51.100.11");
    for (const variables of [{ first: 0 }, { first: "five" }, { first: 5 }]) {
      const [a, b] = await both({ query: PAGE, variables }, "198.51.100.11");
      expect(a.status).toBe(b.status);
      const strip = (json: typeof a.json) => ({ ...json, errors: json.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } })) });
      expect(strip(withoutResetAt(a.json))).toEqual(strip(withoutResetAt(b.json)));
      if (a.json.extensions?.cost) expect(Math.abs(resetAtOf(a.json) - resetAtOf(b.json))).toBeLessThanOrEqual(1000);
    }
  });

  it("refuses a query the bucket cannot pay with Apollo's 429", async () => {
    // 200 requested and 6 actual each: after 17 answers 198 points are left, too few for the 18th.
    const big = `query Big { articles(first: 100) { nodes { title source { name } } } }`;
    const statuses: number[][] = [];
    for (let i = 0; i < 18; i++) {
      const [a, b] = await both({ query: big }, "198.51.100.12");
      statuses.push([a.status, b.status]);
      if (i === 17) {
        expect(a.json.errors?.[0].extensions?.code).toBe("RATE_LIMITED");
        expect(a.json.errors?.[0].message).toBe(b.json.errors?.[0].message);
      }
    }
    expect(statuses).toEqual([...Array(17).fill([200, 200]), [429, 429]]);
  });
});

describe("the fast path in the HTTP server", () => {
  // Express copies its application methods onto each app it makes: a spy set first sees every request the app handles.
  let handled: jest.SpyInstance;
  let app: TestApp;

  beforeAll(async () => {
    handled = jest.spyOn(express.application as unknown as { handle: () => void }, "handle");
    app = await startTestApp(db.dataSource, ENV);
  });

  afterAll(async () => {
    await app?.close();
    handled.mockRestore();
  });

  it("answers an anonymous repeat without Express, with its request id and SQL statement count", async () => {
    await postJson(app.url, { query: PAGE, variables: { first: 2 } }, { "x-forwarded-for": "198.51.100.20" });
    handled.mockClear();
    const res = await postJson(app.url, { query: PAGE, variables: { first: 2 } }, { "x-forwarded-for": "198.51.100.20", "x-request-id": "front-door-1" });
    expect(handled).not.toHaveBeenCalled();
    expect(res.json.data?.articles.edges).toHaveLength(2);
    expect(res.headers.get("x-request-id")).toBe("front-door-1");
    expect(sqlCount(res)).toBe(1);
    expect(res.headers.get("ratelimit-remaining")).not.toBeNull();
  });

  it("hands a request it could not answer to Apollo without running it a second time on the Express route", async () => {
    const after = `query After($after: String) { articles(first: 2, after: $after) { nodes { id } } }`;
    await postJson(app.url, { query: after, variables: { after: null } });
    const lookups = jest.spyOn(PreparedOperations.prototype, "get");
    try {
      const res = await postJson(app.url, { query: after, variables: { after: "not-a-cursor" } });
      expect(res.json.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(lookups).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
    }
  });

  it("leaves requests with an API key, and queries it has not seen, to Express", async () => {
    const { token } = await createKey(db.dataSource, "reader");
    await postJson(app.url, { query: PAGE, variables: { first: 1 } });
    handled.mockClear();
    const keyed = await postJson(app.url, { query: PAGE, variables: { first: 1 } }, { authorization: `Bearer ${token}` });
    const unseen = await postJson(app.url, { query: `{ articles(first: 1) { nodes { id } } }` });
    expect([keyed.status, unseen.status]).toEqual([200, 200]);
    expect(handled).toHaveBeenCalledTimes(2);
  });
});

describe("the fast path's body", () => {
  it("is the JSON text and Apollo's closing newline in UTF-8, Arabic included", () => {
    const json = JSON.stringify({ data: { title: "سيرغي لافروف في موسكو", n: 1 } });
    const bytes = bodyBytes(json);
    expect(bytes.equals(Buffer.from(`${json}\n`, "utf8"))).toBe(true);
    expect(bytes.toString("utf8")).toBe(`${json}\n`);
    expect(bodyBytes("").equals(Buffer.from("\n"))).toBe(true);
  });
});
