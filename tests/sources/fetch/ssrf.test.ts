import { AllowList, blockedReason, checkTarget, createFetcher, FetchError, parseIp } from "../../../src/sources/fetch";
import { fakeDns } from "./support/lookup";
import { guardOutbound, type OutboundGuard } from "./support/net-guard";
import { startServer, type TestServer } from "./support/server";

function reasonFor(address: string): string | undefined {
  const ip = parseIp(address);
  if (!ip) throw new Error(`not an IP: ${address}`);
  return blockedReason(ip);
}

function refusalOf(url: string, allow: string[] = []): FetchError {
  try {
    checkTarget(url, new AllowList(allow));
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe("address classification", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["169.254.1.1", "link-local"],
    ["169.254.169.254", "cloud metadata"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "private (unique local)"],
    ["fd12:3456::1", "private (unique local)"],
    ["fd00:ec2::254", "cloud metadata"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
  ])("refuses %s as %s", (address, reason) => {
    expect(reasonFor(address)).toBe(reason);
  });

  it.each([
    ["::ffff:a9fe:a9fe", /IPv4-mapped 169\.254\.169\.254, cloud metadata/],
    ["::ffff:127.0.0.1", /IPv4-mapped 127\.0\.0\.1, loopback/],
    ["::ffff:0:10.0.0.1", /IPv4-mapped 10\.0\.0\.1, private/],
    ["::a9fe:a9fe", /IPv4-compatible/],
    ["::127.0.0.1", /IPv4-compatible/],
    ["64:ff9b::a9fe:a9fe", /NAT64 169\.254\.169\.254/],
    ["64:ff9b::7f00:1", /NAT64 127\.0\.0\.1, loopback/],
    ["64:ff9b:1::1", /rfc6052/],
    ["2002:c0a8:0101::1", /6to4 192\.168\.1\.1, private/],
    ["2001:0:4136:e378::1", /teredo/],
  ])("sees through the IPv4 inside %s", (address, reason) => {
    expect(reasonFor(address)).toMatch(reason);
  });

  it.each(["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808"])(
    "lets the public address %s through",
    (address) => {
      expect(reasonFor(address)).toBeUndefined();
    },
  );
});

describe("URL vetting before any connection", () => {
  it.each([
    "http://127.0.0.1/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://017700000001/",
    "http://127.1/",
    "http://0/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0xa9fea9fe/",
    "http://[fd00:ec2::254]/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.Google.Internal./",
    "http://localhost:8080/",
    "http://admin.localhost/",
    "https://10.0.0.5/feed.xml",
  ])("refuses %s with BLOCKED_ADDRESS", (url) => {
    expect(refusalOf(url).code).toBe("BLOCKED_ADDRESS");
  });

  it.each(["ftp://example.com/feed.xml", "file:///etc/passwd", "javascript:alert(1)", "gopher://example.com/", "not a url", "//example.com/feed", ""])(
    "refuses %j with BAD_URL",
    (url) => {
      expect(refusalOf(url).code).toBe("BAD_URL");
    },
  );

  it("refuses credentials in the URL", () => {
    const error = refusalOf("https://user:secret@example.com/feed");
    expect(error.code).toBe("BAD_URL");
    expect(error.message).toMatch(/credentials/);
    expect(error.message).not.toMatch(/secret/);
  });

  it("names the module, the contract and what it got", () => {
    expect(refusalOf("http://0x7f.1/").message).toMatch(/^fetch\.ssrf: refusing to connect to 127\.0\.0\.1 \(loopback\)/);
    expect(refusalOf("ftp://example.com/").message).toMatch(/^fetch\.ssrf: expected http: or https:, got ftp:/);
  });

  it("accepts public hosts and drops the fragment", () => {
    const target = checkTarget("https://Example.com./feed.xml#top", new AllowList());
    expect(target.url.href).toBe("https://example.com./feed.xml");
    expect(target.host).toBe("example.com");
  });

  it("lets the allow-list admit a named host, an address or a CIDR explicitly", () => {
    expect(checkTarget("http://localhost:3000/", new AllowList(["localhost"])).hostAllowed).toBe(true);
    expect(() => checkTarget("http://127.0.0.1/", new AllowList(["127.0.0.1"]))).not.toThrow();
    expect(() => checkTarget("http://10.2.3.4/", new AllowList(["10.0.0.0/8"]))).not.toThrow();
    expect(() => checkTarget("http://[::ffff:10.2.3.4]/", new AllowList(["10.0.0.0/8"]))).not.toThrow();
    expect(refusalOf("http://10.2.3.4/", ["192.168.0.0/16"]).code).toBe("BLOCKED_ADDRESS");
    expect(refusalOf("http://127.0.0.2/", ["127.0.0.1"]).code).toBe("BLOCKED_ADDRESS");
  });

  it("matches wildcard allow-list names on the suffix only", () => {
    const allow = new AllowList(["*.feeds.test"]);
    expect(allow.allowsName("a.feeds.test")).toBe(true);
    expect(allow.allowsName("feeds.test")).toBe(false);
    expect(allow.allowsName("evilfeeds.test")).toBe(false);
  });

  it("rejects a malformed CIDR in the allow-list at construction", () => {
    expect(() => new AllowList(["10.0.0.0/33"])).toThrow(/allowHosts entry must be a host, IP or CIDR/);
  });
});

describe("the guard on a live connection", () => {
  let server: TestServer;
  let outbound: OutboundGuard;

  beforeAll(async () => {
    outbound = guardOutbound();
    server = await startServer({ "/secret": (_req, res) => void res.end("internal data") });
  });
  afterAll(async () => {
    outbound.restore();
    await server.close();
  });

  it.each(["0x7f.1", "2130706433", "127.1", "[::ffff:127.0.0.1]"])("never reaches a loopback server through the literal %s", async (host) => {
    const fetcher = createFetcher();
    const before = server.hits.get("/secret") ?? 0;
    await expect(fetcher({ url: `http://${host}:${server.port}/secret` })).rejects.toMatchObject({ code: "BLOCKED_ADDRESS" });
    expect(server.hits.get("/secret") ?? 0).toBe(before);
    fetcher.close();
  });

  it("checks the address a name resolves to at connect time, with one resolution per connection", async () => {
    const dns = fakeDns({ "sneaky.test": ["127.0.0.1"] });
    const fetcher = createFetcher({ lookup: dns.lookup });
    const error = await fetcher({ url: server.url("/secret", "sneaky.test") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ code: "BLOCKED_ADDRESS" });
    expect((error as FetchError).message).toMatch(/sneaky\.test resolved to 127\.0\.0\.1 \(loopback\)/);
    expect(dns.calls).toEqual(["sneaky.test"]);
    expect(server.hits.get("/secret") ?? 0).toBe(0);
    fetcher.close();
  });

  it("refuses a name whose answers are all internal even when there are several", async () => {
    const dns = fakeDns({ "multi.test": ["10.0.0.7", "127.0.0.1", "fd00::1"] });
    const fetcher = createFetcher({ lookup: dns.lookup });
    await expect(fetcher({ url: server.url("/secret", "multi.test") })).rejects.toMatchObject({ code: "BLOCKED_ADDRESS" });
    expect(outbound.refused).toEqual([]);
    fetcher.close();
  });

  it("does not even resolve a cloud metadata name", async () => {
    const dns = fakeDns({ "metadata.google.internal": ["127.0.0.1"] });
    const fetcher = createFetcher({ lookup: dns.lookup });
    await expect(fetcher({ url: `http://metadata.google.internal:${server.port}/secret` })).rejects.toMatchObject({ code: "BLOCKED_ADDRESS" });
    expect(dns.calls).toEqual([]);
    fetcher.close();
  });

  it("lets an allow-listed name reach the loopback server", async () => {
    const dns = fakeDns({ "local-source.test": ["127.0.0.1"] });
    const fetcher = createFetcher({ lookup: dns.lookup, allowHosts: ["local-source.test"] });
    const res = await fetcher({ url: server.url("/secret", "local-source.test") });
    expect(res.text).toBe("internal data");
    fetcher.close();
  });

  it("lets an allow-listed CIDR admit any name resolving into it", async () => {
    const dns = fakeDns({ "anything.test": ["127.0.0.1"] });
    const fetcher = createFetcher({ lookup: dns.lookup, allowHosts: ["127.0.0.0/8"] });
    const res = await fetcher({ url: server.url("/secret", "anything.test") });
    expect(res.status).toBe(200);
    fetcher.close();
  });

  it("connects only to the vetted answers when a name mixes public and internal addresses", async () => {
    const dns = fakeDns({ "mixed.test": ["10.9.9.9", "127.0.0.1"] });
    const fetcher = createFetcher({ lookup: dns.lookup, allowHosts: ["127.0.0.1"] });
    const res = await fetcher({ url: server.url("/secret", "mixed.test") });
    expect(res.text).toBe("internal data");
    fetcher.close();
  });
});
