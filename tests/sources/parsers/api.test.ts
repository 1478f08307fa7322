import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import {
  ApiConfigError,
  buildApiRequest,
  collectApiPages,
  loadMapping,
  parseApiResponse,
  type ApiMapping,
  type ApiRequest,
} from "../../../src/sources/parsers";
import { FIXTURES } from "./fixtures";

const MAPPINGS = path.resolve(__dirname, "../../../src/sources/mappings");
const mappingFile = (dir: string, name: string): ApiMapping => loadMapping(JSON.parse(readFileSync(path.join(dir, name), "utf8")), name);
const page = (name: string): string => readFileSync(path.join(FIXTURES, "api", name), "utf8");

const newsapi = mappingFile(MAPPINGS, "newsapi.json");
const guardian = mappingFile(MAPPINGS, "guardian.json");
const wire = mappingFile(path.join(FIXTURES, "api", "mappings"), "wire.json");
const ENV = { NEWSAPI_KEY: "test-newsapi-key", GUARDIAN_API_KEY: "test-guardian-key", WIRE_TOKEN: "test-wire-token" };

/** A fixture API server: each route checks its credential (401 without it) and serves page N of its fixtures. */
function route(req: IncomingMessage): { status: number; body: string } {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const pageNo = url.searchParams.get("page") ?? "1";
  if (url.pathname === "/v2/everything") {
    if (req.headers["x-api-key"] !== ENV.NEWSAPI_KEY) return { status: 401, body: '{"status":"error","code":"apiKeyMissing","message":"Your API key is missing."}' };
    return { status: 200, body: page(`newsapi-page${pageNo}.json`) };
  }
  if (url.pathname === "/search") {
    if (url.searchParams.get("api-key") !== ENV.GUARDIAN_API_KEY) return { status: 401, body: '{"message":"Unauthorized"}' };
    return { status: 200, body: page(`guardian-page${pageNo}.json`) };
  }
  if (url.pathname === "/wire/stories") {
    if (req.headers.authorization !== `Bearer ${ENV.WIRE_TOKEN}`) return { status: 401, body: "{}" };
    return { status: 200, body: page(url.searchParams.get("after") === "c2" ? "wire-page2.json" : "wire-page1.json") };
  }
  return { status: 404, body: "{}" };
}

describe("declarative API sources against a local fixture server", () => {
  let server: Server;
  let base = "";
  const seen: string[] = [];

  const fetchJson = async (request: ApiRequest): Promise<unknown> => {
    const res = await fetch(request.url, { headers: request.headers });
    if (!res.ok) throw new Error(`HTTP ${res.status} for ${request.url}`);
    return res.json();
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? "");
      const { status, body } = route(req);
      res.writeHead(status, { "content-type": "application/json" }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => seen.splice(0));

  it("answers 401 when the NewsAPI key header is missing", async () => {
    const res = await fetch(`${base}/v2/everything?q=asean&pageSize=3&page=1`);
    expect(res.status).toBe(401);
  });

  it("walks NewsAPI from page 1 to page 2 with the key header and stops at totalResults", async () => {
    const pages = await collectApiPages(newsapi, `${base}/v2/everything?q=asean&pageSize=3`, ENV, fetchJson);
    expect(pages).toHaveLength(2);
    expect(seen.map((u) => new URL(u, base).searchParams.get("page"))).toEqual(["1", "2"]);
    expect(pages[0].nextPage).toBe(`${base}/v2/everything?q=asean&pageSize=3&page=2`);
    expect(pages[1].nextPage).toBeUndefined();
    const first = pages[0].items[0];
    expect(first).toMatchObject({
      url: "https://www.aljazeera.example/news/2025/7/11/lavrov-and-rubio-meet-again",
      title: "Lavrov and Rubio meet again in Kuala Lumpur as Ukraine dominates ASEAN talks",
      authors: ["Al Jazeera Staff"],
      siteName: "Al Jazeera English",
      images: [{ url: "https://www.aljazeera.example/wp-content/uploads/2025/07/rubio-lavrov.jpg?resize=1920%2C1080" }],
      isTeaser: true,
    });
    expect(first.bodyText?.endsWith("[+2841 chars]")).toBe(false);
    expect(first.publishedAt?.toISOString()).toBe("2025-07-11T08:42:17.000Z");
    expect(pages[0].items[1]).toMatchObject({ images: [], authors: ["Simon Lewis, Rozanna Latiff"] });
    expect(pages[1].items.map((i) => i.siteName)).toEqual(["The National", "Al Jazeera English"]);
  });

  it("walks the Guardian Content API with the key as a query parameter and reads HTML fields", async () => {
    const pages = await collectApiPages(guardian, `${base}/search?q=asean`, ENV, fetchJson);
    expect(pages.map((p) => p.items.length)).toEqual([2, 1]);
    const firstUrl = new URL(seen[0], base);
    expect(firstUrl.searchParams.get("api-key")).toBe("test-guardian-key");
    expect(firstUrl.searchParams.get("show-fields")).toContain("body");
    expect(pages[0].nextPage).not.toContain("api-key");
    const [lead, short] = pages[0].items;
    expect(lead).toMatchObject({
      guid: "world/2025/jul/11/lavrov-rubio-asean-kuala-lumpur-ukraine",
      title: "Lavrov and Rubio hold second meeting at Asean summit as Ukraine talks continue",
      summary: "US secretary of state says Russia presented a ‘new and different approach’ to peace",
      authors: ["Rebecca Ratcliffe", "Andrew Roth"],
      category: "World news",
      language: "en",
      isTeaser: false,
    });
    expect(lead.bodyHtml).toContain('href="https://www.theguardian.example/world/ukraine"');
    expect(lead.updatedAt?.toISOString()).toBe("2025-07-11T10:15:00.000Z");
    expect(short).toMatchObject({ title: "China warns of retaliation against countries that exclude it from supply chains", isTeaser: true });
  });

  it("needs only a mapping file for a new API: a test-only cursor-paginated wire with a bearer token", async () => {
    const pages = await collectApiPages(wire, `${base}/wire/stories`, ENV, fetchJson);
    expect(seen.map((u) => new URL(u, base).searchParams.get("after"))).toEqual([null, "c2"]);
    expect(pages).toHaveLength(2);
    expect(pages[0].items[0]).toMatchObject({
      guid: "wire-001",
      title: "وزراء خارجية آسيان يؤكدون التزامهم بنظام تجاري قائم على القواعد",
      authors: ["مراسل الوكالة", "Wire Desk"],
      category: "العالم",
      tags: ["العالم", "آسيان", "تجارة"],
      language: "ar",
      direction: "rtl",
    });
    expect(pages[0].items[0].publishedAt?.toISOString()).toBe("2025-07-11T04:00:00.000Z");
    expect(pages[1].items[0]).toMatchObject({ language: "en", direction: "ltr", authors: [], images: [] });
  });
});

describe("API requests and responses", () => {
  it("fails with MISSING_ENV naming the variable when the credential is not set", () => {
    expect(() => buildApiRequest(newsapi, "https://newsapi.org/v2/everything?q=x", {}, 1)).toThrow(
      'api.parser: mapping "newsapi" needs environment variable NEWSAPI_KEY for its API key, and it is not set',
    );
  });

  it("builds the page URL with default query parameters and the auth header", () => {
    const req = buildApiRequest(newsapi, "https://newsapi.org/v2/top-headlines?country=eg", ENV, 3);
    const url = new URL(req.url);
    expect(url.searchParams.get("page")).toBe("3");
    expect(url.searchParams.get("pageSize")).toBe("50");
    expect(req.headers["X-Api-Key"]).toBe("test-newsapi-key");
  });

  it("turns a provider error status into BAD_RESPONSE with the provider's message", () => {
    const error = { status: "error", code: "rateLimited", message: "You have made too many requests recently." };
    expect(() => parseApiResponse(newsapi, error)).toThrow(/provider status "error": You have made too many requests recently\./);
  });

  it("refuses a next-page URL on another origin so the credential is not sent there", () => {
    const next = loadMapping({ name: "n", items: "$.items", fields: { url: "$.u" }, auth: { header: "K", env: "K" }, pagination: { style: "nextUrl", next: "$.next" } }, "n.json");
    expect(() => buildApiRequest(next, "https://api.example/items", { K: "k" }, "https://evil.example/items?page=2")).toThrow(ApiConfigError);
  });
});

describe("mapping validation", () => {
  const valid = { name: "x", items: "$.items", fields: { url: "$.url" } };

  it.each([
    [{ ...valid, itmes: "$.items" }, 'x.json: "itmes" is not a known key'],
    [{ ...valid, fields: { url: "$.url", titel: "$.t" } }, 'x.json: "fields.titel" is not a field we read'],
    [{ ...valid, fields: { url: "url" } }, 'x.json: "fields.url" must be a JSONPath string starting with "$"'],
    [{ ...valid, fields: { url: "$..[?(@.x)]" } }, 'x.json: "fields.url" must be a plain path'],
    [{ ...valid, auth: { header: "K", query: "k", env: "K" } }, 'x.json: "auth" must have exactly one of "header" or "query"'],
    [{ ...valid, auth: { header: "K", env: "lower" } }, 'x.json: "auth.env" must name an environment variable'],
    [{ ...valid, pagination: { style: "offset" } }, 'x.json: "pagination.style" must be "page", "cursor" or "nextUrl"'],
    [{ ...valid, fields: { title: "$.t" } }, 'x.json: "fields" must map at least url or guid'],
  ])("rejects a bad mapping naming the file and key (%#)", (json, message) => {
    expect(() => loadMapping(json, "x.json")).toThrow(message);
  });

  it("loads the shipped mappings", () => {
    expect(newsapi.name).toBe("newsapi");
    expect(guardian.auth).toEqual({ query: "api-key", env: "GUARDIAN_API_KEY" });
  });
});
