import { detectKind } from "../../../src/sources/parsers";
import { fixture } from "./fixtures";

describe("detectKind", () => {
  it.each([
    ["RSS 2.0", fixture("arabic-rss.xml"), "rss"],
    ["Atom 1.0", fixture("arabic-atom.xml"), "atom"],
    ["JSON Feed", fixture("arabic-feed.json"), "jsonfeed"],
    ["a news sitemap", fixture("news-sitemap.xml"), "sitemap"],
    ["a sitemap index", fixture("sitemap-index.xml"), "sitemap"],
    ["RSS 1.0", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>', "rdf"],
    ["RSS 0.91 with a PUBLIC doctype", '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"/>', "rss"],
    ["Atom 0.3", '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>x</title></feed>', "atom"],
    ["a prefixed Atom root", '<a:feed xmlns:a="http://www.w3.org/2005/Atom"/>', "atom"],
    ["an HTML page", '<!DOCTYPE html>\n<html lang="ar"><head></head></html>', "html"],
    ["an HTML page without doctype", "<html><body>x</body></html>", "html"],
  ])("recognises %s from the content", (_name, text, kind) => {
    expect(detectKind(text)).toBe(kind);
  });

  it("tolerates a BOM, whitespace, comments, processing instructions and an internal DTD subset", () => {
    const text = '\uFEFF \n\t<?xml version="1.0"?>\n<!-- generated -->\n<?xml-stylesheet href="s.xsl"?>\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="2.0"/>';
    expect(detectKind(text)).toBe("rss");
  });

  it("trusts the content over a misleading content type", () => {
    expect(detectKind(fixture("arabic-rss.xml"), "text/html; charset=utf-8")).toBe("rss");
    expect(detectKind('<!doctype html><html></html>', "application/rss+xml")).toBe("html");
  });

  it("uses an HTML content type only for markup it cannot place", () => {
    expect(detectKind("<div><p>fragment</p></div>", "text/html")).toBe("html");
    expect(detectKind("<div><p>fragment</p></div>")).toBeNull();
  });

  it("returns null for unrecognised documents", () => {
    expect(detectKind("")).toBeNull();
    expect(detectKind("plain text, not a feed")).toBeNull();
    expect(detectKind('{"status":"ok","articles":[]}')).toBeNull();
    expect(detectKind("<note><to>x</to></note>")).toBeNull();
  });
});
