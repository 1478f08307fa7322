import net, { type AddressInfo } from "node:net";
import { createFetcher, FetchError } from "../../../src/sources/fetch";
import { makeBomb } from "./support/bombs";
import { fakeDns } from "./support/lookup";
import { startServer, streamBytes, type TestServer } from "./support/server";

const MiB = 1024 * 1024;
const LOCAL = { allowHosts: ["127.0.0.1"] };

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FetchError)) throw new Error(`expected a FetchError, got ${String(error)}`);
  return error;
}

describe("body limits", () => {
  let server: TestServer;
  const bombs: Record<string, Buffer> = {};
  const trickles: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    // 64 MiB of zeros: far past the 15 MiB default cap, yet each bomb is only tens of KiB on the wire.
    for (const kind of ["gzip", "deflate", "deflate-raw", "br"] as const) bombs[kind] = await makeBomb(kind, 64 * MiB);
    const bombRoute = (kind: string, coding: string) => (_req: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(200, { "content-type": "application/xml", "content-encoding": coding, "content-length": bombs[kind].length });
      res.end(bombs[kind]);
    };
    server = await startServer({
      "/empty": (_req, res) => void res.writeHead(200, { "content-type": "text/html", "content-length": 0 }).end(),
      "/empty-gzip": (_req, res) => void res.writeHead(200, { "content-encoding": "gzip" }).end(require("node:zlib").gzipSync(Buffer.alloc(0))),
      "/huge-declared": (_req, res) => {
        res.writeHead(200, { "content-type": "application/xml", "content-length": 50 * MiB });
        streamBytes(res, 50 * MiB);
      },
      "/huge-chunked": (_req, res) => {
        res.writeHead(200, { "content-type": "application/xml" });
        streamBytes(res, 50 * MiB);
      },
      "/exactly-1mib": (_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        streamBytes(res, MiB);
      },
      "/bomb-gzip": bombRoute("gzip", "gzip"),
      "/bomb-deflate": bombRoute("deflate", "deflate"),
      "/bomb-deflate-raw": bombRoute("deflate-raw", "deflate"),
      "/bomb-br": bombRoute("br", "br"),
      "/sitemap.xml.gz": (_req, res) => void res.writeHead(200, { "content-type": "application/x-gzip" }).end(bombs.gzip),
      "/trickle": (_req, res) => {
        res.writeHead(200, { "content-type": "application/rss+xml" });
        const timer = setInterval(() => res.write("<"), 100);
        trickles.push(timer);
        res.on("close", () => clearInterval(timer));
      },
      "/silent": () => undefined,
      "/cut": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html", "content-length": 1000 });
        res.write("<html>".padEnd(100, " "));
        setTimeout(() => res.socket?.destroy(), 20);
      },
      "/slow": (_req, res) => void setTimeout(() => res.writeHead(200).end("slow"), 800),
      "/slow-hop-1": (_req, res) => void setTimeout(() => res.writeHead(302, { location: "/slow-hop-2" }).end(), 400),
      "/slow-hop-2": (_req, res) => void setTimeout(() => res.writeHead(302, { location: "/slow-hop-3" }).end(), 400),
      "/slow-hop-3": (_req, res) => void setTimeout(() => res.writeHead(200).end("finally"), 400),
    });
  });

  afterAll(async () => {
    for (const timer of trickles) clearInterval(timer);
    await server.close();
  });

  it("fails a 200 with no body with EMPTY_BODY", async () => {
    const fetcher = createFetcher(LOCAL);
    const error = await failure(fetcher({ url: server.url("/empty") }));
    expect(error.code).toBe("EMPTY_BODY");
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/^fetch: expected a body with 200, got 0 bytes/);
  });

  it("fails a gzip body that decompresses to nothing with EMPTY_BODY", async () => {
    const fetcher = createFetcher(LOCAL);
    expect((await failure(fetcher({ url: server.url("/empty-gzip") }))).code).toBe("EMPTY_BODY");
  });

  it("refuses a 50 MB body announced by Content-Length before reading it", async () => {
    const fetcher = createFetcher(LOCAL);
    const error = await failure(fetcher({ url: server.url("/huge-declared") }));
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toMatch(/expected at most 15728640 bytes.*declared by Content-Length/);
  });

  it("stops a 50 MB chunked body once the bytes on the wire pass the default 15 MiB cap", async () => {
    const fetcher = createFetcher(LOCAL);
    const error = await failure(fetcher({ url: server.url("/huge-chunked") }));
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toMatch(/on the wire/);
  });

  it("delivers a body of exactly the cap and refuses one byte less of cap", async () => {
    const fetcher = createFetcher({ ...LOCAL, maxBodyBytes: MiB });
    expect((await fetcher({ url: server.url("/exactly-1mib") })).body.length).toBe(MiB);
    const tighter = createFetcher({ ...LOCAL, maxBodyBytes: MiB - 1 });
    expect((await failure(tighter({ url: server.url("/exactly-1mib") }))).code).toBe("TOO_LARGE");
  });

  it.each(["gzip", "deflate", "deflate-raw", "br"])("stops a %s bomb on its decompressed size though it is small on the wire", async (kind) => {
    expect(bombs[kind].length).toBeLessThan(MiB);
    const fetcher = createFetcher(LOCAL);
    const error = await failure(fetcher({ url: server.url(`/bomb-${kind}`) }));
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toMatch(/decompressed/);
  });

  it("applies the decompressed cap to a .gz file served without Content-Encoding", async () => {
    const fetcher = createFetcher(LOCAL);
    const error = await failure(fetcher({ url: server.url("/sitemap.xml.gz") }));
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toMatch(/decompressed/);
  });

  it("ends a body trickling one byte at a time with TIMEOUT within the total timeout", async () => {
    const fetcher = createFetcher({ ...LOCAL, totalTimeoutMs: 800 });
    const error = await failure(fetcher({ url: server.url("/trickle") }));
    expect(error.code).toBe("TIMEOUT");
    expect(error.url).toBe(server.url("/trickle"));
    expect(error.message).toMatch(/^fetch: expected the whole exchange within 800 ms/);
  });

  it("ends a server that accepts but never answers with TIMEOUT", async () => {
    const fetcher = createFetcher({ ...LOCAL, totalTimeoutMs: 500 });
    expect((await failure(fetcher({ url: server.url("/silent") }))).code).toBe("TIMEOUT");
  });

  it("counts the total timeout across redirects, not per hop", async () => {
    const fetcher = createFetcher({ ...LOCAL, totalTimeoutMs: 1000 });
    expect((await failure(fetcher({ url: server.url("/slow-hop-1") }))).code).toBe("TIMEOUT");
    const patient = createFetcher({ ...LOCAL, totalTimeoutMs: 5000 });
    expect((await patient({ url: server.url("/slow-hop-1") })).text).toBe("finally");
  });

  it("does not count waiting for a pooled connection as connect time", async () => {
    // Twelve parallel fetches to one host share eight sockets: four wait ~800 ms for a free one.
    const fetcher = createFetcher({ ...LOCAL, connectTimeoutMs: 400, totalTimeoutMs: 5000 });
    const results = await Promise.all(Array.from({ length: 12 }, () => fetcher({ url: server.url("/slow") }).then((r) => r.text)));
    expect(results).toEqual(Array(12).fill("slow"));
    fetcher.close();
  });

  it("reports a connection cut mid-body as NETWORK", async () => {
    const fetcher = createFetcher(LOCAL);
    const error = await failure(fetcher({ url: server.url("/cut") }));
    expect(error.code).toBe("NETWORK");
    expect(error.message).toMatch(/^fetch\.body: connection failed while reading the body/);
  });
});

describe("connect timeout", () => {
  it("ends with CONNECT_TIMEOUT when name resolution never answers", async () => {
    const dns = fakeDns({}, ["stuck.test"]);
    const fetcher = createFetcher({ lookup: dns.lookup, connectTimeoutMs: 200, totalTimeoutMs: 5000 });
    const error = await failure(fetcher({ url: "http://stuck.test/feed.xml" }));
    expect(error.code).toBe("CONNECT_TIMEOUT");
    expect(error.message).toMatch(/expected a connection within 200 ms/);
  });

  it("ends with CONNECT_TIMEOUT when the TLS handshake never completes", async () => {
    const silent = net.createServer(() => undefined);
    const sockets: net.Socket[] = [];
    silent.on("connection", (s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const fetcher = createFetcher({ ...LOCAL, connectTimeoutMs: 200, totalTimeoutMs: 5000 });
      expect((await failure(fetcher({ url: `https://127.0.0.1:${port}/` }))).code).toBe("CONNECT_TIMEOUT");
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("reports a refused connection as NETWORK", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const fetcher = createFetcher(LOCAL);
    const error = await failure(fetcher({ url: `http://127.0.0.1:${port}/` }));
    expect(error.code).toBe("NETWORK");
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});
