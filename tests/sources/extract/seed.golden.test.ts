import { readFileSync } from "node:fs";
import path from "node:path";
import { extractArticle } from "../../../src/sources/extract/article.extractor";
import type { LinkRef, ParsedArticle, ParsedImage } from "../../../src/sources/types";

const FIXTURES = path.resolve(__dirname, "../../fixtures/seed");

interface Golden {
  title: string;
  summary: string;
  category: string;
  language: string;
  direction: string;
  siteName: string;
  authors?: string[];
  publishedAt?: string;
  bodyText: string;
  bodyHeadings: string[];
  images: ParsedImage[];
  seeAlso: LinkRef[];
  related: LinkRef[];
}

function load(name: string, url: string): { article: ParsedArticle; golden: Golden } {
  const html = readFileSync(path.join(FIXTURES, `${name}.html`), "utf8");
  const golden = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.expected.json`), "utf8")) as Golden;
  return { article: extractArticle(html, url), golden };
}

/** Picture fields the goldens pin down; sizes come from markup attributes and are not part of them. */
const pictureOf = ({ url, alt, caption, credit }: ParsedImage): ParsedImage => ({ url, alt, caption, credit });

describe.each([
  ["khabarain-lavrov-rubio", "https://www.khabarain.com/ar/world/2025/07/11/lavrov-rubio-meet-again-kuala-lumpur-ukraine"],
  ["meridian-lavrov-rubio-en", "https://www.meridian-news.co.uk/world/2025/jul/11/lavrov-rubio-meet-again-kuala-lumpur-asean-ukraine"],
])("extractArticle on the %s fixture", (name, url) => {
  const { article, golden } = load(name, url);

  it("reads title, lede summary, section, language, direction and site name", () => {
    expect({
      title: article.title,
      summary: article.summary,
      category: article.category,
      language: article.language,
      direction: article.direction,
      siteName: article.siteName,
    }).toEqual({
      title: golden.title,
      summary: golden.summary,
      category: golden.category,
      language: golden.language,
      direction: golden.direction,
      siteName: golden.siteName,
    });
  });

  it("returns exactly the article paragraphs as body text, sub-headings as their own paragraphs", () => {
    expect(article.bodyText).toBe(golden.bodyText);
  });

  it("keeps sub-headings as headings in the body HTML", () => {
    const headings = Array.from((article.bodyHtml ?? "").matchAll(/<h[2-6][^>]*>([^<]*)<\/h[2-6]>/g)).map((m) => m[1]);
    expect(headings).toEqual(golden.bodyHeadings);
  });

  it("returns every picture in order with alt, caption and the credit split off", () => {
    expect(article.images.map(pictureOf)).toEqual(golden.images.map(pictureOf));
  });

  it("takes the see-also lines out of the body and returns their links", () => {
    expect(article.seeAlso).toEqual(golden.seeAlso);
    for (const link of golden.seeAlso) expect(article.bodyText).not.toContain(link.title);
  });

  it("returns the related-story cards and keeps them out of the body", () => {
    expect(article.related).toEqual(golden.related);
    for (const card of golden.related) expect(article.bodyHtml).not.toContain(card.title);
  });

  it("leaves scripts, share widgets, placeholders and navigation out of the body HTML", () => {
    const html = article.bodyHtml ?? "";
    expect(html).not.toMatch(/<script|<style|<nav|\son\w+=|javascript:|class=|style=/i);
    expect(html).not.toMatch(/Loading|Facebook|Twitter|LinkedIn|شارك الخبر|التصنيف|Advertisement|Sign up/);
  });

  if (golden.authors) {
    it("reads authors and the publication time through the metadata extractor", () => {
      expect(article.authors).toEqual(golden.authors);
      expect(article.publishedAt?.toISOString()).toBe(golden.publishedAt);
    });
  }
});

describe("the seed page", () => {
  const { article } = load("khabarain-lavrov-rubio", "https://www.khabarain.com/ar/world/2025/07/11/lavrov-rubio-meet-again-kuala-lumpur-ukraine");

  it("starts the body with Lavrov's meeting and ends it with the ASEAN statement", () => {
    expect(article.bodyText?.startsWith("التقى وزير الخارجية الروسي سيرجي لافروف")).toBe(true);
    expect(article.bodyText?.endsWith("لتحقيق هذه الغاية\".")).toBe(true);
  });

  it("points the lazy-loaded second picture at its real file, not the placeholder gif", () => {
    expect(article.bodyHtml).toContain('src="https://cdn.khabarain.com/images/2025/07/11/asean-foreign-ministers-family-photo-1200x800.jpg"');
    expect(article.bodyHtml).not.toContain("data:image/gif");
  });

  it("keeps the captions with their pictures in the body HTML but out of the body text", () => {
    expect(article.bodyHtml).toContain("<figcaption>صورة جماعية");
    expect(article.bodyText).not.toContain("صورة جماعية");
  });
});
