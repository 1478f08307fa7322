import express from "express";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";

let db: TestDatabase;
let open: TestApp;
let listed: TestApp;
let off: TestApp;
// Express copies its application methods onto each app it makes: a spy set first sees every request an app handles.
let handled: jest.SpyInstance;

beforeAll(async () => {
  handled = jest.spyOn(express.application as unknown as { handle: () => void }, "handle");
  db = await createTestDatabase();
  const sourceId = await addSource(db.dataSource, "Cors source");
  await addArticle(db.dataSource, { sourceId, title: "A story for browsers" });
  const env = { RESPONSE_CACHE: "false", FAST_PATH: "true" };
  open = await startTestApp(db.dataSource, env);
  listed = await startTestApp(db.dataSource, { ...env, CORS_ORIGINS: "https://app.example,http://localhost:3000" });
  off = await startTestApp(db.dataSource, { ...env, CORS_ORIGINS: "none" });
});

afterAll(async () => {
  await open?.close();
  await listed?.close();
  await off?.close();
  await db?.close();
  handled.mockRestore();
});

const QUERY = JSON.stringify({ query: "query Front { articles(first: 1) { nodes { title } } }" });

const preflight = (app: TestApp, origin: string) => fetch(`${app.url}/graphql`, {
  method: "OPTIONS",
  headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-api-key" },
});

const post = (app: TestApp, origin: string) =>
  fetch(`${app.url}/graphql`, { method: "POST", headers: { origin, "content-type": "application/json" }, body: QUERY });

describe("CORS for browser pages", () => {
  it("answers a preflight from any origin by default, allowing POST and the key headers", async () => {
    const res = await preflight(open, "https://news-app.example");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toContain("x-api-key");
    expect(res.headers.get("access-control-max-age")).toBe("600");
  });

  it("names the allowed origin and exposes the request id and rate limits on answers, from Express and from the front door alike", async () => {
    const first = await post(open, "https://news-app.example");
    handled.mockClear();
    const repeat = await post(open, "https://news-app.example");
    // The repeat was answered by the front door, before Express.
    expect(handled).not.toHaveBeenCalled();
    for (const res of [first, repeat]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-expose-headers")).toContain("x-request-id");
      expect(res.headers.get("access-control-expose-headers")).toContain("ratelimit-remaining");
    }
    expect((await repeat.json()).data.articles.nodes).toEqual([{ title: "A story for browsers" }]);
  });

  it("adds nothing for clients that send no Origin (servers, scripts), on either path", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${open.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: QUERY });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("with a list, allows only the origins named", async () => {
    const ok = await preflight(listed, "http://localhost:3000");
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const other = await preflight(listed, "https://evil.example");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    await post(listed, "https://evil.example");
    const repeat = await post(listed, "https://evil.example");
    expect(repeat.headers.get("access-control-allow-origin")).toBeNull();
    const named = await post(listed, "https://app.example");
    expect(named.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(named.headers.get("vary")).toContain("Origin");
  });

  it("sends no CORS headers when CORS_ORIGINS is none", async () => {
    const res = await preflight(off, "https://news-app.example");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    await post(off, "https://news-app.example");
    expect((await post(off, "https://news-app.example")).headers.get("access-control-allow-origin")).toBeNull();
  });
});
