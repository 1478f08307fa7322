import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle } from "../support/seed";
import { SourcesService } from "../../src/ingest/sources.service";
import { MemoryCache } from "../../src/cache/memory.cache";

const ADMIN = "admin-secret-for-tests-0123456789";
let db: TestDatabase;
let app: TestApp;
const admin = { authorization: `Bearer ${ADMIN}` };

beforeAll(async () => {
  db = await createTestDatabase();
  // No SSRF exceptions, as in production by default.
  const services = { sources: new SourcesService(db.dataSource, new MemoryCache(100), undefined, undefined, []) };
  app = await startTestApp(db.dataSource, { ADMIN_KEY: ADMIN }, services);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const ADD = `mutation($input: AddSourceInput!) { addSource(input: $input) { id name url kind health { nextFetchAt consecutiveErrors } } }`;

describe("admin source mutations", () => {
  it("adds a source for an admin and lists it", async () => {
    const res = await app.gql(ADD, { input: { url: "https://wire.example/feed.xml", name: "Wire", intervalSeconds: 600 } }, admin);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.addSource).toMatchObject({ name: "Wire", url: "https://wire.example/feed.xml", kind: null, health: { consecutiveErrors: 0 } });
    const list = await app.gql(`{ sources { name } }`);
    expect(list.body.data!.sources.map((s: { name: string }) => s.name)).toContain("Wire");
  });

  it("refuses anonymous callers", async () => {
    const res = await app.gql(ADD, { input: { url: "https://other.example/feed.xml" } });
    expect(res.body.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM source WHERE url = 'https://other.example/feed.xml'`);
    expect(n).toBe(0);
  });

  it.each([
    [{ url: "not a url" }, "input.url"],
    [{ url: "ftp://files.example/feed" }, "input.url"],
    [{ url: "https://wire.example/feed.xml" }, "input.url"],
    [{ url: "https://api.example/v2", kind: "api" }, "input.mapping"],
    [{ url: "https://api.example/v2", kind: "api", mapping: "../../etc/passwd" }, "input.mapping"],
    [{ url: "https://x.example/f", kind: "podcast" }, "input.kind"],
    [{ url: "https://x.example/f", intervalSeconds: 5 }, "input.intervalSeconds"],
    [{ url: "http://169.254.169.254/latest/meta-data/" }, "input.url"],
    [{ url: "http://[::ffff:a9fe:a9fe]/feed" }, "input.url"],
    [{ url: "http://127.0.0.1:8080/feed.xml" }, "input.url"],
    [{ url: "http://metadata.google.internal/feed" }, "input.url"],
  ])("rejects %j with BAD_USER_INPUT naming %s", async (input, argument) => {
    const res = await app.gql(ADD, { input }, admin);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });

  it("refuses a source the SSRF guard would refuse on every fetch, saying why, and stores nothing", async () => {
    const res = await app.gql(ADD, { input: { url: "http://10.0.0.7/feed.xml" } }, admin);
    expect(res.body.errors?.[0].message).toMatch(/SSRF guard would refuse every fetch of http:\/\/10\.0\.0\.7\/feed\.xml: refusing to connect to 10\.0\.0\.7 \(private\).*FETCH_ALLOW_HOSTS/);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM source WHERE url LIKE 'http://10.0.0.7/%'`);
    expect(n).toBe(0);
  });

  it("accepts a private address that FETCH_ALLOW_HOSTS lists", async () => {
    const allowed = new SourcesService(db.dataSource, new MemoryCache(10), undefined, undefined, ["10.0.0.0/8"]);
    await expect(allowed.add({ url: "http://10.0.0.8/feed.xml" })).resolves.toMatchObject({ id: expect.any(Number) });
  });

  it("removes a source but keeps articles another source also carried", async () => {
    const [{ id: a }] = await db.dataSource.query(`INSERT INTO source (url, name) VALUES ('https://a.example/f', 'A') RETURNING id`);
    const [{ id: b }] = await db.dataSource.query(`INSERT INTO source (url, name) VALUES ('https://b.example/f', 'B') RETURNING id`);
    const shared = await addArticle(db.dataSource, { sourceId: a, title: "Shared story", url: "https://news.example/shared" });
    await addArticle(db.dataSource, { sourceId: b, title: "Shared story", url: "https://news.example/shared" });
    const only = await addArticle(db.dataSource, { sourceId: a, title: "Only on A" });
    const gid = Buffer.from(`Source:${a}`).toString("base64url");
    const res = await app.gql(`mutation($id: ID!) { removeSource(id: $id) }`, { id: gid }, admin);
    expect(res.body.data).toEqual({ removeSource: true });
    const rows = await db.dataSource.query(`SELECT id, source_id FROM article WHERE id = ANY($1) ORDER BY id`, [[shared, only]]);
    expect(rows).toEqual([{ id: shared, source_id: b }]);
    expect((await app.gql(`mutation($id: ID!) { removeSource(id: $id) }`, { id: gid }, admin)).body.data).toEqual({ removeSource: false });
  });

  it("queues a refresh of an existing source and answers false for an unknown one", async () => {
    const [{ id }] = await db.dataSource.query(`INSERT INTO source (url, name, next_fetch_at) VALUES ('https://c.example/f', 'C', now() + interval '1 day') RETURNING id`);
    const res = await app.gql(`mutation($id: ID!, $missing: ID!) { ok: refreshSource(id: $id) missing: refreshSource(id: $missing) }`,
      { id: Buffer.from(`Source:${id}`).toString("base64url"), missing: Buffer.from("Source:999999").toString("base64url") }, admin);
    expect(res.body.data).toEqual({ ok: true, missing: false });
    const [{ due }] = await db.dataSource.query(`SELECT next_fetch_at <= now() AS due FROM source WHERE id = $1`, [id]);
    expect(due).toBe(true);
  });
});
