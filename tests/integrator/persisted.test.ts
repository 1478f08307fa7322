import path from "node:path";
import { Command } from "commander";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";
import { registerQueryCommands } from "../../src/cli/queries";
import { loadConfig } from "../../src/config/config";
import { queryHash } from "../../src/graphql/plugins/safelist";
import { createKey, postJson, sqlCount } from "./support";

const FIXTURES = path.resolve(__dirname, "../fixtures/integrator");

let db: TestDatabase;
let app: TestApp;
let lines: string[] = [];

async function khabar(...args: string[]): Promise<string[]> {
  lines = [];
  const program = new Command("khabar").exitOverride().configureOutput({ writeErr: (s) => lines.push(s.trim()), writeOut: (s) => lines.push(s.trim()) });
  registerQueryCommands(program, { openDb: async () => db, config: loadConfig({ NODE_ENV: "test" }), out: (l) => lines.push(l) });
  program.commands.forEach((c) => c.exitOverride().commands.forEach((s) => s.exitOverride()));
  await program.parseAsync(["node", "khabar", ...args]);
  return lines;
}

const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

beforeAll(async () => {
  db = await createTestDatabase();
  await addArticle(db.dataSource, { sourceId: await addSource(db.dataSource, "APQ source"), title: "Persisted story" });
  app = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe("automatic persisted queries", () => {
  const query = "{ articles { nodes { title } } }";
  const hash = queryHash(query);

  it("asks for the text of an unknown hash, then serves the hash alone once it was sent with its text", async () => {
    const unknown = await postJson(app.url, { extensions: apq(hash) });
    expect(unknown.json.errors?.[0]).toMatchObject({ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } });
    expect(sqlCount(unknown)).toBe(0);
    const registered = await postJson(app.url, { query, extensions: apq(hash) });
    expect(registered.json.data).toEqual({ articles: { nodes: [{ title: "Persisted story" }] } });
    const byHash = await postJson(app.url, { extensions: apq(hash) });
    expect(byHash.json.data).toEqual(registered.json.data);
  });

  it("refuses a hash that is not the text's sha256", async () => {
    const res = await postJson(app.url, { query, extensions: apq("0".repeat(64)) });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]).toMatchObject({ message: "provided sha does not match query", extensions: { code: "BAD_REQUEST" } });
  });
});

describe("khabar queries", () => {
  it("registers each operation of a .graphql file with the fragments it uses", async () => {
    const out = await khabar("queries", "register", path.join(FIXTURES, "front-page.graphql"));
    expect(out.slice(0, 2)).toEqual([expect.stringMatching(/^[0-9a-f]{64}  FrontPage  registered$/), expect.stringMatching(/^[0-9a-f]{64}  ArabicPage  registered$/)]);
    expect(out[2]).toMatch(/^2 new, 0 already registered/);
    const again = await khabar("queries", "register", path.join(FIXTURES, "front-page.graphql"));
    expect(again[2]).toMatch(/^0 new, 2 already registered/);
    const rows = await db.dataSource.query(`SELECT body FROM persisted_query WHERE operation_name = 'FrontPage'`);
    expect(rows[0].body).toContain("fragment Teaser on Article");
    expect(rows[0].body).not.toContain("ArabicPage");
  });

  it("registers an Apollo persisted-query manifest byte for byte", async () => {
    const out = await khabar("queries", "register", path.join(FIXTURES, "manifest.json"));
    expect(out[0]).toBe(`${queryHash("query Count { articles { totalCount } }")}  Count  registered`);
  });

  it("refuses a file whose operations do not validate, naming the file and the problem", async () => {
    await expect(khabar("queries", "register", path.join(FIXTURES, "invalid.graphql"))).rejects.toThrow();
    expect(lines.join(" ")).toMatch(/invalid\.graphql: Cannot query field "headline" on type "Article"/);
  });
});

describe("safelist", () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await startTestApp(db.dataSource, { SAFELIST: "enforce", RESPONSE_CACHE: "false" });
  });
  afterAll(() => strict?.close());

  const registeredBody = async (name: string) => (await db.dataSource.query(`SELECT hash, body FROM persisted_query WHERE operation_name = $1`, [name]))[0];

  it("runs registered operations by hash alone or by their registered text", async () => {
    const { hash, body } = await registeredBody("FrontPage");
    const byHash = await postJson(strict.url, { extensions: apq(hash), variables: { first: 3 } });
    expect(byHash.json.data).toEqual({ articles: { nodes: [{ title: "Persisted story", source: { name: "APQ source" } }] } });
    const byText = await postJson(strict.url, { query: body, variables: { first: 3 } });
    expect(byText.json.data).toEqual(byHash.json.data);
  });

  it("refuses any other operation with FORBIDDEN, before any SQL", async () => {
    const res = await postJson(strict.url, { query: "{ articles { totalCount } }" });
    expect(res.status).toBe(403);
    expect(res.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^This gateway runs registered operations only \(safelist\); operation [0-9a-f]{16}… is not registered/),
      extensions: { code: "FORBIDDEN", reason: "SAFELIST" },
    });
    expect(sqlCount(res)).toBe(0);
  });

  it("does not learn new operations through APQ while enforcing", async () => {
    const query = "{ articles { nodes { id } } }";
    await postJson(strict.url, { query, extensions: apq(queryHash(query)) });
    const res = await postJson(strict.url, { extensions: apq(queryHash(query)) });
    expect(res.json.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("holds a key created with --safelist to registered operations on an open gateway", async () => {
    const open = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
    try {
      const { token } = await createKey(db.dataSource, "integrator", { safelistOnly: true });
      const { hash } = await registeredBody("Count");
      const ok = await postJson(open.url, { extensions: apq(hash) }, { "x-api-key": token });
      expect(ok.json.data).toEqual({ articles: { totalCount: 1 } });
      const refused = await postJson(open.url, { query: "{ articles { nodes { title } } }" }, { "x-api-key": token });
      expect(refused.status).toBe(403);
      expect(refused.json.errors?.[0].message).toMatch(/API key [0-9a-f]{12} may run registered operations only/);
      expect((await postJson(open.url, { query: "{ articles { nodes { title } } }" })).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it("picks up new registrations on its next refresh", async () => {
    const quick = await startTestApp(db.dataSource, { SAFELIST: "enforce", SAFELIST_REFRESH_SECONDS: "1" });
    try {
      const query = "query Latest { articles(first: 1) { nodes { title } } }";
      expect((await postJson(quick.url, { query })).status).toBe(403);
      await db.dataSource.query(`INSERT INTO persisted_query (hash, body, operation_name) VALUES ($1, $2, 'Latest')`, [queryHash(query), query]);
      const deadline = Date.now() + 5000;
      let status = 403;
      while (status === 403 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await postJson(quick.url, { query })).status;
      }
      expect(status).toBe(200);
    } finally {
      await quick.close();
    }
  });
});
