import { AsyncLocalStorage } from "node:async_hooks";
import { createTestDatabase, failingReads, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { createKey, postJson, raw } from "./support";

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp(db.dataSource);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe("request ids", () => {
  it("puts the request id on the response and in every error", async () => {
    const res = await postJson(app.url, { query: `{ a: article(id: "x") { title } b: article(id: "y") { title } }` });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.errors?.length).toBe(2);
    for (const e of res.json.errors!) expect(e.extensions).toMatchObject({ code: "BAD_USER_INPUT", requestId: id });
  });

  it("keeps a client's plain request id and replaces one that is not plain", async () => {
    const kept = await postJson(app.url, { query: "{ nope }" }, { "x-request-id": "client-42.a" });
    expect(kept.headers.get("x-request-id")).toBe("client-42.a");
    expect(kept.json.errors?.[0].extensions?.requestId).toBe("client-42.a");
    const replaced = await postJson(app.url, { query: "{ __typename }" }, { "x-request-id": "bad\tid with spaces" });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("carries it on refusals made before GraphQL runs", async () => {
    const res = await raw(app.url, { method: "POST", headers: { "content-type": "application/json", "x-request-id": "early-1" }, body: "{" });
    expect(res.json.errors?.[0].extensions).toMatchObject({ code: "BAD_REQUEST", requestId: "early-1" });
  });

  it("carries it on refusals Apollo makes before a GraphQL request exists", async () => {
    const batch = await postJson(app.url, [{ query: "{ __typename }" }, { query: "{ __typename }" }], { "x-request-id": "batch-1" });
    expect(batch.status).toBe(400);
    expect(batch.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/batching disabled/), extensions: { requestId: "batch-1" } });
    expect(batch.text.endsWith("}\n")).toBe(true);
    const csrf = await raw(app.url, { method: "POST", headers: { "content-type": "text/plain", "x-request-id": "csrf-1" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(csrf.status).toBe(400);
    expect(csrf.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Cross-Site Request Forgery/), extensions: { requestId: "csrf-1" } });
  });
});

describe("request context in production", () => {
  it("answers data, client errors and keyed requests without entering any AsyncLocalStorage", async () => {
    // Entering one switches on promise hooks for the whole process: 5-10% of a page's CPU.
    const run = jest.spyOn(AsyncLocalStorage.prototype, "run");
    const enterWith = jest.spyOn(AsyncLocalStorage.prototype, "enterWith");
    const prod = await startTestApp(db.dataSource, { NODE_ENV: "production", RESPONSE_CACHE: "false", LOG_LEVEL: "silent" });
    try {
      const { token } = await createKey(db.dataSource, "reader");
      expect((await postJson(prod.url, { query: "{ articles(first: 1) { nodes { title } } }" })).json.data).toBeDefined();
      expect((await postJson(prod.url, { query: "{ articles(first: 1) { nodes { title } } }" }, { authorization: `Bearer ${token}` })).json.data).toBeDefined();
      const bad = await postJson(prod.url, { query: `{ article(id: "x") { title } }` }, { "x-request-id": "prod-1" });
      expect(bad.json.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", requestId: "prod-1" });
      expect(run).not.toHaveBeenCalled();
      expect(enterWith).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
      enterWith.mockRestore();
      await prod.close();
    }
  });
});

describe("internal errors in production", () => {
  let prod: TestApp;

  beforeAll(async () => {
    // A database that fails every statement with a message that quotes SQL.
    const broken = failingReads(db.dataSource, `relation "article" does not exist: SELECT a.id, a.secret FROM article a`);
    prod = await startTestApp(broken, { NODE_ENV: "production", RESPONSE_CACHE: "false", LOG_LEVEL: "silent" });
  });
  afterAll(() => prod?.close());

  it("answers INTERNAL_SERVER_ERROR with the request id and no message, stack or SQL", async () => {
    const res = await postJson(prod.url, { query: "{ articles { nodes { title } } }" });
    expect(res.json.errors?.[0]).toEqual({ message: "Internal server error", path: ["articles"], locations: [{ line: 1, column: 3 }], extensions: { code: "INTERNAL_SERVER_ERROR", requestId: res.headers.get("x-request-id") } });
    expect(res.text).not.toMatch(/SELECT|relation|stacktrace|at .*\.ts/);
    expect(res.headers.get("x-sql-statements")).toBeNull();
  });

  it("still lets client errors through as they are", async () => {
    const res = await postJson(prod.url, { query: `{ article(id: "x") { title } }` });
    expect(res.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^id: "x" is not a Khabar global id/), extensions: { code: "BAD_USER_INPUT" } });
  });
});
