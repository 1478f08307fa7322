import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { addArticle, addSource } from "../support/seed";
import { RequestCache } from "../../src/graphql/loaders/cached-batch";
import { Loaders } from "../../src/graphql/loaders/loaders";
import { IMAGE_COLUMN_LIST } from "../../src/graphql/loaders/columns";

let db: TestDatabase;
let app: TestApp;
let articleGid: string;
let articleId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const source = await addSource(db.dataSource, "Pictures");
  const id = await addArticle(db.dataSource, {
    sourceId: source,
    title: "Floods in the valley",
    images: [
      { url: "https://img.example/1.jpg", alt: "A flooded street", caption: "Water rose overnight", credit: "Jane Roe/AFP", width: 1200, height: 800 },
      { url: "https://img.example/2.jpg", caption: "Rescue boats", width: 640, height: 480 },
    ],
  });
  articleId = id;
  articleGid = Buffer.from(`Article:${id}`).toString("base64url");
  app = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = { data: any; errors?: any[] };

async function run(query: string, variables?: Record<string, unknown>) {
  await app.cache.bumpGeneration();
  const res = await app.gql(query, variables);
  return { body: res.body as Body, statements: Number(res.headers.get("x-sql-statements")) };
}

describe("image columns a query selects", () => {
  it("gives a page only the image fields it asks for, in position order, in the page's one statement", async () => {
    const { body, statements } = await run(`{ articles(first: 5) { edges { node { images { url caption } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.articles.edges[0].node.images).toEqual([
      { url: "https://img.example/1.jpg", caption: "Water rose overnight" },
      { url: "https://img.example/2.jpg", caption: "Rescue boats" },
    ]);
    expect(statements).toBe(1);
  });

  it("answers two selections of one article's images with different fields from rows that hold each", async () => {
    const { body } = await run(`query($id: ID!) {
      page: articles(first: 5) { edges { node { images { url } } } }
      article(id: $id) { images { position alt credit width height } }
    }`, { id: articleGid });
    expect(body.errors).toBeUndefined();
    expect(body.data.page.edges[0].node.images).toEqual([{ url: "https://img.example/1.jpg" }, { url: "https://img.example/2.jpg" }]);
    expect(body.data.article.images).toEqual([
      { position: 0, alt: "A flooded street", credit: "Jane Roe/AFP", width: 1200, height: 800 },
      { position: 1, alt: null, credit: null, width: 640, height: 480 },
    ]);
  });

  it("hands a page's image lists to their fields as lists, not as a promise per row, and loads the lists no page brought", async () => {
    const loaders = new Loaders(db.dataSource, new RequestCache(app.cache, 60, "off"));
    const columns = IMAGE_COLUMN_LIST.slice(0, 1);
    const loaded = loaders.imagesOf(articleId, columns);
    expect(loaded).toBeInstanceOf(Promise);
    expect(await loaded).toHaveLength(2);
    const fresh = new Loaders(db.dataSource, new RequestCache(app.cache, 60, "off"));
    const rows = await fresh.articlePage({ criteria: {}, first: 5, limit: 5 }, { relations: { images: { columns } } });
    expect(rows.map((r) => r.id)).toContain(articleId);
    const primed = fresh.imagesOf(articleId, columns);
    expect(Array.isArray(primed)).toBe(true);
    expect(primed).toEqual(await loaded);
  });
});
