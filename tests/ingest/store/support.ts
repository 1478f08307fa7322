import type { DataSource } from "typeorm";
import { readEventFixtures, type EventFixture } from "../../../scripts/eval/events.fixtures";
import { contentHash } from "../../../src/ingest/normalise/normalise";
import type { ArticleInput } from "../../../src/ingest/store/article.store";

/** The labelled event fixtures (tests/fixtures/events): real report texts in Arabic and English. */
export const FIXTURES: EventFixture[] = readEventFixtures();

export function fixture(id: string): EventFixture {
  const f = FIXTURES.find((x) => x.id === id);
  if (!f) throw new Error(`tests/ingest/store: no event fixture "${id}"`);
  return f;
}

/** A fixture as the normaliser would hand it to the store; `over` changes what the test is about. */
export function inputOf(f: EventFixture, sourceId: number, over: Partial<ArticleInput> = {}): ArticleInput {
  const title = over.title ?? f.title;
  const bodyText = over.bodyText ?? f.body.join("\n\n");
  const publishedAt = over.publishedAt ?? new Date(f.publishedAt);
  return {
    sourceId,
    url: f.url,
    canonicalUrl: f.url,
    guid: f.id,
    title,
    summary: f.summary,
    bodyHtml: bodyText.split("\n\n").map((p) => `<p>${p}</p>`).join(""),
    bodyText,
    language: f.language,
    direction: f.language === "ar" ? "rtl" : "ltr",
    publishedAt,
    fetchedAt: new Date("2025-07-25T00:00:00Z"),
    authors: [],
    tags: [],
    contentHash: contentHash(title, bodyText),
    wordCount: bodyText.split(/\s+/).length,
    seeAlso: [],
    relatedLinks: [],
    images: [{ url: `${f.url}/lead.jpg`, caption: f.title }],
    people: [],
    countries: f.countries.map((code, i) => ({ code, count: 1, salience: 0.5 - i * 0.05, firstOffset: i })),
    ...over,
  };
}

/** Counters that must equal the counted (non-duplicate) rows of the mention tables; empty when exact. */
export async function mentionCountDrift(db: DataSource): Promise<unknown[]> {
  const people = await db.query(
    `SELECT 'person' AS kind, p.id::text AS id, p.mention_count, coalesce(x.n, 0) AS counted FROM person p LEFT JOIN (
       SELECT ap.person_id, count(*)::int AS n FROM article_person ap JOIN article a ON a.id = ap.article_id WHERE a.original_id IS NULL GROUP BY 1
     ) x ON x.person_id = p.id WHERE p.mention_count <> coalesce(x.n, 0)`);
  const countries = await db.query(
    `SELECT 'country' AS kind, c.code AS id, c.mention_count, coalesce(x.n, 0) AS counted FROM country c LEFT JOIN (
       SELECT ac.country_code, count(*)::int AS n FROM article_country ac JOIN article a ON a.id = ac.article_id WHERE a.original_id IS NULL GROUP BY 1
     ) x ON x.country_code = c.code WHERE c.mention_count <> coalesce(x.n, 0)`);
  return [...people, ...countries];
}
