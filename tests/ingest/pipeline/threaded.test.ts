import { readFileSync } from "node:fs";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { MemoryCache } from "../../../src/cache/memory.cache";
import { createLogger } from "../../../src/logging";
import { loadConfig } from "../../../src/config/config";
import { createFetcher } from "../../../src/sources/fetch";
import { createIngestRuntime, type IngestRuntime } from "../../../src/ingest/runtime";
import { analyseWorkerScript, threadedAnalyser } from "../../../src/ingest/analyser";
import { SourcesService } from "../../../src/ingest/sources.service";
import { startLocalServer } from "./local-server";

const SEED = readFileSync(path.resolve(__dirname, "../../fixtures/seed/khabarain-lavrov-rubio.html"), "utf8");
// `npm test` builds dist first; the threads run the compiled script, as in production.
const script = analyseWorkerScript(path.resolve(__dirname, "../../../dist/src/ingest"));

let db: TestDatabase;
let server: Awaited<ReturnType<typeof startLocalServer>>;
let runtime: IngestRuntime;
let sources: SourcesService;

beforeAll(async () => {
  if (!script) throw new Error("threaded.test: dist/src/ingest/analyse.worker.js is missing; run `npm run build` first");
  db = await createTestDatabase();
  server = await startLocalServer();
  const cache = new MemoryCache(1000);
  runtime = await createIngestRuntime({
    config: loadConfig({ NODE_ENV: "test" }),
    db: db.dataSource,
    cache,
    log: createLogger({ logLevel: "silent", env: "test" }),
    publish: async () => undefined,
    fetch: createFetcher({ allowHosts: ["127.0.0.1"], totalTimeoutMs: 5000 }),
  });
  runtime.deps.analyser = threadedAnalyser({ threads: 1, script, data: { knownPeople: [] } });
  sources = new SourcesService(db.dataSource, cache);
});

afterAll(async () => {
  await runtime?.deps.analyser?.close();
  await runtime?.close();
  await server?.close();
  await db?.close();
});

const q = <T = any>(sql: string, params: unknown[] = []) => db.dataSource.query(sql, params) as Promise<T[]>;

describe("a refresh whose extraction and analysis run on a thread", () => {
  it("stores the seed page as the event loop does: lede, see-also and related links, credited images, people", async () => {
    server.routes.set("/ar/world/lavrov-rubio.html", { body: SEED });
    const { id } = await sources.add({ url: `${server.url}/ar/world/lavrov-rubio.html` });
    expect(await runtime.refresh(id)).toMatchObject({ ok: true, created: 1 });
    const [a] = await q(`SELECT id, title, see_also, related_links, category FROM article WHERE source_id = $1`, [id]);
    expect(a).toMatchObject({ title: "اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا", category: "politics" });
    expect(a.see_also).toHaveLength(6);
    expect(a.related_links).toHaveLength(4);
    const credits = await q(`SELECT credit FROM article_image WHERE article_id = $1 ORDER BY position`, [a.id]);
    expect(credits.map((c) => c.credit)).toEqual(["فازري إسماعيل/وكالة الأنباء الأوروبية", "حسنور حسين/وكالة الأنباء الأوروبية"]);
    const people = await q(`SELECT p.names->>'en' AS en FROM article_person x JOIN person p ON p.id = x.person_id WHERE x.article_id = $1`, [a.id]);
    expect(people.map((p) => p.en)).toEqual(expect.arrayContaining(["Sergei Lavrov", "Marco Rubio"]));
  });

  it("fills a feed's teaser from its page on the thread", async () => {
    const body = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the full page about Sergei Lavrov in Kuala Lumpur.</p>`).join("");
    server.routes.set("/en/teaser.html", { body: `<html lang="en"><head><title>Full story | Wire</title></head><body><article><h1>Full story</h1>${body}</article></body></html>` });
    server.routes.set("/teasers.xml", {
      type: "application/rss+xml",
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${server.url}</link><language>en</language>
        <item><guid>t-1</guid><title>Full story</title><link>${server.url}/en/teaser.html</link><description>Short teaser.</description><pubDate>Thu, 10 Jul 2025 08:00:00 GMT</pubDate></item></channel></rss>`,
    });
    const { id } = await sources.add({ url: `${server.url}/teasers.xml` });
    expect(await runtime.refresh(id)).toMatchObject({ ok: true, created: 1 });
    const [a] = await q(`SELECT body_text FROM article WHERE guid = 't-1'`);
    expect(a.body_text).toContain("Paragraph 6 of the full page");
  });

  it("records a refresh whose thread died as failed, stores none of it, and stores it all on the next refresh", async () => {
    const healthy = runtime.deps.analyser;
    runtime.deps.analyser = threadedAnalyser({ threads: 1, script: path.resolve(__dirname, "../../fixtures/ingest/analyse-exit.worker.js"), data: { knownPeople: [] } });
    server.routes.set("/dies.xml", {
      type: "application/rss+xml",
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${server.url}</link><language>en</language>
        <item><guid>d-1</guid><title>One</title><link>${server.url}/d/1</link><description>First item about Cairo.</description></item>
        <item><guid>d-2</guid><title>Two</title><link>${server.url}/d/2</link><description>Second item about Amman.</description></item></channel></rss>`,
    });
    const { id } = await sources.add({ url: `${server.url}/dies.xml`, fetchFullText: false });
    try {
      const failed = await runtime.refresh(id);
      expect(failed).toMatchObject({ ok: false, error: "ingest.analyser: an analysis thread exited with code 3 before answering" });
    } finally {
      await runtime.deps.analyser.close();
      runtime.deps.analyser = healthy;
    }
    const [s] = await q(`SELECT last_error, consecutive_errors FROM source WHERE id = $1`, [id]);
    expect(s).toEqual({ last_error: "ingest.analyser: an analysis thread exited with code 3 before answering", consecutive_errors: 1 });
    expect(await q(`SELECT id FROM article WHERE source_id = $1`, [id])).toHaveLength(0);
    expect(await runtime.refresh(id)).toMatchObject({ ok: true, created: 2 });
  });
});
