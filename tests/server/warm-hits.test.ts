import { createClient } from "redis";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";

// The one-round-trip path needs the response cache and the rate buckets in Redis.
const withRedis = process.env.REDIS_URL ? describe : describe.skip;

let db: TestDatabase;
const QUERY = `{ articles(first: 3) { nodes { title source { name } } } }`;

beforeAll(async () => {
  db = await createTestDatabase();
  const source = await addSource(db.dataSource, "Wire");
  for (let i = 0; i < 3; i++) await addArticle(db.dataSource, { sourceId: source, title: `Story ${i}` });
});

afterAll(async () => {
  await db?.close();
});

async function post(app: TestApp, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

withRedis("warm hits before Express", () => {
  let app: TestApp;
  let plain: TestApp;

  beforeAll(async () => {
    // Each hit of QUERY costs its actual cost (a few points); 40 points last a handful of hits.
    app = await startTestApp(db.dataSource, { RATE_LIMIT: "true", RATE_LIMIT_PUBLIC: "40/0.001" });
    plain = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
  });

  afterAll(async () => {
    await app?.close();
    await plain?.close();
  });

  it("replays the stored bytes with the client's request id, the cache header and the bucket's headers", async () => {
    const body = JSON.stringify({ query: QUERY });
    const miss = await post(app, body);
    const hit = await post(app, body, { "x-request-id": "warm-1" });
    expect(miss.headers.get("x-cache")).toBe("MISS");
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(hit.text).toBe(miss.text);
    expect(hit.headers.get("x-request-id")).toBe("warm-1");
    expect(hit.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(Number(hit.headers.get("content-length"))).toBe(Buffer.byteLength(hit.text));
    expect(Number(hit.headers.get("ratelimit-remaining"))).toBeLessThan(Number(miss.headers.get("ratelimit-remaining")));
  });

  it("still answers hits after Redis has forgotten its scripts", async () => {
    const body = JSON.stringify({ query: `${QUERY}\n` });
    await post(app, body);
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    await redis.scriptFlush();
    await redis.close();
    const hit = await post(app, body);
    expect(hit.status).toBe(200);
    expect(hit.headers.get("x-cache")).toBe("HIT");
  });

  it("charges every hit and refuses one the bucket cannot pay with RATE_LIMITED", async () => {
    const body = JSON.stringify({ query: QUERY, variables: {} });
    let last = await post(app, body);
    for (let i = 0; i < 40 && last.status === 200; i++) last = await post(app, body);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(JSON.parse(last.text).errors[0].extensions.code).toBe("RATE_LIMITED");
  });

  it("takes an entry stored before a write for a miss", async () => {
    const body = JSON.stringify({ query: QUERY, operationName: null });
    await post(plain, body);
    await post(app, body);
    await app.cache.bumpGeneration();
    const after = await post(app, body);
    expect(after.headers.get("x-cache")).toBe("MISS");
  });

  it.each([
    ["a body that is not JSON", "{not json"],
    ["a JSON body that is not an object", `"query"`],
    ["an array of operations", JSON.stringify([{ query: QUERY }])],
  ])("answers %s exactly as the server without a response cache does", async (_name, body) => {
    const [warm, cold] = [await post(app, body), await post(plain, body)];
    expect(warm.status).toBe(cold.status);
    const strip = (text: string) => JSON.parse(text, (k, v) => (k === "requestId" ? undefined : v));
    expect(strip(warm.text)).toEqual(strip(cold.text));
  });
});
