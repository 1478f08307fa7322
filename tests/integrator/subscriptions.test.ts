import WebSocket from "ws";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addArticle, addPerson, addSource } from "../support/seed";
import type { IngestEvent } from "../../src/ingest/ingest-events";
import { randomBytes } from "node:crypto";
import { createPublisher } from "../../src/graphql/subscriptions";
import { createLogger } from "../../src/logging";
import { collect, createKey, startGateway, waitFor, wsClient, type Gateway } from "./support";

let db: TestDatabase;
let gw: Gateway;
let sourceId: number;
let personId: number;
let eventId: number;
const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString("base64url");

beforeAll(async () => {
  db = await createTestDatabase();
  sourceId = await addSource(db.dataSource, "Live source");
  personId = await addPerson(db.dataSource, { en: "Sergey Lavrov", ar: "سيرغي لافروف" });
  const [e] = await db.dataSource.query(`INSERT INTO event (titles, starts_at, ends_at, article_count) VALUES ('{"en":"Talks"}', now(), now(), 3) RETURNING id`);
  eventId = e.id;
  gw = await startGateway(db.dataSource, { SUBSCRIPTIONS_PER_SOCKET: "3" });
});

afterAll(async () => {
  await gw?.close();
  await db?.close();
});

// Each test starts once the previous test's subscriptions have stopped listening.
afterEach(() => waitFor(() => (gw.running.integrator.hub?.listeners ?? 0) === 0, "earlier subscriptions to end"));

async function announce(title: string, language: string, extra: Partial<Extract<IngestEvent, { type: "articleAdded" }>> = {}, target = gw) {
  const articleId = await addArticle(db.dataSource, { sourceId, title, language });
  await target.publisher.publish({
    type: "articleAdded", articleId, sourceId, language, category: null, personIds: [], countryCodes: [], eventIds: [], publishedAt: new Date().toISOString(), ...extra,
  });
  return articleId;
}

const ADDED = `subscription($filter: ArticleFilter) { articleAdded(filter: $filter) { id title language source { name } } }`;
const listening = (target = gw, n = 1) => waitFor(() => (target.running.integrator.hub?.listeners ?? 0) >= n, "the subscription to be listening");

describe("articleAdded", () => {
  it("delivers newly ingested articles matching the filter, resolved from the database", async () => {
    const client = wsClient(gw.url);
    const sub = collect(client, ADDED, { filter: { languages: ["ar"] } });
    await listening();
    await announce("English story", "en");
    const arId = await announce("خبر عربي", "ar");
    await waitFor(() => sub.values.length >= 1, "an Arabic article");
    await new Promise((r) => setTimeout(r, 100));
    expect(sub.values).toEqual([{ data: { articleAdded: { id: gid("Article", arId), title: "خبر عربي", language: "ar", source: { name: "Live source" } } } }]);
    sub.dispose();
    await client.dispose();
  });

  it("requires every person of the filter, like the articles query", async () => {
    const client = wsClient(gw.url);
    const sub = collect(client, ADDED, { filter: { people: [gid("Person", personId)] } });
    await listening();
    await announce("Without him", "en");
    await announce("With him", "en", { personIds: [personId] });
    await waitFor(() => sub.values.length >= 1, "the article about him");
    expect(sub.values[0].data.articleAdded.title).toBe("With him");
    sub.dispose();
    await client.dispose();
  });

  it("refuses a malformed id at subscribe, naming the argument", async () => {
    const client = wsClient(gw.url);
    const sub = collect(client, ADDED, { filter: { people: ["nonsense"] } });
    await sub.done;
    expect(sub.error).toEqual([expect.objectContaining({ message: expect.stringMatching(/^filter\.people\[0\]: "nonsense" is not a Khabar global id/), extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "filter.people[0]" }) })]);
    await client.dispose();
  });

  it("refuses ids that name nothing at subscribe instead of waiting forever", async () => {
    const client = wsClient(gw.url);
    const people = collect(client, ADDED, { filter: { people: [gid("Person", personId), gid("Person", 999999)] } });
    const sources = collect(client, ADDED, { filter: { sources: [gid("Source", 424242)] } });
    await Promise.all([people.done, sources.done]);
    expect((people.error as { message: string }[])[0].message).toBe(`filter.people[1]: no Person with id "${gid("Person", 999999)}"`);
    expect((sources.error as { message: string }[])[0].message).toBe(`filter.sources[0]: no Source with id "${gid("Source", 424242)}"`);
    await client.dispose();
  });

  it("refuses full-text search, which cannot be matched on live events", async () => {
    const client = wsClient(gw.url);
    const sub = collect(client, ADDED, { filter: { q: "lavrov" } });
    await sub.done;
    expect((sub.error as { message: string }[])[0].message).toMatch(/^filter\.q: full-text search is not available on subscriptions/);
    await client.dispose();
  });
});

describe("eventUpdated", () => {
  it("delivers updates of the event asked for only", async () => {
    const client = wsClient(gw.url);
    const sub = collect(client, `subscription($id: ID!) { eventUpdated(id: $id) { id name articleCount } }`, { id: gid("Event", eventId) });
    await listening();
    await gw.publisher.publish({ type: "eventUpdated", eventId: eventId + 1000, articleCount: 1 });
    await gw.publisher.publish({ type: "eventUpdated", eventId, articleCount: 3 });
    await waitFor(() => sub.values.length >= 1, "the event update");
    expect(sub.values).toEqual([{ data: { eventUpdated: { id: gid("Event", eventId), name: "Talks", articleCount: 3 } } }]);
    sub.dispose();
    await client.dispose();
  });

  it("refuses an event that does not exist", async () => {
    const client = wsClient(gw.url);
    const sub = collect(client, `subscription { eventUpdated(id: "${gid("Event", 777777)}") { id } }`);
    await sub.done;
    expect((sub.error as { extensions: { code: string } }[])[0].extensions.code).toBe("BAD_USER_INPUT");
    await client.dispose();
  });
});

describe("keys, cost and limits on WebSockets", () => {
  const closeOf = (client: ReturnType<typeof wsClient>) =>
    new Promise<{ code: number; reason: string }>((resolve) => client.on("closed", (e) => resolve(e as { code: number; reason: string })));

  it("closes a connection whose connection_init carries a bad key with 4401", async () => {
    const client = wsClient(gw.url, { authorization: "Bearer khb_000000000000_" + "z".repeat(43) });
    const closed = closeOf(client);
    collect(client, ADDED);
    const e = await closed;
    expect(e.code).toBe(4401);
    expect(String(e.reason)).toMatch(/^UNAUTHENTICATED: auth: invalid API key/);
    await client.dispose();
  });

  it("accepts a key in connection_init and serves its role", async () => {
    const { token } = await createKey(db.dataSource, "integrator");
    const client = wsClient(gw.url, { "x-api-key": token });
    const sub = collect(client, ADDED);
    await listening();
    await announce("For the integrator", "en");
    await waitFor(() => sub.values.length >= 1, "the article");
    sub.dispose();
    await client.dispose();
  });

  it("checks the cost at subscribe", async () => {
    const client = wsClient(gw.url);
    const sub = collect(client, `subscription { articleAdded { people(first: 100) { articles(first: 100) { nodes { title } } } } }`);
    await sub.done;
    expect((sub.error as { extensions: Record<string, unknown> }[])[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", cost: 10001, maxCost: 1000 });
    await client.dispose();
  });

  it("serves only subscriptions over the socket", async () => {
    const client = wsClient(gw.url);
    const sub = collect(client, `{ articles { totalCount } }`);
    await sub.done;
    expect((sub.error as { message: string }[])[0].message).toMatch(/Only subscriptions are served over WebSocket/);
    await client.dispose();
  });

  it("limits the subscriptions one connection may hold", async () => {
    const client = wsClient(gw.url);
    const subs = [1, 2, 3].map(() => collect(client, ADDED));
    await listening(gw, 3);
    const fourth = collect(client, ADDED);
    await fourth.done;
    expect((fourth.error as { message: string; extensions: { code: string } }[])[0]).toMatchObject({ message: "At most 3 subscriptions per connection; complete one first.", extensions: { code: "RATE_LIMITED" } });
    subs.forEach((s) => s.dispose());
    await client.dispose();
  });

  it("charges subscriptions to the client's bucket", async () => {
    const limited = await startGateway(db.dataSource, { RATE_LIMIT: "true", RATE_LIMIT_PUBLIC: "3/0.001" });
    try {
      const client = wsClient(limited.url);
      const first = collect(client, `subscription { articleAdded { title source { name } } }`);
      await listening(limited);
      const second = collect(client, `subscription { articleAdded { title source { name } } }`);
      await second.done;
      expect((second.error as { extensions: Record<string, unknown> }[])[0].extensions).toMatchObject({ code: "RATE_LIMITED", cost: { requested: 2, remaining: 1 } });
      first.dispose();
      await client.dispose();
    } finally {
      await limited.close();
    }
  });
});

describe("slow consumers and shutdown", () => {
  it("closes a consumer that stops reading with 4008 instead of buffering for it", async () => {
    const slow = await startGateway(db.dataSource, { SUBSCRIPTION_QUEUE_LIMIT: "5" });
    try {
      const big = await addArticle(db.dataSource, { sourceId, title: "Long read", bodyText: "word ".repeat(20_000) });
      const socket = new WebSocket(slow.url.replace("http", "ws") + "/graphql", "graphql-transport-ws");
      const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
      await new Promise((r) => socket.once("open", r));
      socket.send(JSON.stringify({ type: "connection_init" }));
      await new Promise((r) => socket.once("message", r));
      const fields = Array.from({ length: 15 }, (_, i) => `b${i}: bodyText`).join(" ");
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: `subscription { articleAdded { ${fields} } }` } }));
      await listening(slow);
      // The client stops reading: TCP buffers fill, sends stall, and events queue on the server.
      (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      const event = { type: "articleAdded" as const, articleId: big, sourceId, language: "en", category: null, personIds: [], countryCodes: [], eventIds: [], publishedAt: new Date().toISOString() };
      for (let i = 0; i < 400 && (slow.running.integrator.hub?.listeners ?? 0) > 0; i++) {
        await slow.publisher.publish(event);
        await new Promise((r) => setTimeout(r, 15));
      }
      expect(slow.running.integrator.hub?.listeners).toBe(0);
      (socket as unknown as { _socket: { resume(): void } })._socket.resume();
      expect(await closed).toEqual({ code: 4008, reason: "slow consumer: more than 5 undelivered events" });
    } finally {
      await slow.close();
    }
  });

  it("closes open subscriptions when the server stops", async () => {
    const stopping = await startGateway(db.dataSource);
    const client = wsClient(stopping.url);
    const sub = collect(client, ADDED);
    const closed = new Promise<{ code: number }>((resolve) => client.on("closed", (e) => resolve(e as { code: number })));
    await listening(stopping);
    await stopping.close();
    expect((await closed).code).toBe(1001);
    await sub.done;
    await client.dispose();
  });
});

(process.env.REDIS_URL ? describe : describe.skip)("Redis pub/sub", () => {
  it("delivers what any worker publishes to the subscribers of every replica, once", async () => {
    const shared = { REDIS_PREFIX: `khabar:test:${randomBytes(6).toString("hex")}:` };
    const [a, b] = await Promise.all([startGateway(db.dataSource, shared), startGateway(db.dataSource, shared)]);
    const worker = createPublisher({ redisUrl: process.env.REDIS_URL, redisPrefix: shared.REDIS_PREFIX }, createLogger({ logLevel: "silent", env: "test" }));
    const clients = [wsClient(a.url), wsClient(b.url)];
    try {
      const subs = clients.map((c) => collect(c, ADDED));
      await Promise.all([listening(a), listening(b)]);
      expect(a.running.integrator.hub?.kind).toBe("redis");
      const articleId = await addArticle(db.dataSource, { sourceId, title: "Across replicas", language: "en" });
      await worker.publish({ type: "articleAdded", articleId, sourceId, language: "en", category: null, personIds: [], countryCodes: [], eventIds: [], publishedAt: new Date().toISOString() });
      await waitFor(() => subs.every((s) => s.values.length >= 1), "both replicas to deliver");
      await new Promise((r) => setTimeout(r, 200));
      expect(subs.map((s) => s.values.map((v) => v.data.articleAdded.title))).toEqual([["Across replicas"], ["Across replicas"]]);
      subs.forEach((s) => s.dispose());
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
      await worker.close();
      await a.close();
      await b.close();
    }
  });
});
