import { readFileSync } from "node:fs";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { MemoryCache } from "../../../src/cache/memory.cache";
import { createLogger } from "../../../src/logging";
import { loadConfig } from "../../../src/config/config";
import { createFetcher } from "../../../src/sources/fetch";
import { createIngestRuntime, type IngestRuntime } from "../../../src/ingest/runtime";
import { SourcesService } from "../../../src/ingest/sources.service";
import { refreshSource } from "../../../src/ingest/pipeline";
import type { IngestEvent } from "../../../src/ingest/ingest-events";
import { startLocalServer } from "./local-server";

const SEED = readFileSync(path.resolve(__dirname, "../../fixtures/seed/khabarain-lavrov-rubio.html"), "utf8");

function rss(base: string, items: { guid: string; title: string; link: string; body?: string; description?: string; date: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>Test Wire</title><link>${base}</link><language>en</language>
  ${items.map((i) => `<item><guid isPermaLink="false">${i.guid}</guid><title>${i.title}</title><link>${i.link}</link><pubDate>${i.date}</pubDate>
    ${i.description ? `<description>${i.description}</description>` : ""}${i.body ? `<content:encoded><![CDATA[${i.body}]]></content:encoded>` : ""}</item>`).join("\n")}
  </channel></rss>`;
}

const LONG = (topic: string) =>
  Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} about ${topic}. Russian Foreign Minister Sergei Lavrov met US Secretary of State Marco Rubio in Kuala Lumpur, where officials from Malaysia and China also gathered for talks on trade and the war in Ukraine.</p>`).join("");

let db: TestDatabase;
let server: Awaited<ReturnType<typeof startLocalServer>>;
let runtime: IngestRuntime;
let sources: SourcesService;
const published: IngestEvent[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startLocalServer();
  const log = createLogger({ logLevel: "silent", env: "test" });
  const cache = new MemoryCache(1000);
  runtime = await createIngestRuntime({
    config: loadConfig({ NODE_ENV: "test" }),
    db: db.dataSource,
    cache,
    log,
    publish: async (e) => {
      published.push(e);
    },
    fetch: createFetcher({ allowHosts: ["127.0.0.1"], totalTimeoutMs: 5000 }),
  });
  sources = new SourcesService(db.dataSource, cache);
});

afterAll(async () => {
  runtime?.close();
  await server?.close();
  await db?.close();
});

const q = <T = any>(sql: string, params: unknown[] = []) => db.dataSource.query(sql, params) as Promise<T[]>;

describe("ingesting an article page (the seed)", () => {
  let articleId: number;

  beforeAll(async () => {
    server.routes.set("/ar/world/lavrov-rubio.html", { body: SEED });
    const { id } = await sources.add({ url: `${server.url}/ar/world/lavrov-rubio.html` });
    const report = await runtime.refresh(id);
    expect(report).toMatchObject({ ok: true, created: 1 });
    [{ id: articleId }] = await q(`SELECT id FROM article WHERE source_id = $1`, [id]);
  });

  it("stores title, lede, category, language, direction and the body without see-also lines", async () => {
    const [a] = await q(`SELECT title, summary, source_category, category, language, direction, body_text, see_also, related_links FROM article WHERE id = $1`, [articleId]);
    expect(a.title).toBe("اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا");
    expect(a.summary).toMatch(/^التقى لافروف وروبيو في كوالالمبور/);
    expect(a).toMatchObject({ source_category: "العالم", category: "politics", language: "ar", direction: "rtl" });
    expect(a.body_text).toMatch(/^التقى وزير الخارجية الروسي سيرجي لافروف/);
    expect(a.body_text).toMatch(/لتحقيق هذه الغاية"?\.?$/);
    expect(a.body_text).not.toContain("شاهد ايضاً");
    expect(a.see_also).toHaveLength(6);
    expect(a.related_links).toHaveLength(4);
  });

  it("stores both images with captions and credits split off", async () => {
    const images = await q(`SELECT caption, credit FROM article_image WHERE article_id = $1 ORDER BY position`, [articleId]);
    expect(images.map((i) => i.credit)).toEqual(["فازري إسماعيل/وكالة الأنباء الأوروبية", "حسنور حسين/وكالة الأنباء الأوروبية"]);
    expect(images[1].caption).toContain("بتاريخ 10 يوليو 2025");
  });

  it("links the people and countries the page mentions, and not the photographers", async () => {
    const people = await q(`SELECT p.names->>'en' AS en, p.names->>'ar' AS ar FROM article_person x JOIN person p ON p.id = x.person_id WHERE x.article_id = $1`, [articleId]);
    const names = people.map((p) => p.en ?? p.ar);
    for (const n of ["Sergei Lavrov", "Marco Rubio", "Donald Trump", "Vladimir Putin", "Wang Yi"]) expect(names).toContain(n);
    expect(names.some((n) => /ريابكوف|Ryabkov/.test(n))).toBe(true);
    expect(names.join(" ")).not.toMatch(/فازري|حسنور|Fazry|Hasnoor/);
    const countries = (await q(`SELECT country_code FROM article_country WHERE article_id = $1`, [articleId])).map((c) => c.country_code);
    for (const c of ["UA", "RU", "US", "MY", "CN", "IR", "SY", "JP", "KR", "AU", "IN"]) expect(countries).toContain(c);
  });

  it("puts the article in an event placed in Malaysia", async () => {
    const [e] = await q(`SELECT e.country_code, e.article_count FROM article_event x JOIN event e ON e.id = x.event_id WHERE x.article_id = $1`, [articleId]);
    expect(e).toMatchObject({ country_code: "MY", article_count: 1 });
    expect(published.some((p) => p.type === "articleAdded" && p.articleId === articleId)).toBe(true);
  });
});

describe("ingesting a feed", () => {
  let sourceId: number;
  const base = () => server.url;
  const items = () => [
    { guid: "w-1", title: "Lavrov and Rubio meet in Kuala Lumpur", link: `${base()}/en/1?utm_source=rss`, body: LONG("the ASEAN meeting"), date: "Fri, 11 Jul 2025 10:00:00 GMT" },
    { guid: "w-2", title: "Markets steady ahead of tariff deadline", link: `${base()}/en/2`, body: `<p>Stocks were little changed on Wednesday as investors in Tokyo and New York waited for the tariff deadline.</p>`, date: "Wed, 09 Jul 2025 08:00:00 GMT" },
    { guid: "w-3", title: "Teaser only", link: `${base()}/en/3.html`, description: "Short teaser.", date: "Thu, 10 Jul 2025 08:00:00 GMT" },
  ];

  beforeAll(async () => {
    server.routes.set("/feed.xml", { type: "application/rss+xml", body: rss(base(), items()) });
    server.routes.set("/en/3.html", { body: `<html lang="en"><head><title>Full story | Test Wire</title></head><body><article><h1>Full story</h1>${LONG("the full page")}</article></body></html>` });
    ({ id: sourceId } = await sources.add({ url: `${base()}/feed.xml` }));
  });

  it("stores each item once however often the feed is fetched", async () => {
    const first = await runtime.refresh(sourceId);
    expect(first).toMatchObject({ ok: true, created: 3 });
    const second = await runtime.refresh(sourceId);
    expect(second.notModified).toBe(true);
    server.routes.set("/feed.xml", { type: "application/rss+xml", body: rss(base(), items()) + " " });
    const third = await runtime.refresh(sourceId);
    expect(third).toMatchObject({ ok: true, created: 0, updated: 0 });
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM article WHERE source_id = $1`, [sourceId]);
    expect(n).toBe(3);
  });

  it("fetches the page of a teaser item and strips tracking parameters from URLs", async () => {
    const [teaser] = await q(`SELECT body_text FROM article WHERE guid = 'w-3'`);
    expect(teaser.body_text).toContain("Paragraph 1 about the full page");
    const [first] = await q(`SELECT canonical_url FROM article WHERE guid = 'w-1'`);
    expect(first.canonical_url).toBe(`${base()}/en/1`);
  });

  it("updates an item that changed instead of adding a second article", async () => {
    const changed = items();
    changed[1] = { ...changed[1], title: "Markets rally after tariff deadline is pushed back" };
    server.routes.set("/feed.xml", { type: "application/rss+xml", body: rss(base(), changed) });
    const report = await runtime.refresh(sourceId);
    expect(report).toMatchObject({ ok: true, created: 0, updated: 1 });
    const rows = await q(`SELECT title FROM article WHERE guid = 'w-2'`);
    expect(rows).toEqual([{ title: "Markets rally after tariff deadline is pushed back" }]);
  });

  it("records one article with both sources when another source carries the same URL", async () => {
    server.routes.set("/other.xml", { type: "application/rss+xml", body: rss(base(), [{ ...items()[0], guid: "other-guid", link: `${base()}/en/1#comments` }]) });
    const { id: other } = await sources.add({ url: `${base()}/other.xml` });
    expect(await runtime.refresh(other)).toMatchObject({ ok: true, created: 0 });
    const rows = await q(`SELECT s.source_id FROM article a JOIN article_source s ON s.article_id = a.id WHERE a.guid = 'w-1' ORDER BY s.source_id`);
    expect(rows.map((r) => r.source_id)).toEqual([sourceId, other]);
  });
});

describe("a JSON news API described by a mapping file", () => {
  const fixture = (n: number) => readFileSync(path.resolve(__dirname, `../../fixtures/sources/parsers/api/newsapi-page${n}.json`), "utf8");

  it("calls the API with the key from the environment and stores its articles", async () => {
    const seenKeys: (string | undefined)[] = [];
    server.routes.set("/v2/everything", (req, url) => {
      seenKeys.push(req.headers["x-api-key"] as string | undefined);
      if (req.headers["x-api-key"] !== "secret-key") return { status: 401, type: "application/json", body: `{"status":"error","message":"apiKeyMissing"}` };
      return { type: "application/json", body: fixture(url.searchParams.get("page") === "2" ? 2 : 1) };
    });
    const { id } = await sources.add({ url: `${server.url}/v2/everything?q=asean`, kind: "api", mapping: "newsapi", fetchFullText: false });
    const withoutKey = await refreshWithEnv(id, {});
    expect(withoutKey.ok).toBe(false);
    expect(withoutKey.error).toMatch(/NEWSAPI_KEY/);
    const report = await refreshWithEnv(id, { NEWSAPI_KEY: "secret-key" });
    // totalResults (5) fits in one page of 50, so the mapping stops after page 1.
    expect(report).toMatchObject({ ok: true, created: 3 });
    // Without the variable the request is never sent, so the key cannot leak as an empty header.
    expect(seenKeys).toEqual(["secret-key"]);
    const rows = await q(`SELECT site_name, authors FROM article WHERE source_id = $1 ORDER BY published_at DESC LIMIT 1`, [id]);
    expect(rows[0].site_name).toBeTruthy();
  });

  it("finds a mapping the operator put in API_MAPPINGS_DIR, and names where it looked when there is none", async () => {
    const operatorDir = path.resolve(__dirname, "../../fixtures/sources/parsers/api/mappings");
    const page = (n: number) => readFileSync(path.resolve(__dirname, `../../fixtures/sources/parsers/api/wire-page${n}.json`), "utf8");
    server.routes.set("/wire/stories", (req, url) => req.headers.authorization !== "Bearer wire-token"
      ? { status: 401, type: "application/json", body: "{}" }
      : { type: "application/json", body: page(url.searchParams.get("after") === "c2" ? 2 : 1) });
    await expect(sources.add({ url: `${server.url}/wire/stories`, kind: "api", mapping: "wire" })).rejects.toThrow(/no API mapping "wire" \(looked for .*src\/sources\/mappings\/wire\.json\)/);
    const withDir = new SourcesService(db.dataSource, new MemoryCache(10), undefined, operatorDir);
    const { id } = await withDir.add({ url: `${server.url}/wire/stories`, kind: "api", mapping: "wire", fetchFullText: false });
    expect((await refreshSource({ ...runtime.deps, env: { WIRE_TOKEN: "wire-token" } }, id)).error).toMatch(/no API mapping "wire"/);
    const report = await refreshSource({ ...runtime.deps, env: { WIRE_TOKEN: "wire-token" }, apiMappingsDir: operatorDir }, id);
    expect(report).toMatchObject({ ok: true });
    expect(report.created).toBeGreaterThan(0);
  });

  async function refreshWithEnv(id: number, env: Record<string, string>) {
    return refreshSource({ ...runtime.deps, env }, id);
  }
});

describe("items without links and failures mid-write", () => {
  const linkless = (n: number) => `<?xml version="1.0"?><rss version="2.0"><channel><title>No links</title>
    ${Array.from({ length: n }, (_, i) => `<item><description>Story number ${i + 1} about floods in the north of the country.</description></item>`).join("")}</channel></rss>`;

  it("stores items without link, guid or title as separate articles, once each", async () => {
    server.routes.set("/nolinks.xml", { type: "application/rss+xml", body: linkless(3) });
    const { id } = await sources.add({ url: `${server.url}/nolinks.xml` });
    expect(await runtime.refresh(id)).toMatchObject({ ok: true, created: 3 });
    server.routes.set("/nolinks.xml", { type: "application/rss+xml", body: linkless(3) + "\n" });
    expect(await runtime.refresh(id)).toMatchObject({ ok: true, created: 0 });
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM article WHERE source_id = $1`, [id]);
    expect(n).toBe(3);
  });

  /** The runtime's linker, except that its `n`-th `resolve` throws `err` (a crash or a database error mid-refresh). */
  function linkerFailingAt(n: number, err: Error) {
    let calls = 0;
    const linker = Object.create(runtime.deps.linker);
    linker.resolve = async (...args: unknown[]) => {
      if (++calls === n) throw err;
      return runtime.deps.linker.resolve(...(args as Parameters<typeof runtime.deps.linker.resolve>));
    };
    return { linker, calls: () => calls };
  }

  it("writes nothing when a refresh fails halfway through its items", async () => {
    server.routes.set("/half.xml", { type: "application/rss+xml", body: linkless(4).replace(/floods/g, "storms") });
    const { id } = await sources.add({ url: `${server.url}/half.xml` });
    const failing = linkerFailingAt(3, new Error("simulated crash in the middle of a refresh"));
    const report = await refreshSource({ ...runtime.deps, linker: failing.linker }, id);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/simulated crash/);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM article WHERE source_id = $1`, [id]);
    expect(n).toBe(0);
    expect(await runtime.refresh(id)).toMatchObject({ ok: true, created: 4 });
  });

  it("writes a refresh again, whole, when the database picked it as a deadlock's victim", async () => {
    server.routes.set("/victim.xml", { type: "application/rss+xml", body: linkless(3).replace(/floods/g, "quakes") });
    const { id } = await sources.add({ url: `${server.url}/victim.xml` });
    const victim = linkerFailingAt(2, Object.assign(new Error("deadlock detected"), { code: "40P01" }));
    const report = await refreshSource({ ...runtime.deps, linker: victim.linker }, id);
    expect(report).toMatchObject({ ok: true, created: 3 });
    expect(victim.calls()).toBeGreaterThan(3);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM article WHERE source_id = $1`, [id]);
    expect(n).toBe(3);
  });
});

describe("bad sources", () => {
  it.each([
    ["an empty body", "/empty.xml", { type: "application/rss+xml", body: "" }, /EMPTY_BODY/],
    ["a 500 error", "/down.xml", { status: 500, body: "oops" }, /HTTP_STATUS/],
    ["a document that is no feed at all", "/junk.xml", { type: "application/xml", body: "<config><value>1</value></config>" }, /UNKNOWN_FORMAT|WRONG_ROOT|NOT_A_FEED/],
  ])("records %s on the source, stores nothing and backs off", async (_what, route, response, error) => {
    server.routes.set(route, response);
    const { id } = await sources.add({ url: `${server.url}${route}` });
    const report = await runtime.refresh(id);
    expect(report.ok).toBe(false);
    const [s] = await q(`SELECT last_error, consecutive_errors, next_fetch_at FROM source WHERE id = $1`, [id]);
    expect(s.last_error).toMatch(error);
    expect(s.consecutive_errors).toBe(1);
    expect(new Date(s.next_fetch_at).getTime()).toBeGreaterThan(Date.now() + 60_000);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM article WHERE source_id = $1`, [id]);
    expect(n).toBe(0);
  });

  it("reads what it can of malformed XML and reports the problem", async () => {
    server.routes.set("/bad.xml", { type: "application/rss+xml", body: "<rss><channel><item><title>Unclosed story</title><description>Some text" });
    const { id } = await sources.add({ url: `${server.url}/bad.xml` });
    const report = await runtime.refresh(id);
    expect(report.ok).toBe(true);
    expect(report.problems.join(" ")).toMatch(/./);
    const rows = await q(`SELECT title FROM article WHERE source_id = $1`, [id]);
    expect(rows).toEqual([{ title: "Unclosed story" }]);
  });

  it("reports an HTML page where a feed was expected", async () => {
    server.routes.set("/not-a-feed", { body: "<html><body><p>hello</p></body></html>" });
    const { id } = await sources.add({ url: `${server.url}/not-a-feed`, kind: "rss" });
    const report = await runtime.refresh(id);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/expected a rss feed .* got an HTML page/);
  });

  it("refuses a source URL that is not http(s) or already exists", async () => {
    await expect(sources.add({ url: "file:///etc/passwd" })).rejects.toThrow(/only http and https/);
    await expect(sources.add({ url: `${server.url}/feed.xml` })).rejects.toThrow(/already exists/);
    await expect(sources.add({ url: `${server.url}/feed.xml#latest` })).rejects.toThrow(/already exists/);
    await expect(sources.add({ url: `${server.url.toUpperCase().replace("HTTP:", "http:")}/feed.xml` })).rejects.toThrow(/already exists/);
  });
});
