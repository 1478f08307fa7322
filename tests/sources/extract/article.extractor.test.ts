import { extractArticle } from "../../../src/sources/extract/article.extractor";
import { ExtractError } from "../../../src/sources/extract/errors";
import type { PageMetadata } from "../../../src/sources/extract/metadata";
import { corpusEnabled, readCorpusFile } from "../../support/corpus";

const PAGE = "https://news.example.com/world/2025/07/11/story";
const PARAGRAPHS = [
  "Sergei Lavrov and Marco Rubio met again on Friday on the sidelines of the Asean meeting in Kuala Lumpur, officials said.",
  "The talks followed a 50-minute session the day before, after which Rubio spoke of a new and different approach to peace.",
  "Russia's foreign ministry called the exchange substantive and frank, and said Iran and Syria had also been discussed.",
];

function page(body: string, head = ""): string {
  return `<!DOCTYPE html><html lang="en"><head><title>Story</title>${head}</head><body>${body}</body></html>`;
}

describe("extractArticle", () => {
  it("rejects a relative page URL with a coded error naming what it got", () => {
    expect(() => extractArticle("<p>x</p>", "/world/story")).toThrow(ExtractError);
    try {
      extractArticle("<p>x</p>", "/world/story");
    } catch (err) {
      expect((err as ExtractError).code).toBe("EXTRACT_BAD_URL");
      expect((err as Error).message).toBe('extract.dom: expected an absolute page URL, got "/world/story"');
    }
  });

  it("rejects HTML that is not a string", () => {
    expect(() => extractArticle(Buffer.from("<p>x</p>") as unknown as string, PAGE)).toThrow(
      expect.objectContaining({ code: "EXTRACT_BAD_INPUT" }),
    );
  });

  it("returns an article without a body for an empty page instead of failing", () => {
    const article = extractArticle("", PAGE);
    expect(article).toMatchObject({ url: PAGE, authors: [], images: [], seeAlso: [], related: [] });
    expect(article.bodyText).toBeUndefined();
  });

  it("falls back to JSON-LD articleBody when the markup only holds a teaser", () => {
    const story = Array(3).fill(PARAGRAPHS.join("\n")).join("\n");
    const ld = JSON.stringify({ "@context": "https://schema.org", "@type": "NewsArticle", headline: "Story", articleBody: story });
    const html = page(`<article><h1>Story</h1><div class="teaser"><p>${PARAGRAPHS[0]}</p></div></article>`, `<script type="application/ld+json">${ld}</script>`);
    const article = extractArticle(html, PAGE);
    expect(article.bodyText?.split("\n\n")).toHaveLength(9);
    expect(article.bodyHtml?.startsWith(`<p>${PARAGRAPHS[0]}</p>`)).toBe(true);
  });

  it("takes the lead picture from outside the article, with the credit JSON-LD gives it", () => {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Story",
      image: { "@type": "ImageObject", url: "https://cdn.example.com/lead.jpg", creditText: "Fazry Ismail/EPA" },
    });
    const html = page(
      `<div class="hero"><img src="https://cdn.example.com/lead.jpg" alt="Lavrov and Rubio shake hands"></div>` +
        `<article><h1>Story</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}</article>`,
      `<meta property="og:image" content="https://cdn.example.com/lead.jpg"><script type="application/ld+json">${ld}</script>`,
    );
    expect(extractArticle(html, PAGE).images).toEqual([
      { url: "https://cdn.example.com/lead.jpg", alt: "Lavrov and Rubio shake hands", credit: "Fazry Ismail/EPA" },
    ]);
  });

  it("uses an injected metadata reader instead of the default one", () => {
    const metadata = (): PageMetadata => ({ title: "Injected", authors: ["A. Writer"], tags: [], language: "en", direction: "ltr" });
    const article = extractArticle(page(`<article><h1>Story</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}</article>`), PAGE, { metadata });
    expect(article).toMatchObject({ title: "Injected", authors: ["A. Writer"], language: "en", direction: "ltr" });
    expect(article.bodyText).toBe(PARAGRAPHS.join("\n\n"));
  });

  it("drops bylines, time stamps and advert labels around the story", () => {
    const html = page(
      `<article><h1>Story</h1><p class="byline">By Jane Whitfield</p><p><time datetime="2025-07-11">11 July 2025, 09:42</time></p>` +
        `<p>${PARAGRAPHS[0]}</p><div class="ad-slot"><p>Advertisement</p></div><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`,
    );
    expect(extractArticle(html, PAGE).bodyText).toBe(PARAGRAPHS.join("\n\n"));
  });
});

// The corpus lives outside the repo; CI without it sets KHABAR_SKIP_CORPUS=1.
(corpusEnabled ? describe : describe.skip)("extractArticle on a real Arabic page (goose3 test_cnn_arabic)", () => {
  const html = readCorpusFile("goose3/content/test_cnn_arabic.html").toString("utf8");
  const article = extractArticle(html, "http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html");

  it("starts the body at the dateline of the story, without the page's date stamp", () => {
    expect(article.bodyText?.startsWith("دمشق، سوريا (CNN) -- أكدت جهات سورية معارضة")).toBe(true);
    expect(article.bodyText).not.toContain("آخر تحديث");
  });

  it("reads the page as Arabic, right to left", () => {
    expect(article.language).toBe("ar");
    expect(article.direction).toBe("rtl");
  });
});
