import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { createFetcher, FetchError } from "../../../src/sources/fetch";
import { startServer, type TestServer } from "./support/server";

const FEED = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار العالم</title></channel></rss>';
const NOW = new Date("2025-07-11T09:00:00Z");

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FetchError)) throw new Error(`expected a FetchError, got ${String(error)}`);
  return error;
}

function conditional(kind: "etag" | "last-modified") {
  const validator = kind === "etag" ? '"feed-v7"' : "Thu, 10 Jul 2025 21:14:00 GMT";
  return (req: IncomingMessage, res: ServerResponse) => {
    const presented = kind === "etag" ? req.headers["if-none-match"] : req.headers["if-modified-since"];
    if (presented === validator) {
      res.writeHead(304, { [kind]: validator, "cache-control": "max-age=300" }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", [kind]: validator }).end(FEED);
  };
}

function encoded(coding: string, body: Buffer) {
  return (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(200, { "content-type": "application/rss+xml", "content-encoding": coding }).end(body);
}

describe("HTTP semantics", () => {
  let server: TestServer;
  const fetcher = createFetcher({ allowHosts: ["127.0.0.1"], clock: () => NOW });
  const raw = Buffer.from(FEED, "utf8");

  beforeAll(async () => {
    server = await startServer({
      "/etag": conditional("etag"),
      "/last-modified": conditional("last-modified"),
      "/busy": (_req, res) => void res.writeHead(503, { "retry-after": "120" }).end("busy"),
      "/throttled": (_req, res) =>
        void res.writeHead(429, { date: "Fri, 11 Jul 2025 09:00:00 GMT", "retry-after": "Fri, 11 Jul 2025 09:30:00 GMT" }).end(),
      "/throttled-skewed": (_req, res) =>
        void res.writeHead(429, { date: "Fri, 11 Jul 2025 12:00:00 GMT", "retry-after": "Fri, 11 Jul 2025 12:05:00 GMT" }).end(),
      "/gone": (_req, res) => void res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not here</h1>"),
      "/broken": (_req, res) => void res.writeHead(500).end(),
      "/partial": (_req, res) => void res.writeHead(206).end("par"),
      "/gzip": encoded("gzip", zlib.gzipSync(raw)),
      "/x-gzip": encoded("x-gzip", zlib.gzipSync(raw)),
      "/deflate-zlib": encoded("deflate", zlib.deflateSync(raw)),
      "/deflate-raw": encoded("deflate", zlib.deflateRawSync(raw)),
      "/br": encoded("br", zlib.brotliCompressSync(raw)),
      "/gzip-then-br": encoded("gzip, br", zlib.brotliCompressSync(zlib.gzipSync(raw))),
      "/truncated-gzip": encoded("gzip", zlib.gzipSync(raw).subarray(0, zlib.gzipSync(raw).length - 8)),
      "/corrupt-gzip": encoded("gzip", Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(40, 0xff)])),
      "/corrupt-br": encoded("br", Buffer.from("this is not brotli at all, not even close")),
      "/zstd": encoded("zstd", Buffer.from([0x28, 0xb5, 0x2f, 0xfd])),
      "/sitemap.xml.gz": (_req, res) => void res.writeHead(200, { "content-type": "application/octet-stream" }).end(zlib.gzipSync(raw)),
      "/plain.xml.gz": (_req, res) => void res.writeHead(200, { "content-type": "application/xml" }).end(raw),
      "/max-age": (_req, res) => void res.writeHead(200, { "cache-control": "public, max-age=600, s-maxage=900", age: "100" }).end(FEED),
      "/no-store": (_req, res) => void res.writeHead(200, { "cache-control": "no-store, max-age=600" }).end(FEED),
      "/expires": (_req, res) =>
        void res.writeHead(200, { date: "Fri, 11 Jul 2025 09:00:00 GMT", expires: "Fri, 11 Jul 2025 09:15:00 GMT" }).end(FEED),
      "/headers": (req, res) => void res.writeHead(200, { "content-type": "Application/JSON; Charset=UTF-8" }).end(JSON.stringify(req.headers)),
    });
  });

  afterAll(async () => {
    fetcher.close();
    await server.close();
  });

  it.each(["etag", "last-modified"] as const)("revalidates with %s and reports 304 as notModified with an empty body", async (kind) => {
    const first = await fetcher({ url: server.url(`/${kind}`) });
    expect(first.status).toBe(200);
    expect(first.notModified).toBe(false);
    const second = await fetcher({ url: server.url(`/${kind}`), etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, text: "", maxAgeSeconds: 300 });
    expect(second.body.length).toBe(0);
    expect(kind === "etag" ? second.etag : second.lastModified).toBe(kind === "etag" ? first.etag : first.lastModified);
  });

  it("attaches Retry-After seconds to a 503", async () => {
    const error = await failure(fetcher({ url: server.url("/busy") }));
    expect(error).toMatchObject({ code: "HTTP_STATUS", status: 503, retryAfterSeconds: 120 });
  });

  it("turns a Retry-After date on a 429 into seconds from the server's own Date", async () => {
    expect(await failure(fetcher({ url: server.url("/throttled") }))).toMatchObject({ status: 429, retryAfterSeconds: 1800 });
    // The server's clock is three hours ahead of ours; the wait is still five minutes.
    expect(await failure(fetcher({ url: server.url("/throttled-skewed") }))).toMatchObject({ status: 429, retryAfterSeconds: 300 });
  });

  it.each([
    ["/gone", 404],
    ["/broken", 500],
    ["/partial", 206],
  ])("throws HTTP_STATUS with the status for %s", async (path, status) => {
    const error = await failure(fetcher({ url: server.url(path) }));
    expect(error).toMatchObject({ code: "HTTP_STATUS", status });
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.message).toMatch(new RegExp(`^fetch: expected 200 or 304, got ${status}`));
  });

  it.each(["/gzip", "/x-gzip", "/deflate-zlib", "/deflate-raw", "/br", "/gzip-then-br", "/truncated-gzip", "/sitemap.xml.gz", "/plain.xml.gz"])(
    "delivers the decompressed body of %s",
    async (path) => {
      const res = await fetcher({ url: server.url(path) });
      expect(res.body.equals(raw)).toBe(true);
      expect(res.text).toBe(FEED);
    },
  );

  it.each(["/corrupt-gzip", "/corrupt-br", "/zstd"])("fails %s with DECOMPRESSION", async (path) => {
    expect((await failure(fetcher({ url: server.url(path) }))).code).toBe("DECOMPRESSION");
  });

  it("advertises only the encodings it can decode", async () => {
    const echoed = JSON.parse((await fetcher({ url: server.url("/headers") })).text) as Record<string, string>;
    expect(echoed["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("uses s-maxage over max-age and subtracts Age", async () => {
    expect((await fetcher({ url: server.url("/max-age") })).maxAgeSeconds).toBe(800);
  });

  it("reports no freshness for no-store", async () => {
    expect((await fetcher({ url: server.url("/no-store") })).maxAgeSeconds).toBe(0);
  });

  it("reads freshness from Expires minus Date", async () => {
    expect((await fetcher({ url: server.url("/expires") })).maxAgeSeconds).toBe(900);
  });

  it("sends its user agent, the default Accept and caller headers, but not caller framing headers", async () => {
    const res = await fetcher({ url: server.url("/headers"), headers: { "Accept-Language": "ar, en;q=0.8", Host: "evil.example", "Accept-Encoding": "zstd" } });
    const echoed = JSON.parse(res.text) as Record<string, string>;
    expect(echoed["user-agent"]).toBe("Khabar/0.1 (+https://github.com/khabar)");
    expect(echoed.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(echoed["accept-language"]).toBe("ar, en;q=0.8");
    expect(echoed.host).toBe(`127.0.0.1:${server.port}`);
    expect(echoed["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("honours a custom user agent and Accept", async () => {
    const custom = createFetcher({ allowHosts: ["127.0.0.1"], userAgent: "KhabarTest/1" });
    const echoed = JSON.parse((await custom({ url: server.url("/headers"), accept: "text/html" })).text) as Record<string, string>;
    expect(echoed["user-agent"]).toBe("KhabarTest/1");
    expect(echoed.accept).toBe("text/html");
    custom.close();
  });

  it("reports the mime type alone in lower case, the raw headers and the injected clock", async () => {
    const res = await fetcher({ url: server.url("/headers") });
    expect(res.contentType).toBe("application/json");
    expect(res.headers["content-type"]).toBe("Application/JSON; Charset=UTF-8");
    expect(res.charset).toBe("utf-8");
    expect(res.charsetSource).toBe("header");
    expect(res.fetchedAt).toEqual(NOW);
    expect(res.redirects).toEqual([]);
  });
});
