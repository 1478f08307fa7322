import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addPerson, addSource } from "../support/seed";

let db: TestDatabase;
let app: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  const ds = db.dataSource;
  ids.arSource = await addSource(ds, "Khabarain");
  ids.enSource = await addSource(ds, "Wire");
  ids.lavrov = await addPerson(ds, { en: "Sergei Lavrov", ar: "سيرغي لافروف" }, { aliases: ["سيرجي لافروف", "Lavrov"], country: "RU" });
  ids.rubio = await addPerson(ds, { en: "Marco Rubio", ar: "ماركو روبيو" }, { country: "US" });
  ids.a1 = await addArticle(ds, {
    sourceId: ids.arSource, title: "اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا", language: "ar", direction: "rtl",
    bodyText: "التقى وزير الخارجية الروسي سيرجي لافروف ووزير الخارجية الأمريكي ماركو روبيو في كوالالمبور",
    publishedAt: new Date("2025-07-11T10:00:00Z"),
    people: [{ personId: ids.lavrov, count: 3, salience: 0.9, firstOffset: 0 }, { personId: ids.rubio, count: 2, salience: 0.7, firstOffset: 10 }],
    countries: [{ code: "RU", count: 2, salience: 0.8, firstOffset: 0 }, { code: "MY", count: 1, salience: 0.3, firstOffset: 5 }],
    images: [{ url: "https://img.example/1.jpg", alt: "لافروف وروبيو", caption: "يتحدث روبيو مع لافروف", credit: "فازري إسماعيل/وكالة الأنباء الأوروبية" }],
  });
  ids.a2 = await addArticle(ds, {
    sourceId: ids.enSource, title: "Rubio meets Wang Yi in Kuala Lumpur", language: "en",
    bodyText: "The US Secretary of State met China's foreign minister at the ASEAN meeting.",
    publishedAt: new Date("2025-07-11T12:00:00Z"),
    people: [{ personId: ids.rubio, count: 2, salience: 0.9, firstOffset: 0 }],
    countries: [{ code: "US", count: 1, salience: 0.5, firstOffset: 0 }, { code: "MY", count: 1, salience: 0.4, firstOffset: 20 }],
  });
  ids.a3 = await addArticle(ds, {
    sourceId: ids.enSource, title: "Markets steady ahead of tariff deadline", language: "en",
    bodyText: "Stocks were little changed on Wednesday.", publishedAt: new Date("2025-07-09T08:00:00Z"),
    sourceCategory: "Business", category: "economy-business-finance",
  });
  app = await startTestApp(ds);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString("base64url");

const titles = (res: { body: { data?: any } }) => res.body.data.articles.edges.map((e: any) => e.node.title);

describe("articles", () => {
  it("lists articles newest first with their source, images, people and countries", async () => {
    const res = await app.gql(`{ articles(first: 10) { totalCount edges { node {
      title language direction source { name } images { url caption credit } people(first: 5) { name(lang: "ar") } countries { code } } } } }`);
    expect(res.body.errors).toBeUndefined();
    const conn = res.body.data!.articles;
    expect(conn.totalCount).toBe(3);
    expect(titles(res)).toEqual(["Rubio meets Wang Yi in Kuala Lumpur", "اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا", "Markets steady ahead of tariff deadline"]);
    const ar = conn.edges[1].node;
    expect(ar).toMatchObject({ language: "ar", direction: "RTL", source: { name: "Khabarain" } });
    expect(ar.images[0]).toEqual({ url: "https://img.example/1.jpg", caption: "يتحدث روبيو مع لافروف", credit: "فازري إسماعيل/وكالة الأنباء الأوروبية" });
    expect(ar.people.map((p: any) => p.name)).toEqual(["سيرغي لافروف", "ماركو روبيو"]);
    expect(ar.countries.map((c: any) => c.code)).toEqual(["RU", "MY"]);
  });

  it("filters by language, source, country, person and published range", async () => {
    const q = `query($f: ArticleFilter) { articles(filter: $f) { totalCount edges { node { title } } } }`;
    expect((await app.gql(q, { f: { languages: ["ar"] } })).body.data!.articles.totalCount).toBe(1);
    expect((await app.gql(q, { f: { sources: [gid("Source", ids.enSource)] } })).body.data!.articles.totalCount).toBe(2);
    expect((await app.gql(q, { f: { countries: ["my"] } })).body.data!.articles.totalCount).toBe(2);
    expect((await app.gql(q, { f: { countries: ["MY", "RU"] } })).body.data!.articles.totalCount).toBe(1);
    expect((await app.gql(q, { f: { people: [gid("Person", ids.rubio)], languages: ["en"] } })).body.data!.articles.totalCount).toBe(1);
    const range = await app.gql(q, { f: { publishedAfter: "2025-07-10T00:00:00Z", publishedBefore: "2025-07-11T11:00:00Z" } });
    expect(titles(range)).toEqual(["اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا"]);
  });

  it("lists the shared categories with their IPTC codes and names in English and Arabic", async () => {
    const res = await app.gql(`{ categories { id iptc name ar: name(lang: "ar") nameEn nameAr } }`);
    expect(res.body.errors).toBeUndefined();
    const list = res.body.data!.categories;
    expect(list).toHaveLength(17);
    expect(list).toContainEqual({ id: "politics", iptc: "medtop:11000000", name: "Politics", ar: "السياسة", nameEn: "Politics", nameAr: "السياسة" });
    expect(new Set(list.map((c: any) => c.iptc)).size).toBe(17);
  });

  it("gives each article its shared category beside the source's own section, and filters by it", async () => {
    const q = `query($f: ArticleFilter) { articles(filter: $f) { totalCount nodes { title sourceCategory category { id name(lang: "ar") } } } }`;
    const all = (await app.gql(q, {})).body.data!.articles.nodes;
    expect(all.find((a: any) => a.title.startsWith("Markets"))).toEqual({
      title: "Markets steady ahead of tariff deadline", sourceCategory: "Business", category: { id: "economy-business-finance", name: "الاقتصاد والأعمال والمال" },
    });
    expect(all.filter((a: any) => a.category === null)).toHaveLength(2);
    const filtered = (await app.gql(q, { f: { category: "economy-business-finance" } })).body.data!.articles;
    expect(filtered.nodes.map((a: any) => a.title)).toEqual(["Markets steady ahead of tariff deadline"]);
    expect((await app.gql(q, { f: { category: "sport" } })).body.data!.articles.totalCount).toBe(0);
  });

  it("searches full text in English with stemming and in Arabic whatever clitics the word carries", async () => {
    const q = `query($q: String) { articles(filter: { q: $q }) { edges { node { title } } } }`;
    expect(titles(await app.gql(q, { q: "meeting" }))).toEqual(["Rubio meets Wang Yi in Kuala Lumpur"]);
    // The text says ووزير ("and minister"); the Arabic stemmer alone would miss it for وزير.
    expect(titles(await app.gql(q, { q: "وزير" }))).toEqual(["اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا"]);
    expect(titles(await app.gql(q, { q: "والأمريكي" }))).toEqual(["اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا"]);
    expect(titles(await app.gql(q, { q: "tariff -markets" }))).toEqual([]);
  });

  it("finds a known name under its other spellings in every script, and a place under its capital's", async () => {
    const q = `query($q: String) { articles(filter: { q: $q }) { edges { node { title } } } }`;
    const both = ["Rubio meets Wang Yi in Kuala Lumpur", "اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا"];
    expect(titles(await app.gql(q, { q: "Rubio" }))).toEqual(both);
    expect(titles(await app.gql(q, { q: "روبيو" }))).toEqual(both);
    expect(titles(await app.gql(q, { q: "\"Sergey Lavrov\"" }))).toEqual([both[1]]);
    expect(titles(await app.gql(q, { q: "Kuala Lumpur" }))).toEqual(both);
    expect(titles(await app.gql(q, { q: "Rubio -Lavrov" }))).toEqual([both[0]]);
  });

  it("pages with keyset cursors that stay stable while new articles arrive", async () => {
    const q = `query($after: String) { articles(first: 1, after: $after) { edges { node { title } } pageInfo { hasNextPage endCursor } } }`;
    const p1 = await app.gql(q);
    const cursor = p1.body.data!.articles.pageInfo.endCursor;
    await addArticle(db.dataSource, { sourceId: ids.enSource, title: "Breaking: newer story", publishedAt: new Date("2025-07-12T00:00:00Z") });
    await app.cache.bumpGeneration();
    const p2 = await app.gql(q, { after: cursor });
    expect(titles(p2)).toEqual(["اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا"]);
    const p3 = await app.gql(q, { after: p2.body.data!.articles.pageInfo.endCursor });
    expect(titles(p3)).toEqual(["Markets steady ahead of tariff deadline"]);
    expect(p3.body.data!.articles.pageInfo.hasNextPage).toBe(false);
  });

  it("finds one article by id, by URL and through node(id); unknown ids give null", async () => {
    const res = await app.gql(`query($id: ID!, $n: ID!, $missing: ID!) {
      byId: article(id: $id) { title } byUrl: article(url: "https://news.example/a/1") { id }
      node(id: $n) { ... on Person { name } } missing: article(id: $missing) { id } }`,
      { id: gid("Article", ids.a2), n: gid("Person", ids.lavrov), missing: gid("Article", 999999) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toMatchObject({ byId: { title: "Rubio meets Wang Yi in Kuala Lumpur" }, node: { name: "Sergei Lavrov" }, missing: null });
    expect(res.body.data!.byUrl.id).toBe(gid("Article", ids.a1));
  });

  it("finds an article by a shared link that carries tracking parameters or a fragment", async () => {
    const res = await app.gql(`{ shared: article(url: "https://NEWS.example/a/1?utm_source=x&fbclid=y#comments") { id } other: article(url: "https://news.example/a/404?utm_source=x") { id } }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ shared: { id: gid("Article", ids.a1) }, other: null });
  });

  it("serves people, countries and their articles, with names localised and falling back", async () => {
    const res = await app.gql(`query($id: ID!) {
      person(id: $id) { name ar: name(lang: "ar") fr: name(lang: "fr") mentionCount country { code name(lang: "ar") }
        articles(first: 5) { totalCount edges { node { title } } } countries { code } }
      country(code: "MY") { name(lang: "ar") mentionCount articles { totalCount } }
      people(search: "لافروف") { totalCount nodes { name } }
      countries(search: "ماليزيا") { code } }`, { id: gid("Person", ids.rubio) });
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data!;
    expect(d.person).toMatchObject({ name: "Marco Rubio", ar: "ماركو روبيو", fr: "Marco Rubio", mentionCount: 2, country: { code: "US", name: "الولايات المتحدة" } });
    expect(d.person.articles.totalCount).toBe(2);
    expect(d.person.countries.map((c: any) => c.code).sort()).toEqual(["MY", "RU", "US"]);
    expect(d.country).toEqual({ name: "ماليزيا", mentionCount: 2, articles: { totalCount: 2 } });
    expect(d.people).toEqual({ totalCount: 1, nodes: [{ name: "Sergei Lavrov" }] });
    expect(d.countries[0].code).toBe("MY");
  });
});

describe("bad input", () => {
  const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions;

  it.each([
    ["a malformed cursor", `{ articles(after: "bm90LWEtY3Vyc29y") { totalCount } }`, "after"],
    ["first above 100", `{ articles(first: 101) { totalCount } }`, "articles.first"],
    ["first below 1", `{ articles(first: 0) { totalCount } }`, "articles.first"],
    ["an unknown language code", `{ articles(filter: { languages: ["xx"] }) { totalCount } }`, "filter.languages[0]"],
    ["a malformed global id", `{ node(id: "%%%") { id } }`, "id"],
    ["an id of another type", `{ person(id: "${Buffer.from("Article:1").toString("base64url")}") { id } }`, "id"],
    ["an unknown country code", `{ articles(filter: { countries: ["QQ"] }) { totalCount } }`, "filter.countries[0]"],
    ["both id and url", `{ article(id: "x", url: "y") { id } }`, "id"],
    ["a url that is not an absolute http(s) URL", `{ article(url: "news.example/a/1") { id } }`, "url"],
    ["a category id the shared list does not hold", `{ articles(filter: { category: "polotics" }) { totalCount } }`, "filter.category"],
    ["an unknown language for a category name", `{ categories { name(lang: "xx") } }`, "lang"],
  ])("rejects %s with BAD_USER_INPUT naming the argument", async (_what, query, argument) => {
    const res = await app.gql(query);
    expect(codeOf(res)).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });

  it("names the type an id was for, with the right article (\"an Article id\")", async () => {
    const res = await app.gql(`{ person(id: "${Buffer.from("Article:1").toString("base64url")}") { id } }`);
    expect(res.body.errors?.[0]?.message).toBe("id: expected a Person id, got an Article id");
  });

  it("names the shared category ids when a filter gives another", async () => {
    const res = await app.gql(`{ articles(filter: { category: "World" }) { totalCount } }`);
    expect(res.body.errors?.[0]?.message).toMatch(/"World" is not a shared category id; known: .*politics.*the categories query/);
  });
});
