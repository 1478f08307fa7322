import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";
import { storeArticle, type ArticleInput } from "../../src/ingest/store/article.store";

export async function addSource(db: DataSource, name: string, url = `https://${name.toLowerCase().replace(/\W+/g, "")}.example/feed`): Promise<number> {
  const [row] = await db.query(`INSERT INTO source (url, name, kind) VALUES ($1, $2, 'rss') RETURNING id`, [url, name]);
  return row.id;
}

export async function addPerson(db: DataSource, names: Record<string, string>, extra: { aliases?: string[]; country?: string; wikidataId?: string } = {}): Promise<number> {
  const search = [...Object.values(names), ...(extra.aliases ?? [])].join(" ");
  const [row] = await db.query(
    `INSERT INTO person (names, aliases, country_code, wikidata_id, search_text) VALUES ($1, $2, $3, $4, khabar_fold($5)) RETURNING id`,
    [names, extra.aliases ?? [], extra.country ?? null, extra.wikidataId ?? null, search]);
  return row.id;
}

let counter = 0;

/** Stores an article with sensible defaults; pass what the test is about. */
export async function addArticle(db: DataSource, a: Partial<ArticleInput> & { sourceId: number; title: string }): Promise<number> {
  counter += 1;
  const body = a.bodyText ?? `${a.title}. Body text number ${counter}.`;
  const input: ArticleInput = {
    url: `https://news.example/a/${counter}`,
    canonicalUrl: a.url ?? `https://news.example/a/${counter}`,
    bodyHtml: `<p>${body}</p>`,
    bodyText: body,
    language: "en",
    direction: "ltr",
    publishedAt: new Date(Date.UTC(2025, 6, 1, 0, counter)),
    fetchedAt: new Date(),
    authors: [],
    tags: [],
    contentHash: createHash("sha256").update(`${a.title}\n${body}`).digest("hex"),
    wordCount: body.split(/\s+/).length,
    seeAlso: [],
    relatedLinks: [],
    images: [],
    people: [],
    countries: [],
    ...a,
  };
  const { articleId } = await db.transaction((em) => storeArticle(em, input));
  return articleId;
}
