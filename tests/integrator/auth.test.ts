import { createHash } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";
import { KeyStore } from "../../src/auth/key.store";
import { createKey, postJson, sqlCount } from "./support";

let db: TestDatabase;
let app: TestApp;
let sourceGid: string;
const removed: number[] = [];
const services = { sources: { remove: async (id: number) => (removed.push(id), false) } };

beforeAll(async () => {
  db = await createTestDatabase();
  const sourceId = await addSource(db.dataSource, "Auth source");
  sourceGid = Buffer.from(`Source:${sourceId}`).toString("base64url");
  await addArticle(db.dataSource, { sourceId, title: "Keyed story" });
  app = await startTestApp(db.dataSource, { ADMIN_KEY: "dev-admin-secret-0123456789abcdef" }, services);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const REMOVE = `mutation($id: ID!) { removeSource(id: $id) }`;

describe("API keys", () => {
  it("accepts a key as a Bearer token or in x-api-key and serves it with the key's role", async () => {
    const { token } = await createKey(db.dataSource, "admin");
    const bearer = await app.gql(REMOVE, { id: sourceGid }, { authorization: `Bearer ${token}` });
    const header = await app.gql(REMOVE, { id: sourceGid }, { "x-api-key": token });
    expect(bearer.body).toMatchObject({ data: { removeSource: false } });
    expect(header.body).toMatchObject({ data: { removeSource: false } });
    expect(removed).toHaveLength(2);
  });

  it("refuses admin mutations to lower roles with FORBIDDEN, and to anonymous clients", async () => {
    const { token } = await createKey(db.dataSource, "integrator");
    const keyed = await app.gql(REMOVE, { id: sourceGid }, { authorization: `Bearer ${token}` });
    expect(keyed.body.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN" });
    const anonymous = await app.gql(REMOVE, { id: sourceGid });
    expect(anonymous.body.errors?.[0]).toMatchObject({ message: "Access denied! You don't have permission for this action!", extensions: { code: "FORBIDDEN" } });
    expect(anonymous.body.data).toBeNull();
  });

  it("accepts the development ADMIN_KEY as an admin secret", async () => {
    const res = await app.gql(REMOVE, { id: sourceGid }, { authorization: "Bearer dev-admin-secret-0123456789abcdef" });
    expect(res.body).toMatchObject({ data: { removeSource: false } });
  });

  it("stores only the sha256 of the secret and records when a key was last used", async () => {
    const { id, token } = await createKey(db.dataSource, "reader");
    const [row] = await db.dataSource.query(`SELECT * FROM api_key WHERE id = $1`, [id]);
    const secret = token.split("_").slice(2).join("_");
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret_hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(row.last_used_at).toBeNull();
    await app.gql(`{ articles { totalCount } }`, undefined, { "x-api-key": token });
    const deadline = Date.now() + 5000;
    let used: Date | null = null;
    while (!used && Date.now() < deadline) {
      used = (await new KeyStore(db.dataSource).find(id))!.lastUsedAt;
      if (!used) await new Promise((r) => setTimeout(r, 50));
    }
    expect(used).toBeInstanceOf(Date);
  });
});

describe("refused credentials", () => {
  it("answers a malformed key with 401 UNAUTHENTICATED, never as anonymous, without SQL", async () => {
    const res = await postJson(app.url, { query: "{ articles { totalCount } }" }, { authorization: "Bearer not-a-key" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="khabar", error="invalid_token"/);
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/not a Khabar API key/), extensions: { code: "UNAUTHENTICATED", requestId: res.headers.get("x-request-id") } });
    expect(sqlCount(res)).toBe(0);
  });

  it("answers another authorization scheme with 401", async () => {
    const res = await postJson(app.url, { query: "{ __typename }" }, { authorization: "Basic dXNlcjpwYXNz" });
    expect(res.status).toBe(401);
    expect(res.json.errors?.[0].message).toMatch(/expected "Authorization: Bearer <API key>", got a "Basic" credential/);
  });

  it("answers a well-formed unknown key with 401 after one lookup, and from the cache after that", async () => {
    const unknown = `khb_${"ab".repeat(6)}_${"x".repeat(43)}`;
    const first = await postJson(app.url, { query: "{ __typename }" }, { "x-api-key": unknown });
    const second = await postJson(app.url, { query: "{ __typename }" }, { "x-api-key": unknown });
    expect(first.status).toBe(401);
    expect(first.json.errors?.[0].message).toMatch(/invalid API key khb_abababababab_…/);
    expect(sqlCount(first)).toBe(1);
    expect(sqlCount(second)).toBe(0);
  });

  it("answers a right id with a wrong secret exactly like an unknown key", async () => {
    const { token } = await createKey(db.dataSource, "reader");
    const wrong = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    const res = await postJson(app.url, { query: "{ __typename }" }, { "x-api-key": wrong });
    expect(res.status).toBe(401);
    expect(res.json.errors?.[0].message).toMatch(/^auth: invalid API key/);
  });

  it("refuses a revoked key with 401 naming the revocation, without SQL once the lookup is cached", async () => {
    const { id, token } = await createKey(db.dataSource, "integrator");
    await new KeyStore(db.dataSource).revoke(id);
    const first = await postJson(app.url, { query: "{ __typename }" }, { authorization: `Bearer ${token}` });
    const again = await postJson(app.url, { query: "{ __typename }" }, { authorization: `Bearer ${token}` });
    expect(first.status).toBe(401);
    expect(first.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(new RegExp(`API key khb_${id}_… was revoked at 20`)), extensions: { code: "UNAUTHENTICATED" } });
    expect(again.status).toBe(401);
    expect(sqlCount(again)).toBe(0);
  });

  it("refuses keys that disagree between Authorization and x-api-key", async () => {
    const a = await createKey(db.dataSource, "reader");
    const b = await createKey(db.dataSource, "reader");
    const res = await postJson(app.url, { query: "{ __typename }" }, { authorization: `Bearer ${a.token}`, "x-api-key": b.token });
    expect(res.status).toBe(401);
    expect(res.json.errors?.[0].message).toMatch(/different keys/);
  });
});

describe("anonymous access and repeated failures", () => {
  it("requires a key when ANONYMOUS_ACCESS is off", async () => {
    const closed = await startTestApp(db.dataSource, { ANONYMOUS_ACCESS: "false" });
    try {
      const res = await postJson(closed.url, { query: "{ __typename }" });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="khabar"');
      expect(res.json.errors?.[0].message).toMatch(/requires an API key/);
      const { token } = await createKey(db.dataSource, "reader");
      expect((await postJson(closed.url, { query: "{ __typename }" }, { "x-api-key": token })).status).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it("stops looking keys up for an address that keeps sending bad ones (429 with Retry-After)", async () => {
    const other = await startTestApp(db.dataSource);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const key = `khb_${i.toString(16).padStart(12, "c")}_${"y".repeat(43)}`;
        statuses.push((await postJson(other.url, { query: "{ __typename }" }, { "x-api-key": key })).status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      const throttled = await postJson(other.url, { query: "{ __typename }" }, { "x-api-key": `khb_${"d".repeat(12)}_${"y".repeat(43)}` });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(throttled.json.errors?.[0].extensions?.code).toBe("RATE_LIMITED");
      expect(sqlCount(throttled)).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe("introspection and suggestions by role", () => {
  let prod: TestApp;
  let integrator: string;

  beforeAll(async () => {
    prod = await startTestApp(db.dataSource, { INTROSPECTION: "false", INTROSPECTION_ROLES: "integrator,admin" });
    integrator = (await createKey(db.dataSource, "integrator")).token;
  });
  afterAll(() => prod?.close());

  it("refuses introspection to anonymous clients with FORBIDDEN before any SQL, even through a fragment", async () => {
    const direct = await postJson(prod.url, { query: "{ __schema { types { name } } }" });
    const hidden = await postJson(prod.url, { query: "query { ...F } fragment F on Query { __type(name: \"Article\") { name } }" });
    for (const res of [direct, hidden]) {
      expect(res.status).toBe(403);
      expect(res.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Introspection is not available to role public/), extensions: { code: "FORBIDDEN" } });
      expect(sqlCount(res)).toBe(0);
    }
  });

  it("allows introspection to an integrator key", async () => {
    const res = await postJson(prod.url, { query: "{ __schema { queryType { name } } }" }, { "x-api-key": integrator });
    expect(res.json).toMatchObject({ data: { __schema: { queryType: { name: "Query" } } } });
  });

  it("gives field suggestions only to roles allowed to see the schema", async () => {
    const anonymous = await postJson(prod.url, { query: "{ articles { nodes { titel } } }" });
    const keyed = await postJson(prod.url, { query: "{ articles { nodes { titel } } }" }, { "x-api-key": integrator });
    expect(anonymous.json.errors?.[0].message).toBe(`Cannot query field "titel" on type "Article".`);
    expect(keyed.json.errors?.[0].message).toMatch(/Did you mean "title"\?/);
  });

  it("still answers __typename to everyone", async () => {
    const res = await postJson(prod.url, { query: "{ __typename }" });
    expect(res.json.data).toEqual({ __typename: "Query" });
  });
});

describe("response cache and keys", () => {
  it("serves anonymous repeats from the cache but never shares a keyed request's response", async () => {
    const { token } = await createKey(db.dataSource, "reader");
    const q = `{ articles { nodes { title } } }`;
    await app.gql(q);
    expect((await app.gql(q)).headers.get("x-cache")).toBe("HIT");
    const keyed = await app.gql(q, undefined, { "x-api-key": token });
    expect(keyed.headers.get("x-cache")).toBeNull();
    expect(keyed.body.data).toEqual({ articles: { nodes: [{ title: "Keyed story" }] } });
  });
});
