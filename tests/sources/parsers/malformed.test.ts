import { FeedParseError, parseFeed } from "../../../src/sources/parsers";
import { fixture } from "./fixtures";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof FeedParseError) return err.code;
    throw err;
  }
  return undefined;
}

describe("malformed feeds", () => {
  it("recovers a feed cut off mid-document and flags it", () => {
    const full = fixture("arabic-rss.xml");
    const cut = full.slice(0, full.indexOf("</item>", full.indexOf("<item>") + 10) + 7);
    const feed = parseFeed(cut);
    expect(feed.diagnostics.recovered).toBe(true);
    expect(feed.items[0].title).toBe("اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا");
  });

  it("recovers bare ampersands in links and unclosed elements", () => {
    const feed = parseFeed('<rss version="2.0"><channel><title>A & B</title><item><title>x</title><link>http://e.com/?a=1&b=2</link></channel>');
    expect(feed.title).toBe("A & B");
    expect(feed.items[0].url).toBe("http://e.com/?a=1&b=2");
  });

  it("decodes HTML entities that XML does not define, exactly once", () => {
    const feed = parseFeed('<rss><channel><title>caf&eacute; &amp;eacute; &hellip;&nbsp;x</title></channel></rss>');
    expect(feed.title).toBe("café &eacute; … x");
  });

  it("rejects an HTML page where a feed was expected with NOT_A_FEED", () => {
    const page = '<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>خبر</title></head><body><p>نص</p></body></html>';
    expect(codeOf(() => parseFeed(page))).toBe("NOT_A_FEED");
    expect(() => parseFeed(page)).toThrow("feed.parser: expected a feed, got an HTML page");
  });

  it("rejects empty, unknown and invalid JSON documents with distinct codes", () => {
    expect(codeOf(() => parseFeed("  \n"))).toBe("EMPTY_DOCUMENT");
    expect(codeOf(() => parseFeed("<note><to>x</to></note>"))).toBe("UNKNOWN_FORMAT");
    expect(codeOf(() => parseFeed("{not json", "jsonfeed"))).toBe("MALFORMED_JSON");
    expect(codeOf(() => parseFeed("<feed/>", "rss"))).toBe("WRONG_ROOT");
  });

  it("names the parser and what it got when the root is wrong", () => {
    expect(() => parseFeed("<note><to>x</to></note>", "rss")).toThrow("rss.parser: expected <rss> or <rdf:RDF> root, got <note>");
    expect(() => parseFeed("<html><body/></html>", "atom")).toThrow("atom.parser: expected <feed>, got an HTML page");
    expect(codeOf(() => parseFeed("<html><body/></html>", "rss"))).toBe("NOT_A_FEED");
  });
});

describe("teaser rule", () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
  const rss = (item: string) => parseFeed(`<rss version="2.0"><channel><item><link>https://e.com/1</link>${item}</item></channel></rss>`).items[0];

  it("calls an item with only a short description a teaser", () => {
    expect(rss(`<description>${words(40)}</description>`).isTeaser).toBe(true);
  });

  it("calls content:encoded of 80 words or more a full body", () => {
    const item = rss(`<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;${words(90)}&lt;/p&gt;</content:encoded>`);
    expect(item.isTeaser).toBe(false);
    expect(item.bodyText).toContain("word89");
  });

  it("calls a short content:encoded a teaser", () => {
    expect(rss(`<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">Read more</content:encoded>`).isTeaser).toBe(true);
  });

  it("treats a description of 150 words or more as the body feeds put in the wrong element", () => {
    const item = rss(`<description>&lt;p&gt;${words(160)}&lt;/p&gt;</description>`);
    expect(item.isTeaser).toBe(false);
    expect(item.bodyHtml).toContain("<p>word0");
  });
});
