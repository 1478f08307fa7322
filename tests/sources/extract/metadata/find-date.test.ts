import { findPublishedDate } from "../../../../src/sources/extract/dates";
import { dom, fixture, page } from "./helpers";

const ref = new Date("2026-01-01T00:00:00Z");
const find = (html: string, url = "https://news.example/story") => findPublishedDate(dom(html, url), url, { reference: ref });

describe("findPublishedDate", () => {
  it("takes datePublished from a NewsArticle inside a JSON-LD @graph, and dateModified as the update", () => {
    const ld = { "@context": "https://schema.org", "@graph": [{ "@type": "WebSite", name: "X" }, { "@type": "NewsArticle", headline: "H", datePublished: "2021-03-04T10:00:00+02:00", dateModified: "2021-03-05T08:00:00+02:00" }] };
    const r = find(page(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`));
    expect(r.publishedAt?.toISOString()).toBe("2021-03-04T08:00:00.000Z");
    expect(r.updatedAt?.toISOString()).toBe("2021-03-05T06:00:00.000Z");
    expect(r.source).toBe("json-ld");
    expect(r.publishedOffsetMinutes).toBe(120);
  });

  it("still reads a JSON-LD block broken by raw newlines and a trailing comma", () => {
    const broken = `{"@type": "NewsArticle", "headline": "line one\nline two", "datePublished": "2022-08-01T12:00:00Z",}`;
    expect(find(page(`<script type="application/ld+json">${broken}</script>`)).publishedAt?.toISOString()).toBe("2022-08-01T12:00:00.000Z");
  });

  it("salvages the dates of JSON-LD that no repair can parse", () => {
    const broken = `{"@type": "NewsArticle", "headline": "He said "no"", "datePublished": "2022-08-02T09:00:00Z"`;
    expect(find(page(`<script type="application/ld+json">${broken}</script>`)).publishedAt?.toISOString()).toBe("2022-08-02T09:00:00.000Z");
  });

  it("prefers the publication date over the modification date whatever their order in the page", () => {
    const r = find(page(`<meta property="article:modified_time" content="2021-06-02T00:00:00Z"><meta property="article:published_time" content="2021-06-01T00:00:00Z">`));
    expect(r.publishedAt?.toISOString()).toBe("2021-06-01T00:00:00.000Z");
    expect(r.updatedAt?.toISOString()).toBe("2021-06-02T00:00:00.000Z");
  });

  it.each([
    ['<meta name="DC.date.issued" content="2019-02-03">', "meta:dc.date.issued"],
    ['<meta name="parsely-pub-date" content="2019-02-03T10:00:00Z">', "meta:parsely-pub-date"],
    ['<meta name="sailthru.date" content="2019-02-03 10:00:00">', "meta:sailthru.date"],
    ['<meta name="citation_publication_date" content="2019/02/03">', "meta:citation_publication_date"],
    ['<meta name="pubdate" content="20190203">', "meta:pubdate"],
  ])("reads %s", (head, source) => {
    const r = find(page(head));
    expect(r.publishedAt?.toISOString().slice(0, 10)).toBe("2019-02-03");
    expect(r.source).toBe(source);
  });

  it("reads microdata datePublished on a <time> in the body", () => {
    const r = find(page("", '<article><h1>H</h1><time itemprop="datePublished" datetime="2018-09-10T07:00:00Z">10 Sep</time></article>'));
    expect(r.publishedAt?.toISOString()).toBe("2018-09-10T07:00:00.000Z");
  });

  it("falls back to the date in the URL", () => {
    const r = find(page("<title>T</title>"), "https://kesq.example/news/2020/05/14/mayor-explains/");
    expect(r.publishedAt?.toISOString()).toBe("2020-05-14T00:00:00.000Z");
    expect(r.source).toBe("url");
  });

  it("trusts a full URL date over metadata that disagrees with it by days (a render-time stamp)", () => {
    const r = find(page('<meta property="article:published_time" content="2021-09-30T10:00:00Z">'), "https://x.example/2021/09/02/story.html");
    expect(r.publishedAt?.toISOString().slice(0, 10)).toBe("2021-09-02");
  });

  it("reads the date printed under the headline and ignores the site's 'today' stamp above it", () => {
    const body = '<div class="top"><span class="date">Tue, 14 Jan 2020</span></div><div><h1>Megablaze brought under control</h1><p>News24 13 Jan 2020, 22:11 GMT+10</p><p>Exhausted firefighters…</p></div>';
    const r = find(page("", body));
    expect(r.publishedAt?.toISOString()).toBe("2020-01-13T12:11:00.000Z");
    expect(r.source).toBe("text");
  });

  it("reads a Levantine Arabic date in Arabic-Indic digits on a page that declares the wrong language", () => {
    const url = "https://www.beirut.example/2020/11/2338761/";
    const r = findPublishedDate(fixture("ar-declared-english.html", url), url, { reference: ref });
    expect(r.publishedAt?.toISOString()).toBe("2020-11-09T18:34:00.000Z");
  });

  it("converts the Solar Hijri date under a Persian headline, not the header's date", () => {
    const url = "http://www.aryanews.example/News/1/story";
    const r = findPublishedDate(fixture("fa-jalali-article.html", url), url, { reference: ref });
    expect(r.publishedAt?.toISOString()).toBe("2020-06-22T12:09:08.000Z");
  });

  it("borrows the publisher's offset from another signal naming the same instant", () => {
    const ld = { "@type": "NewsArticle", datePublished: "2020-12-25T01:59:50+02:00" };
    const head = `<meta property="article:published_time" content="2020-12-24T23:59:50+00:00"><script type="application/ld+json">${JSON.stringify(ld)}</script>`;
    const r = find(page(head));
    expect(r.publishedOffsetMinutes).toBe(120);
  });

  it("learns the offset of a UTC publication time from the byline printing the same moment in local time", () => {
    const head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">';
    const body = '<h1>Press secretary exits</h1><p class="byline-date">February 24, 2020 | 9:25pm</p>';
    const r = find(page(head, body));
    expect(r.publishedAt?.toISOString()).toBe("2020-02-25T02:25:54.000Z");
    expect(r.publishedOffsetMinutes).toBe(-300);
  });

  it("keeps a UTC publication time at offset zero when the byline prints another minute", () => {
    const head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">';
    const body = '<h1>Press secretary exits</h1><p class="byline-date">February 24, 2020 | 9:17pm</p>';
    expect(find(page(head, body)).publishedOffsetMinutes).toBe(0);
  });

  it("returns no date rather than a future one", () => {
    const r = find(page('<meta property="article:published_time" content="2031-01-01T00:00:00Z">'));
    expect(r.publishedAt).toBeUndefined();
    expect(r.source).toBe("none");
  });
});
