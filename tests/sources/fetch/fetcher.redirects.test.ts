import type { ServerResponse } from "node:http";
import { createFetcher, FetchError } from "../../../src/sources/fetch";
import { fakeDns } from "./support/lookup";
import { guardOutbound, type OutboundGuard } from "./support/net-guard";
import { startServer, type TestServer } from "./support/server";

const redirect = (location: string, status = 302) => (_req: unknown, res: ServerResponse) => void res.writeHead(status, { location }).end();

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FetchError)) throw new Error(`expected a FetchError, got ${String(error)}`);
  return error;
}

describe("redirects", () => {
  let server: TestServer;
  let outbound: OutboundGuard;
  // The origin is reached by name and only that name is allow-listed: the loopback address itself is not.
  const dns = fakeDns({ "origin.test": ["127.0.0.1"], "other.test": ["127.0.0.1"], "rebind.test": ["127.0.0.1"] });
  const fetcher = createFetcher({ lookup: dns.lookup, allowHosts: ["origin.test", "other.test"] });
  const at = (path: string, host = "origin.test") => server.url(path, host);

  beforeAll(async () => {
    outbound = guardOutbound();
    const routes: Record<string, (req: import("node:http").IncomingMessage, res: ServerResponse) => void> = {
      "/feed": (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml" }).end("<rss/>"),
      "/secret": (_req, res) => void res.end("internal"),
      "/relative": redirect("../feeds/../feed?from=relative"),
      "/feed?from=relative": (_req, res) => void res.end("<rss/>"),
      "/loop-a": redirect("/loop-b"),
      "/loop-b": redirect("/loop-a"),
      "/self": redirect("/self"),
      "/moved": redirect("/moved-2", 301),
      "/moved-2": redirect("/feed", 308),
      "/found": redirect("/moved-3", 302),
      "/moved-3": redirect("/feed", 301),
      "/see-other": redirect("/feed", 303),
      "/temporary": redirect("/feed", 307),
      "/to-loopback": (_req, res) => void res.writeHead(302, { location: `http://127.0.0.1:${server.port}/secret` }).end(),
      "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
      "/to-mapped-metadata": redirect("http://[::ffff:a9fe:a9fe]/latest/meta-data/"),
      "/to-mapped-loopback": (_req, res) => void res.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${server.port}/secret` }).end(),
      "/to-decimal-loopback": (_req, res) => void res.writeHead(302, { location: `http://2130706433:${server.port}/secret` }).end(),
      "/to-rebind": (_req, res) => void res.writeHead(302, { location: `http://rebind.test:${server.port}/secret` }).end(),
      "/to-metadata-name": redirect("http://metadata.google.internal/computeMetadata/v1/"),
      "/to-file": redirect("file:///etc/passwd"),
      "/to-other": (_req, res) => void res.writeHead(302, { location: `http://other.test:${server.port}/echo` }).end(),
      "/echo": (_req, res) => void res.end("echo"),
      "/no-location": (_req, res) => void res.writeHead(302).end("where?"),
    };
    for (let i = 1; i <= 6; i++) routes[`/chain-${i}`] = redirect(i === 6 ? "/feed" : `/chain-${i + 1}`);
    routes["/chain-of-5"] = redirect("/chain-3");
    server = await startServer(routes);
  });

  afterAll(async () => {
    outbound.restore();
    fetcher.close();
    await server.close();
  });

  it("resolves a relative Location against the current URL", async () => {
    const res = await fetcher({ url: at("/relative") });
    expect(res.url).toBe(at("/feed?from=relative"));
    expect(res.redirects).toEqual([at("/relative")]);
  });

  it("follows a chain of five redirects", async () => {
    const res = await fetcher({ url: at("/chain-of-5") });
    expect(res.text).toBe("<rss/>");
    expect(res.redirects).toHaveLength(5);
  });

  it("stops a chain of six redirects with TOO_MANY_REDIRECTS", async () => {
    const error = await failure(fetcher({ url: at("/chain-1") }));
    expect(error.code).toBe("TOO_MANY_REDIRECTS");
    expect(error.url).toBe(at("/chain-1"));
    expect(error.message).toMatch(/expected at most 5 redirects/);
  });

  it("honours a lower maxRedirects", async () => {
    const strict = createFetcher({ lookup: dns.lookup, allowHosts: ["origin.test"], maxRedirects: 1 });
    expect((await failure(strict({ url: at("/moved") }))).code).toBe("TOO_MANY_REDIRECTS");
    strict.close();
  });

  it("detects a redirect loop between two URLs", async () => {
    const error = await failure(fetcher({ url: at("/loop-a") }));
    expect(error.code).toBe("REDIRECT_LOOP");
    expect(error.message).toMatch(/got a loop from .*loop-b back to .*loop-a$/);
  });

  it("detects a URL redirecting to itself", async () => {
    expect((await failure(fetcher({ url: at("/self") }))).code).toBe("REDIRECT_LOOP");
  });

  it("reports the final URL as permanent only when every hop was 301 or 308", async () => {
    const permanent = await fetcher({ url: at("/moved") });
    expect(permanent.permanentUrl).toBe(at("/feed"));
    const mixed = await fetcher({ url: at("/found") });
    expect(mixed.url).toBe(at("/feed"));
    expect(mixed.permanentUrl).toBeUndefined();
  });

  it.each(["/see-other", "/temporary"])("follows %s", async (path) => {
    expect((await fetcher({ url: at(path) })).url).toBe(at("/feed"));
  });

  it.each([
    ["/to-loopback", /127\.0\.0\.1 \(loopback\)/],
    ["/to-mapped-loopback", /IPv4-mapped 127\.0\.0\.1, loopback/],
    ["/to-decimal-loopback", /127\.0\.0\.1 \(loopback\)/],
    ["/to-rebind", /rebind\.test resolved to 127\.0\.0\.1/],
  ])("refuses the redirect %s to the loopback server the origin lives on", async (path, reason) => {
    const before = server.hits.get("/secret") ?? 0;
    const error = await failure(fetcher({ url: at(path) }));
    expect(error.code).toBe("BLOCKED_ADDRESS");
    expect(error.message).toMatch(reason);
    expect(server.hits.get("/secret") ?? 0).toBe(before);
  });

  it.each([
    ["/to-metadata", /169\.254\.169\.254 \(cloud metadata\)/],
    ["/to-mapped-metadata", /IPv4-mapped 169\.254\.169\.254, cloud metadata/],
    ["/to-metadata-name", /metadata\.google\.internal \(cloud metadata name\)/],
  ])("refuses the redirect %s to cloud metadata without opening a socket", async (path, reason) => {
    const error = await failure(fetcher({ url: at(path) }));
    expect(error.code).toBe("BLOCKED_ADDRESS");
    expect(error.message).toMatch(reason);
    expect(outbound.refused).toEqual([]);
  });

  it("refuses a redirect to a non-http scheme", async () => {
    expect((await failure(fetcher({ url: at("/to-file") }))).code).toBe("BAD_URL");
  });

  it("treats a redirect status without Location as an HTTP error", async () => {
    const error = await failure(fetcher({ url: at("/no-location") }));
    expect(error.code).toBe("HTTP_STATUS");
    expect(error.status).toBe(302);
  });

  it("keeps credentials on the origin and drops them on a redirect to another origin", async () => {
    await fetcher({
      url: at("/to-other"),
      headers: { Authorization: "Bearer s3cret", Cookie: "session=1", "X-Source": "khabar" },
    });
    const first = server.seen.get("/to-other");
    const second = server.seen.get("/echo");
    expect(first?.authorization).toBe("Bearer s3cret");
    expect(second?.authorization).toBeUndefined();
    expect(second?.cookie).toBeUndefined();
    expect(second?.["x-source"]).toBe("khabar");
  });

  it("sends the conditional validators on every hop", async () => {
    await fetcher({ url: at("/moved"), etag: '"v1"' });
    expect(server.seen.get("/moved")?.["if-none-match"]).toBe('"v1"');
    expect(server.seen.get("/feed")?.["if-none-match"]).toBe('"v1"');
  });
});
