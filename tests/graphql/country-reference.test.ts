import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";

let db: TestDatabase;
let app: TestApp;
let source: number;

beforeAll(async () => {
  db = await createTestDatabase();
  source = await addSource(db.dataSource, "Reference");
  await addArticle(db.dataSource, {
    sourceId: source,
    title: "Talks in Cairo",
    publishedAt: new Date(Date.UTC(2025, 5, 1)),
    countries: [
      { code: "EG", count: 3, salience: 0.9, firstOffset: 0 },
      { code: "US", count: 1, salience: 0.4, firstOffset: 20 },
    ],
  });
  app = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = { data: any; errors?: any[] };

async function run(query: string) {
  await app.cache.bumpGeneration();
  const res = await app.gql(query);
  return { body: res.body as Body, statements: Number(res.headers.get("x-sql-statements")) };
}

const PAGE = (fields: string) => `{ articles(first: 5) { edges { node { title countries { ${fields} } } } } }`;

describe("countries of a page named by code", () => {
  it("gives each country's codes and names in every language, most salient first, in the page's one statement", async () => {
    const { body, statements } = await run(PAGE(`code alpha3 name ar: name(lang: "ar") names { lang value }`));
    expect(body.errors).toBeUndefined();
    const countries = body.data.articles.edges[0].node.countries;
    expect(countries.map((c: { code: string }) => c.code)).toEqual(["EG", "US"]);
    expect(countries[0]).toMatchObject({ alpha3: "EGY", name: "Egypt", ar: "مصر" });
    expect(countries[0].names).toContainEqual({ lang: "fr", value: "Égypte" });
    expect(statements).toBe(1);
  });

  it("reads mention counts from the table, so they follow new articles", async () => {
    const before = (await run(PAGE("code mentionCount"))).body.data.articles.edges[0].node.countries[0].mentionCount;
    await db.dataSource.query(`UPDATE country SET mention_count = mention_count + 5 WHERE code = 'EG'`);
    const after = (await run(PAGE("code mentionCount"))).body.data.articles.edges[0].node.countries[0].mentionCount;
    expect(after).toBe(before + 5);
  });

  it("still names a country added to the table after the gateway read its reference", async () => {
    await db.dataSource.query(
      `INSERT INTO country (code, alpha3, names, name_en, name_ar) VALUES ('XK', 'XKX', '{"en": "Kosovo", "ar": "كوسوفو"}', 'Kosovo', 'كوسوفو')
       ON CONFLICT (code) DO NOTHING`);
    await addArticle(db.dataSource, {
      sourceId: source,
      title: "Vote in Pristina",
      publishedAt: new Date(Date.UTC(2025, 5, 2)),
      countries: [{ code: "XK", count: 1, salience: 0.8, firstOffset: 0 }],
    });
    const { body } = await run(PAGE(`code name(lang: "ar")`));
    expect(body.errors).toBeUndefined();
    expect(body.data.articles.edges[0].node).toEqual({ title: "Vote in Pristina", countries: [{ code: "XK", name: "كوسوفو" }] });
  });
});
