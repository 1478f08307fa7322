import { canonicalUrl } from "../../../src/ingest/normalise/canonical-url";
import { detectLanguage } from "../../../src/ingest/normalise/language";
import { normaliseArticle } from "../../../src/ingest/normalise/normalise";

const ctx = { sourceUrl: "https://news.example/feed.xml", fetchedAt: new Date("2025-07-11T12:00:00Z") };
const item = (over: Record<string, unknown> = {}) => ({ authors: [], images: [], seeAlso: [], related: [], isTeaser: false, ...over });

describe("canonical URLs", () => {
  it("strips tracking parameters, fragments, default ports and AMP suffixes", () => {
    expect(canonicalUrl("HTTPS://News.Example:443/a/1?utm_source=rss&id=7&fbclid=x#top")).toBe("https://news.example/a/1?id=7");
    expect(canonicalUrl("/a/2/amp", "https://news.example/feed")).toBe("https://news.example/a/2/");
    expect(canonicalUrl("javascript:alert(1)")).toBeUndefined();
    expect(canonicalUrl("not a url")).toBeUndefined();
  });
});

describe("normalising an item", () => {
  it("gives an item without title, date or link a title from its text, the fetch time and a stable identity", () => {
    const a = normaliseArticle(item({ bodyHtml: "<p>Floods hit the capital overnight as rivers burst their banks.</p><script>x()</script>" }), ctx);
    const b = normaliseArticle(item({ bodyHtml: "<p>Floods hit the capital overnight as rivers burst their banks.</p>" }), ctx);
    expect(a.title).toBe("Floods hit the capital overnight as rivers burst their banks.");
    expect(a.publishedAt).toEqual(ctx.fetchedAt);
    expect(a.canonicalUrl).toMatch(/^urn:khabar:item:[0-9a-f]{32}$/);
    expect(a.canonicalUrl).toBe(b.canonicalUrl);
    expect(a.bodyHtml).not.toContain("script");
    expect(a.language).toBe("en");
  });

  it("replaces a date in the future or before 1995 with the fetch time", () => {
    expect(normaliseArticle(item({ title: "x", publishedAt: new Date("2030-01-01T00:00:00Z") }), ctx).publishedAt).toEqual(ctx.fetchedAt);
    expect(normaliseArticle(item({ title: "x", publishedAt: new Date("1970-01-01T00:00:00Z") }), ctx).publishedAt).toEqual(ctx.fetchedAt);
  });

  it("sanitizes feed HTML and splits image credits from captions", () => {
    const a = normaliseArticle(item({
      title: "t", url: "https://news.example/a", bodyHtml: `<figure><img src="/i.jpg" alt="A"><figcaption>Ministers meet (Photo: Jane Doe/Reuters)</figcaption></figure><p onclick="x()">Text</p><a href="javascript:evil()">link</a>`,
    }), ctx);
    expect(a.bodyHtml).not.toMatch(/onclick|javascript:/);
    expect(a.images).toEqual([{ url: "https://news.example/i.jpg", alt: "A", caption: "Ministers meet", credit: "Jane Doe/Reuters" }]);
  });

  it("maps the source's section to the shared category and keeps the label", () => {
    const a = normaliseArticle(item({ title: "t", category: "رياضة", language: "ar" }), ctx);
    expect(a).toMatchObject({ sourceCategory: "رياضة", category: "sport", direction: "rtl" });
  });
});

describe("language from the script", () => {
  it("tells Arabic, Persian and English apart and admits when it cannot tell", () => {
    expect(detectLanguage("التقى وزير الخارجية الروسي سيرجي لافروف")).toBe("ar");
    expect(detectLanguage("وزیر امور خارجه ایران گفت که این کشور پیشنهاد را بررسی می‌کند")).toBe("fa");
    expect(detectLanguage("The minister said that the talks were held in the capital")).toBe("en");
    expect(detectLanguage("Der Minister sagte am Freitag")).toBe("und");
    expect(detectLanguage("12345")).toBe("und");
  });
});
