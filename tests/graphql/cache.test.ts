import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";
import { MemoryCache } from "../../src/cache/memory.cache";
import { RedisCache } from "../../src/cache/redis.cache";
import { createLogger } from "../../src/logging";

let db: TestDatabase;
let app: TestApp;
let sourceId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  sourceId = await addSource(db.dataSource, "Cache source");
  await addArticle(db.dataSource, { sourceId, title: "First story" });
  app = await startTestApp(db.dataSource);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const Q = `{ articles { totalCount nodes { title } } }`;

describe("response cache", () => {
  it("serves a repeated anonymous query from the cache without touching the database", async () => {
    const first = await app.gql(Q);
    const second = await app.gql(Q);
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(second.body).toEqual(first.body);
  });

  it("stops serving an entry once a write bumps the generation", async () => {
    await app.gql(Q);
    await addArticle(db.dataSource, { sourceId, title: "Second story", publishedAt: new Date("2030-01-01T00:00:00Z") });
    await app.cache.bumpGeneration();
    const res = await app.gql(Q);
    expect(res.headers.get("x-cache")).toBe("MISS");
    expect(res.body.data!.articles.nodes[0].title).toBe("Second story");
  });

  it("never shares responses of requests that carry credentials", async () => {
    await app.gql(Q);
    const res = await app.gql(Q, undefined, { authorization: "Bearer some-key" });
    expect(res.headers.get("x-cache")).toBeNull();
  });

  it("does not cache responses with errors", async () => {
    const bad = `{ articles(after: "nope") { totalCount } }`;
    await app.gql(bad);
    const res = await app.gql(bad);
    expect(res.headers.get("x-cache")).toBe("MISS");
  });
});

describe("cache backends", () => {
  it("treats an unreachable Redis as a miss instead of failing", async () => {
    const cache = await RedisCache.connect("redis://127.0.0.1:1", "khabar:test:", createLogger({ logLevel: "silent", env: "test" }));
    await expect(cache.get("k")).resolves.toBeUndefined();
    await expect(cache.mget(["a", "b"])).resolves.toEqual([undefined, undefined]);
    await expect(cache.set("k", "v", 10)).resolves.toBeUndefined();
    await expect(cache.generation()).resolves.toBeUndefined();
    await cache.close();
  });

  it("keeps working when Redis is down: requests bypass the cache and still succeed", async () => {
    const down = await startTestApp(db.dataSource, { REDIS_URL: "redis://127.0.0.1:1" });
    const res = await down.gql(Q);
    expect(res.status).toBe(200);
    expect(res.body.data!.articles.totalCount).toBe(2);
    await down.close();
  });

  it("bumps the in-process generation so earlier keys go stale", async () => {
    const cache = new MemoryCache(100);
    const g1 = await cache.generation();
    expect(await cache.bumpGeneration()).toBe(g1! + 1);
  });
});
