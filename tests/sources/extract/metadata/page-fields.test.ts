import { extractMetadata } from "../../../../src/sources/extract/metadata";
import { dom, page } from "./helpers";

const metaOf = (head: string, body: string, url: string) => extractMetadata(dom(page(head, body), url), url);

describe("site name, tags, canonical URL and section", () => {
  it("prefers a site name that matches the domain over an edition label", () => {
    const ld = { "@type": "NewsArticle", headline: "H", publisher: { "@type": "Organization", name: "Reuters" } };
    const m = metaOf(`<meta property="og:site_name" content="U.S."><script type="application/ld+json">${JSON.stringify(ld)}</script>`, "", "https://www.reuters.com/article/x");
    expect(m.siteName).toBe("Reuters");
  });

  it("keeps an Arabic site name on a Latin domain, and ignores an app name that repeats the headline", () => {
    const head = '<title>وزير الري يشهد توقيع عقد</title><meta property="og:site_name" content="اليوم السابع"><meta name="application-name" content="Youm7">';
    expect(metaOf(head, "", "https://www.youm7.com/story/1").siteName).toBe("اليوم السابع");
    expect(metaOf('<title>Halls too full</title><meta name="application-name" content="Halls too full">', "", "https://www.msn.com/en-gb/x").siteName).toBeUndefined();
  });

  it("merges article:tag and JSON-LD keywords split on Arabic commas, and drops CMS bookkeeping", () => {
    const ld = { "@type": "NewsArticle", keywords: "طهران، إيران" };
    const head = `<meta property="article:tag" content="أوكرانيا"><meta name="news_keywords" content="articleID/N6TPO, Length/medium, [SYNDICATED CONTENT]"><script type="application/ld+json">${JSON.stringify(ld)}</script>`;
    expect(metaOf(head, "", "https://x.example/a/b").tags).toEqual(["أوكرانيا", "طهران", "إيران"]);
  });

  it("ignores a canonical link that points at the home page", () => {
    const m = metaOf('<link rel="canonical" href="https://x.example/"><meta property="og:url" content="https://x.example/news/story-1">', "", "https://x.example/news/story-1?utm=1");
    expect(m.canonicalUrl).toBe("https://x.example/news/story-1");
  });

  it("reads the section from an 'التصنيف:' label when no metadata names it", () => {
    const body = '<article><h1>عنوان</h1><div><span>التصنيف:</span><a href="/world">العالم</a></div><p>نص</p></article>';
    expect(metaOf("", body, "https://x.example/a/123").category).toBe("العالم");
  });

  it("reads the section from a URL folder as a last resort", () => {
    expect(metaOf("<title>T</title>", "", "https://x.example/sport/football/match-report-123").category).toBe("sport");
  });
});
