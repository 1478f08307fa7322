import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { composeServices } from "@apollo/composition";
import { ApolloGateway } from "@apollo/gateway";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addPerson, addSource } from "../support/seed";
import { collect, postJson, wsClient } from "./support";

let db: TestDatabase;
let khabar: TestApp;
let bookmarks: { server: ApolloServer; url: string };
let gateway: { server: ApolloServer; url: string };
let articleGid: string;
let personGid: string;

/** A second subgraph written for this test: bookmarks that reference Khabar articles and add a field to them. */
const BOOKMARKS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { bookmarks: [Bookmark!]! }
  type Bookmark { note: String! article: Article! }
  type Article @key(fields: "id") { id: ID! bookmarked: Boolean! }
`);

async function startBookmarks() {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{
      typeDefs: BOOKMARKS_SDL,
      resolvers: {
        Query: { bookmarks: () => [{ note: "read later", article: { id: articleGid } }] },
        Article: {
          __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
          bookmarked: (a: { id: string }) => a.id === articleGid,
        },
      } as never,
    }]),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  return { server, url };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const sourceId = await addSource(db.dataSource, "Federated source");
  const personId = await addPerson(db.dataSource, { en: "Marco Rubio", ar: "ماركو روبيو" });
  personGid = Buffer.from(`Person:${personId}`).toString("base64url");
  const first = await addArticle(db.dataSource, { sourceId, title: "Bookmarked story", people: [{ personId, count: 2, salience: 0.9, firstOffset: 0 }] });
  articleGid = Buffer.from(`Article:${first}`).toString("base64url");
  await addArticle(db.dataSource, { sourceId, title: "Other story", publishedAt: new Date("2020-01-01T00:00:00Z") });
  khabar = await startTestApp(db.dataSource, { FEDERATION: "1" });
  bookmarks = await startBookmarks();
  const sdl = (await postJson(khabar.url, { query: "{ _service { sdl } }" })).json.data._service.sdl as string;
  const composed = composeServices([
    { name: "khabar", typeDefs: parse(sdl), url: `${khabar.url}/graphql` },
    { name: "bookmarks", typeDefs: BOOKMARKS_SDL, url: bookmarks.url },
  ]);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join("; ")}`);
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) as never });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  gateway = { server, url };
});

afterAll(async () => {
  await gateway?.server.stop();
  await bookmarks?.server.stop();
  await khabar?.close();
  await db?.close();
});

describe("Federation 2 subgraph", () => {
  it("publishes its SDL with @key on Article, Person, Country and Event", async () => {
    const sdl = (await postJson(khabar.url, { query: "{ _service { sdl } }" })).json.data._service.sdl as string;
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.7"/);
    for (const [type, key] of [["Article", "id"], ["Person", "id"], ["Event", "id"], ["Country", "code"]]) {
      expect(sdl).toMatch(new RegExp(`type ${type} implements [^{]*@key\\(fields: "${key}"\\)`));
    }
    expect(sdl).not.toMatch(/type Subscription/);
  });

  it("resolves entity representations through the loaders", async () => {
    const res = await postJson(khabar.url, {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Article { title } ... on Person { name } ... on Country { name(lang: "ar") } } }`,
      variables: { r: [{ __typename: "Article", id: articleGid }, { __typename: "Person", id: personGid }, { __typename: "Country", code: "US" }] },
    });
    expect(res.json.data._entities).toEqual([
      { __typename: "Article", title: "Bookmarked story" },
      { __typename: "Person", name: "Marco Rubio" },
      { __typename: "Country", name: "الولايات المتحدة" },
    ]);
    expect(res.json.extensions?.cost.requested).toBe(3);
  });

  it("answers through a real gateway from the other subgraph into Khabar", async () => {
    const res = await postJson(gateway.url, { query: `{ bookmarks { note article { title source { name } people { name } bookmarked } } }` });
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data).toEqual({ bookmarks: [{ note: "read later", article: { title: "Bookmarked story", source: { name: "Federated source" }, people: [{ name: "Marco Rubio" }], bookmarked: true } }] });
  });

  it("answers through a real gateway from Khabar into the other subgraph", async () => {
    const res = await postJson(gateway.url, { query: `{ articles(first: 5) { nodes { title bookmarked } } }` });
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data).toEqual({ articles: { nodes: [{ title: "Bookmarked story", bookmarked: true }, { title: "Other story", bookmarked: false }] } });
  });

  it("keeps serving subscriptions over WebSocket from the full schema", async () => {
    const client = wsClient(khabar.url);
    const sub = collect(client, `subscription { eventUpdated(id: "${Buffer.from("Event:424242").toString("base64url")}") { id } }`);
    await sub.done;
    expect((sub.error as { message: string }[])[0].message).toMatch(/^id: no Event with id/);
    await client.dispose();
  });
});
