import { splitAuthors } from "../../../../src/sources/extract/metadata.authors";
import { extractMetadata } from "../../../../src/sources/extract/metadata";
import { dom, page } from "./helpers";

const authorsOf = (head: string, body = "", url = "https://www.example.com/story") => extractMetadata(dom(page(head, body), url), url).authors;

describe("author names", () => {
  it.each([
    ["By Jane Doe and John Roe", ["Jane Doe", "John Roe"]],
    ["By Jane Doe, John Roe & Ann Poe Smith", ["Jane Doe", "John Roe", "Ann Poe Smith"]],
    ["Jane Doe, Staff Writer", ["Jane Doe"]],
    ["By Jane Doe | May 14, 2020 at 8:30 a.m.", ["Jane Doe"]],
    ["Emily Burack 8 January 2020, 9:14 pm", ["Emily Burack"]],
    ["Jane Doe jane.doe@example.com @janedoe https://example.com/jane", ["Jane Doe"]],
    ["Written by Rob Ewaschuk Edited by Betsy Beyer", ["Rob Ewaschuk", "Betsy Beyer"]],
    ["Martin Untersinger (avec Damien Leloup et Morgane Tual)", ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]],
    ["بقلم: سارة الحسن", ["سارة الحسن"]],
    ["كتب - محمد حسن", ["محمد حسن"]],
    ["كتبت: منى زكي", ["منى زكي"]],
    ["بقلم سارة الحسن و كريم منصور", ["سارة الحسن", "كريم منصور"]],
    ["Mac & i", ["Mac & i"]],
    ["share", []],
    ["More Richard Eskow", ["Richard Eskow"]],
  ])("reads %j as %j", (raw, expected) => {
    expect(splitAuthors(raw)).toEqual(expected);
  });

  it("takes the byline beside the headline, not those of other stories' teasers or of a logo <h1>", () => {
    const teaser = (title: string, who: string) => `<li><a href="/x">${title}</a> <span class="byline"><a href="/w">${who}</a></span></li>`;
    const body =
      `<header><h1><a href="/">Salon</a></h1></header><div class="mostread"><ul>${teaser("Starbucks campaign", "Joanna Rothkopf")}${teaser("Tax day", "Jenny Kutner")}</ul></div>` +
      `<div class="story"><div class="head"><h1>The sharing economy is a lie</h1><span class="byline"><a href="/w/eskow">Richard Eskow</a></span></div><p>Text.</p></div>` +
      `<div class="more"><ul>${teaser("Oil prices", "Kasai Rex")}</ul></div>`;
    expect(authorsOf("", body)).toEqual(["Richard Eskow"]);
  });

  it("takes persons from JSON-LD before meta tags", () => {
    const ld = { "@type": "NewsArticle", author: [{ "@type": "Person", name: "Kevin Sack" }, { "@type": "Person", name: "Sheri Fink" }] };
    expect(authorsOf(`<meta name="author" content="Desk"><script type="application/ld+json">${JSON.stringify(ld)}</script>`)).toEqual(["Kevin Sack", "Sheri Fink"]);
  });

  it("resolves a JSON-LD author given by @id elsewhere in the graph", () => {
    const ld = { "@graph": [{ "@type": "Person", "@id": "#a1", name: "Ian Mohr" }, { "@type": "NewsArticle", author: { "@id": "#a1" } }] };
    expect(authorsOf(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`)).toEqual(["Ian Mohr"]);
  });

  it("falls back to an organisation author only when no person is named", () => {
    const ld = { "@type": "NewsArticle", author: { "@type": "Organization", name: "BBC News" } };
    expect(authorsOf(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`)).toEqual(["BBC News"]);
  });

  it("reads the visible byline inside the article and skips photo credits and related-story bylines", () => {
    const body =
      '<aside class="related"><span class="byline">By Other Writer</span></aside><article><h1>H</h1><figure><figcaption class="credit">Photo by Ed Marshall</figcaption></figure><p class="byline">By <a rel="author">Michael Hingston</a></p></article>';
    expect(authorsOf("", body)).toEqual(["Michael Hingston"]);
  });

  it("drops the outlet named beside its reporters", () => {
    expect(authorsOf('<meta property="og:site_name" content="CNN"><meta name="author" content="Dana Ford, CNN">')).toEqual(["Dana Ford"]);
  });

  it("ignores profile URLs and placeholder names in author meta tags", () => {
    expect(authorsOf('<meta property="article:author" content="https://www.facebook.com/someone"><meta name="author" content="No Author">')).toEqual([]);
  });

  it("takes the article item's microdata author even when the theme prints it in an <aside>", () => {
    const body =
      '<article itemscope itemtype="http://schema.org/BlogPosting"><h2 itemprop="name">Code coverage</h2><p>Text.</p>' +
      '<aside><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Nicolas Perriault</span></span></aside></article>';
    expect(authorsOf("", body)).toEqual(["Nicolas Perriault"]);
  });

  it("does not take the microdata author of another item on the page for the article's", () => {
    const body =
      '<article itemscope itemtype="http://schema.org/NewsArticle"><h1>Storm batters coast</h1><p>Text.</p></article>' +
      '<aside><div itemscope itemtype="http://schema.org/Review"><span itemprop="author">Jane Critic</span></div></aside>';
    expect(authorsOf("", body)).toEqual([]);
  });
});
