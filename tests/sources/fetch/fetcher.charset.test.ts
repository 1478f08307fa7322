import type { ServerResponse } from "node:http";
import zlib from "node:zlib";
import { createFetcher } from "../../../src/sources/fetch";
import { ARTICLE_BODY, FEED_CHANNEL, fixture, sharedPart } from "./support/fixtures";
import { startServer, type TestServer } from "./support/server";

function serve(name: string, contentType?: string, gzip = false) {
  return (_req: unknown, res: ServerResponse) => {
    const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
    if (gzip) headers["content-encoding"] = "gzip";
    const bytes = fixture(name);
    res.writeHead(200, headers).end(gzip ? zlib.gzipSync(bytes) : bytes);
  };
}

describe("the fetcher decodes what it fetched", () => {
  let server: TestServer;
  const fetcher = createFetcher({ allowHosts: ["127.0.0.1"] });

  beforeAll(async () => {
    server = await startServer({
      "/1256-header": serve("article.windows-1256.undeclared.html", "text/html; charset=windows-1256"),
      "/1256-wrong-header": serve("article.windows-1256.undeclared.html", "text/html; charset=utf-8"),
      "/1256-missing": serve("article.windows-1256.undeclared.html", "text/html"),
      "/1256-no-content-type": serve("article.windows-1256.undeclared.html"),
      "/1256-late-meta-gzip": serve("article.windows-1256.late-meta.html", "text/html", true),
      "/8859-6": serve("article.iso-8859-6.html", "text/html"),
      "/utf16-bom": serve("article.utf-16le-bom.html", "text/html"),
      "/feed-1256": serve("feed.windows-1256.xml", "application/rss+xml"),
      "/feed-utf16": serve("feed.utf-16be.xml", "application/xml"),
    });
  });

  afterAll(async () => {
    fetcher.close();
    await server.close();
  });

  it.each([
    ["/1256-header", "windows-1256", "header"],
    ["/1256-wrong-header", "windows-1256", "sniff"],
    ["/1256-missing", "windows-1256", "sniff"],
    ["/1256-no-content-type", "windows-1256", "sniff"],
    ["/1256-late-meta-gzip", "windows-1256", "meta"],
    ["/8859-6", "iso-8859-6", "meta"],
    ["/utf16-bom", "utf-16le", "bom"],
  ])("serves %s as %s from the %s", async (path, charset, charsetSource) => {
    const res = await fetcher({ url: server.url(path) });
    expect(res).toMatchObject({ charset, charsetSource });
    expect(sharedPart(res.text)).toBe(ARTICLE_BODY);
  });

  it.each([
    ["/feed-1256", "windows-1256"],
    ["/feed-utf16", "utf-16be"],
  ])("serves the feed %s as %s from its XML declaration", async (path, charset) => {
    const res = await fetcher({ url: server.url(path) });
    expect(res).toMatchObject({ charset, charsetSource: "xml" });
    expect(sharedPart(res.text)).toBe(FEED_CHANNEL);
  });

  it("keeps the raw bytes alongside the decoded text", async () => {
    const res = await fetcher({ url: server.url("/1256-header") });
    expect(res.body.equals(fixture("article.windows-1256.undeclared.html"))).toBe(true);
  });
});
