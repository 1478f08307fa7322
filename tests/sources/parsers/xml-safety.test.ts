import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FeedParseError, parseFeed } from "../../../src/sources/parsers";
import { billionLaughs, externalDtd, externalEntity, parameterEntity, PROTO_FEED, quadraticBlowup } from "../../../scripts/eval/feeds/hostile";

function parseOrError(text: string): { title?: string; error?: FeedParseError } {
  try {
    return { title: parseFeed(text).title };
  } catch (err) {
    if (err instanceof FeedParseError) return { error: err };
    throw err;
  }
}

describe("entity expansion", () => {
  it("never expands the billion laughs: nested entities stay unexpanded and the result is small", () => {
    const { title, error } = parseOrError(billionLaughs());
    expect(error?.code ?? "bounded").toMatch(/ENTITY_LIMIT|bounded/);
    expect((title ?? "").length).toBeLessThan(1000);
  });

  it("refuses the quadratic blowup with ENTITY_LIMIT instead of building hundreds of megabytes", () => {
    const { error } = parseOrError(quadraticBlowup());
    expect(error?.code).toBe("ENTITY_LIMIT");
    expect(error?.message).toMatch(/^xml\.tree: entity expansion refused/);
  });

  it("still expands a small internal entity, which real feeds declare", () => {
    const text = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY site "Khabar">]><rss version="2.0"><channel><title>&site; News</title></channel></rss>';
    expect(parseFeed(text).title).toBe("Khabar News");
  });
});

describe("external entities", () => {
  let server: Server;
  let hits = 0;
  let base = "";

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end("SECRET-FROM-SERVER");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ["a SYSTEM entity", () => externalEntity(`${base}/system`, "SYSTEM")],
    ["a PUBLIC entity", () => externalEntity(`${base}/public`, "PUBLIC")],
    ["a parameter entity", () => parameterEntity(`${base}/param`)],
    ["an external DTD", () => externalDtd(`${base}/dtd`)],
  ])("never fetches or expands %s", async (_name, make) => {
    const text = make();
    const { title, error } = parseOrError(text);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hits).toBe(0);
    expect(`${title ?? ""}${error?.message ?? ""}`).not.toContain("SECRET");
  });

  it("reads a feed declaring a SYSTEM entity leniently, leaving the reference unexpanded", () => {
    const feed = parseFeed(externalEntity("file:///etc/passwd", "SYSTEM"));
    expect(feed.title).toBe("before &xxe; after");
    expect(feed.items[0].url).toBe("https://example.com/1");
    expect(feed.diagnostics.recovered).toBe(true);
  });

  it("reads /etc/passwd nowhere into the result", () => {
    const feed = parseFeed(externalEntity("file:///etc/passwd", "SYSTEM"));
    expect(JSON.stringify(feed)).not.toContain("root:");
  });
});

describe("prototype pollution", () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  it("parses <__proto__> and <constructor> tags and attributes without touching Object.prototype", () => {
    const feed = parseFeed(PROTO_FEED);
    expect(feed.title).toBe("safe");
    expect(feed.items[0]).toMatchObject({ title: "one", tags: ["x"] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it("survives the same document through the lenient fallback", () => {
    const broken = PROTO_FEED.replace("</rss>", "");
    const feed = parseFeed(broken);
    expect(feed.diagnostics.recovered).toBe(true);
    expect(feed.title).toBe("safe");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it("leaves JSON Feed __proto__ keys inert", () => {
    parseFeed('{"version":"https://jsonfeed.org/version/1.1","title":"t","__proto__":{"polluted":1},"items":[{"id":"1","__proto__":{"polluted":2}}]}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
