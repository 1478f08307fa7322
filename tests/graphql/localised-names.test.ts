import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";

let db: TestDatabase;
let app: TestApp;
let articleGid: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const ds = db.dataSource;
  // One country with four names, one with no French name: asked for French, it falls back to English.
  await ds.query(`UPDATE country SET names = jsonb_build_object('en', name_en, 'ar', name_ar, 'fr', 'Malaisie', 'de', 'Malaysia (de)') WHERE code = 'MY'`);
  await ds.query(`UPDATE country SET names = jsonb_build_object('en', name_en, 'ar', name_ar, 'de', 'Ukraine (de)') WHERE code = 'UA'`);
  const source = await addSource(ds, "One");
  const id = await addArticle(ds, {
    sourceId: source,
    title: "Ministers meet",
    countries: ["MY", "UA"].map((code, k) => ({ code, count: 1, salience: 1 - k / 10, firstOffset: k })),
  });
  articleGid = Buffer.from(`Article:${id}`).toString("base64url");
  app = await startTestApp(ds, { RESPONSE_CACHE: "false", LOADER_CACHE: "all" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Countries = { code: string; name?: string; fr?: string; v?: string; names?: { lang: string }[] }[];

async function frontCountries(selection: string, variables: Record<string, unknown> = {}): Promise<Countries> {
  await app.cache.bumpGeneration();
  const res = await app.gql<{ articles: { nodes: { countries: Countries }[] } }>(
    `query${variables.lang ? "($lang: String)" : ""} { articles(first: 5) { nodes { countries { code ${selection} } } } }`, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.articles.nodes[0].countries;
}

describe("country names on a page", () => {
  it("shows English by default, the asked language when given, and English when it is missing", async () => {
    expect(await frontCountries(`name fr: name(lang: "fr") ar: name(lang: "ar")`)).toEqual([
      { code: "MY", name: "Malaysia", fr: "Malaisie", ar: "ماليزيا" },
      { code: "UA", name: "Ukraine", fr: "Ukraine", ar: "أوكرانيا" },
    ]);
  });

  it("refuses country names whose English or Arabic disagrees with the name columns pages read", async () => {
    await expect(db.dataSource.query(`UPDATE country SET names = '{"de": "Ukraine (nur de)"}' WHERE code = 'UA'`)).rejects.toThrow(/country_name_columns/);
    await expect(db.dataSource.query(`UPDATE country SET name_en = 'Ukraina' WHERE code = 'UA'`)).rejects.toThrow(/country_name_columns/);
  });

  it("answers a language given as a variable the same as a literal", async () => {
    expect(await frontCountries(`v: name(lang: $lang)`, { lang: "de" })).toEqual([
      { code: "MY", v: "Malaysia (de)" },
      { code: "UA", v: "Ukraine (de)" },
    ]);
  });

  it("still lists every name when `names` is asked beside `name`", async () => {
    const [my] = await frontCountries(`name names { lang }`);
    expect(my.names!.map((n) => n.lang).sort()).toEqual(["ar", "de", "en", "fr"]);
  });

  it("keeps a page's shortened names apart from a full list of the same article in one request", async () => {
    await app.cache.bumpGeneration();
    const res = await app.gql<{ articles: { nodes: { countries: Countries }[] }; article: { countries: Countries } }>(
      `query($id: ID!) { articles(first: 5) { nodes { countries { name } } } article(id: $id) { countries { names { lang } } } }`, { id: articleGid });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.articles.nodes[0].countries[0].name).toBe("Malaysia");
    expect(res.body.data!.article.countries[0].names!.length).toBe(4);
  });

  it("refuses a malformed literal language as before instead of narrowing on it", async () => {
    await app.cache.bumpGeneration();
    const res = await app.gql(`{ articles(first: 1) { nodes { countries { name(lang: "x'y") } } } }`);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
