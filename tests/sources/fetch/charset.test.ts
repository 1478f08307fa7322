import iconv from "iconv-lite";
import { decodeBody } from "../../../src/sources/fetch";
import { ARTICLE_BODY, ENGLISH, FEED_CHANNEL, fixture, sharedPart } from "./support/fixtures";

const TITLE = "اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا";

describe("decodeBody on Arabic pages", () => {
  it("reads windows-1256 declared in a meta http-equiv", () => {
    const out = decodeBody(fixture("article.windows-1256.html"), "text/html");
    expect(out).toMatchObject({ charset: "windows-1256", charsetSource: "meta" });
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it("reads windows-1256 declared in the HTTP header", () => {
    const out = decodeBody(fixture("article.windows-1256.undeclared.html"), "text/html; charset=windows-1256");
    expect(out).toMatchObject({ charset: "windows-1256", charsetSource: "header" });
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it("detects undeclared windows-1256 by its letters", () => {
    const out = decodeBody(fixture("article.windows-1256.undeclared.html"), "text/html");
    expect(out).toMatchObject({ charset: "windows-1256", charsetSource: "sniff" });
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it("does not turn windows-1256 into mojibake when the header wrongly says utf-8", () => {
    const out = decodeBody(fixture("article.windows-1256.undeclared.html"), "text/html; charset=utf-8");
    expect(out).toMatchObject({ charset: "windows-1256", charsetSource: "sniff" });
    expect(out.text).toContain(TITLE);
    expect(out.text).not.toContain("\ufffd");
  });

  it("falls back to the page's own meta when the header wrongly says utf-8", () => {
    const out = decodeBody(fixture("article.windows-1256.html"), "text/html; charset=UTF-8");
    expect(out).toMatchObject({ charset: "windows-1256", charsetSource: "meta" });
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it("finds a meta charset placed after 6 KB of inline script and style, ignoring one in a comment", () => {
    const bytes = fixture("article.windows-1256.late-meta.html");
    expect(bytes.indexOf("<meta charset")).toBeGreaterThan(4096);
    const out = decodeBody(bytes, "text/html");
    expect(out).toMatchObject({ charset: "windows-1256", charsetSource: "meta" });
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it("reads ISO-8859-6 declared in a meta charset", () => {
    const out = decodeBody(fixture("article.iso-8859-6.html"));
    expect(out).toMatchObject({ charset: "iso-8859-6", charsetSource: "meta" });
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it("tells undeclared ISO-8859-6 from windows-1256", () => {
    const out = decodeBody(fixture("article.iso-8859-6.undeclared.html"), "text/html");
    expect(out).toMatchObject({ charset: "iso-8859-6", charsetSource: "sniff" });
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it.each([
    ["article.utf-16le-bom.html", "utf-16le"],
    ["article.utf-16be-bom.html", "utf-16be"],
  ])("reads %s by its BOM and drops the BOM", (name, charset) => {
    const out = decodeBody(fixture(name), "text/html");
    expect(out).toMatchObject({ charset, charsetSource: "bom" });
    expect(out.text.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it("lets a BOM overrule a header that names another encoding", () => {
    const out = decodeBody(fixture("article.utf-16le-bom.html"), "text/html; charset=utf-8");
    expect(out).toMatchObject({ charset: "utf-16le", charsetSource: "bom" });
    const cafe = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<p>café</p>", "utf8")]);
    expect(decodeBody(cafe, "text/html; charset=windows-1252")).toMatchObject({ charset: "utf-8", charsetSource: "bom", text: "<p>café</p>" });
  });

  // A feed item or a category label is all some documents hold; general detectors call these Hebrew.
  it.each([
    ["ترامب يهدد بفرض رسوم جمركية جديدة", "windows-1256"],
    ["ترامب يهدد بفرض رسوم جمركية جديدة", "iso-8859-6"],
    ["العالم", "windows-1256"],
    ["العالم", "iso-8859-6"],
    ["الرئيسيةأخبارسياسةأعمالرياضة", "windows-1256"],
  ])("detects the short undeclared headline %s in %s", (headline, encoding) => {
    const bytes = iconv.encode(`<item><title>${headline}</title></item>`, encoding);
    expect(decodeBody(bytes)).toMatchObject({ charset: encoding, charsetSource: "sniff", text: `<item><title>${headline}</title></item>` });
  });

  it("does not take Russian KOI8-R for Arabic, though its letters land on Arabic ones in windows-1256", () => {
    const russian = "<p>Наверное, единственное, во что сегодня можно верить, это погода на завтра и новости спорта.</p>";
    expect(decodeBody(iconv.encode(russian, "koi8-r"))).toMatchObject({ charset: "koi8-r", text: russian });
  });

  it("ignores a meta that claims UTF-16 on an 8-bit page, as HTML requires", () => {
    const page = Buffer.from(`<html><head><meta charset="utf-16"></head><body><p>${TITLE}</p></body></html>`, "utf8");
    expect(decodeBody(page)).toMatchObject({ charset: "utf-8", charsetSource: "meta", text: page.toString("utf8") });
  });

  it("ignores a header that claims UTF-16 on 8-bit bytes", () => {
    const out = decodeBody(fixture("article.windows-1256.html"), "text/html; charset=utf-16");
    expect(out).toMatchObject({ charset: "windows-1256", charsetSource: "meta" });
  });
});

describe("decodeBody on XML feeds", () => {
  it.each([
    ["feed.windows-1256.xml", "windows-1256"],
    ["feed.iso-8859-6.xml", "iso-8859-6"],
    ["feed.utf-16be.xml", "utf-16be"],
  ])("reads %s from its XML declaration", (name, charset) => {
    const out = decodeBody(fixture(name), "application/rss+xml");
    expect(out).toMatchObject({ charset, charsetSource: "xml" });
    expect(sharedPart(out.text)).toBe(FEED_CHANNEL);
  });

  it("reads UTF-8 when the declaration names no encoding", () => {
    const out = decodeBody(fixture("feed.utf-8.xml"), "application/rss+xml");
    expect(out).toMatchObject({ charset: "utf-8", charsetSource: "sniff" });
    expect(sharedPart(out.text)).toBe(FEED_CHANNEL);
  });

  it("puts the HTTP header before the XML declaration", () => {
    const out = decodeBody(fixture("feed.iso-8859-6.xml"), "text/xml; charset=iso-8859-6");
    expect(out.charsetSource).toBe("header");
  });

  it("does not read a meta charset inside an XML feed", () => {
    const feed = Buffer.from(`<rss><channel><description><![CDATA[<meta charset="windows-1256">]]></description><title>${TITLE}</title></channel></rss>`, "utf8");
    expect(decodeBody(feed, "application/rss+xml")).toMatchObject({ charset: "utf-8", charsetSource: "sniff" });
  });
});

describe("decodeBody on Latin-script and plain pages", () => {
  it("detects undeclared windows-1252 English and does not mistake it for Arabic", () => {
    const out = decodeBody(fixture("english.windows-1252.undeclared.html"), "text/html");
    expect(out).toMatchObject({ charset: "windows-1252", charsetSource: "sniff" });
    expect(out.text).toBe(ENGLISH);
  });

  it("reads undeclared valid UTF-8 as UTF-8", () => {
    expect(decodeBody(fixture("english.utf-8.undeclared.html"))).toMatchObject({ charset: "utf-8", charsetSource: "sniff", text: ENGLISH });
  });

  it("calls pure ASCII without a declaration the UTF-8 default", () => {
    expect(decodeBody(Buffer.from("<rss><channel><title>Plain</title></channel></rss>"))).toMatchObject({ charset: "utf-8", charsetSource: "default" });
  });

  it("trusts convincing UTF-8 over a header that says latin1", () => {
    const out = decodeBody(fixture("article.utf-8.html"), "text/html; charset=ISO-8859-1");
    expect(out).toMatchObject({ charset: "utf-8", charsetSource: "meta" });
    expect(sharedPart(out.text)).toBe(ARTICLE_BODY);
  });

  it("trusts UTF-8 with a stray invalid byte over a header that says latin1", () => {
    const utf8 = fixture("article.utf-8.html");
    const stray = Buffer.concat([utf8.subarray(0, 2000), Buffer.from([0x93]), utf8.subarray(2000)]);
    const out = decodeBody(stray, "text/html; charset=iso-8859-1");
    expect(out.charset).toBe("utf-8");
    expect(out.text).toContain(TITLE);
  });

  it("keeps declared UTF-8 when only a stray byte is invalid, rather than garbling the whole page", () => {
    const utf8 = fixture("article.utf-8.html");
    const stray = Buffer.concat([utf8.subarray(0, 2000), Buffer.from([0x93]), utf8.subarray(2000)]);
    const out = decodeBody(stray, "text/html; charset=utf-8");
    expect(out).toMatchObject({ charset: "utf-8", charsetSource: "header" });
    expect(out.text).toContain(TITLE);
  });

  it("empty bodies decode to the empty string", () => {
    expect(decodeBody(Buffer.alloc(0))).toEqual({ text: "", charset: "utf-8", charsetSource: "default" });
  });
});

describe("charset labels follow the WHATWG table", () => {
  const latin = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94, 0x80]);

  it.each([
    ["latin1", "windows-1252"],
    ["ISO-8859-1", "windows-1252"],
    ["us-ascii", "windows-1252"],
    ['"windows-1252"', "windows-1252"],
    [" 'cp1252' ", "windows-1252"],
    ["l1", "windows-1252"],
  ])("maps %s to %s", (label, charset) => {
    const out = decodeBody(latin, `text/plain; charset=${label}`);
    expect(out).toMatchObject({ charset, charsetSource: "header", text: "café “q”€" });
  });

  it.each([
    ["cp1256", "windows-1256"],
    ["x-cp1256", "windows-1256"],
    ["arabic", "iso-8859-6"],
    ["ISO_8859-6:1987", "iso-8859-6"],
    ["gb2312", "gbk"],
    ["tis-620", "windows-874"],
    ["utf8", "utf-8"],
    ["unicode-1-1-utf-8", "utf-8"],
  ])("maps %s to %s", (label, charset) => {
    expect(decodeBody(Buffer.from("abc"), `text/html; charset=${label}`).charset).toBe(charset);
  });

  it("decodes x-user-defined high bytes into the private-use block", () => {
    expect(decodeBody(Buffer.from([0x41, 0x80, 0xff]), "text/plain; charset=x-user-defined")).toMatchObject({
      charset: "x-user-defined",
      text: "A\uf780\uf7ff",
    });
  });

  it("falls through an unknown label to the next rule", () => {
    const out = decodeBody(fixture("article.windows-1256.html"), "text/html; charset=klingon-8");
    expect(out).toMatchObject({ charset: "windows-1256", charsetSource: "meta" });
  });

  it("falls through a label WHATWG maps to the replacement decoder", () => {
    expect(decodeBody(Buffer.from("abc"), "text/html; charset=iso-2022-kr").charsetSource).toBe("default");
  });

  it("uses iconv-lite for labels outside the WHATWG table", () => {
    const bytes = Buffer.from([0, 0, 0, 0x61, 0, 0, 0x06, 0x44]);
    expect(decodeBody(bytes, "text/plain; charset=UTF-32BE")).toMatchObject({ charset: "utf-32be", text: "aل" });
  });
});
