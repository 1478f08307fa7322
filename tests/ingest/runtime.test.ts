import path from "node:path";
import { MemoryCache } from "../../src/cache/memory.cache";
import { loadConfig } from "../../src/config/config";
import { extractEntities } from "../../src/ingest/entities";
import { createIngestRuntime, type IngestRuntime } from "../../src/ingest/runtime";
import { publishNowhere } from "../../src/ingest/ingest-events";
import { createLogger } from "../../src/logging";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addPerson } from "../support/seed";

let db: TestDatabase;
let runtime: IngestRuntime | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  runtime?.close();
  await db?.close();
});

const start = () => createIngestRuntime({
  config: loadConfig({ NODE_ENV: "test" }),
  db: db.dataSource,
  cache: new MemoryCache(100),
  log: createLogger({ logLevel: "silent", env: "test" }),
  publish: publishNowhere,
});

describe("starting the ingest runtime over people found in text earlier", () => {
  it("loads people known in one script only, so a restart after English coverage does not fail", async () => {
    const english = await addPerson(db.dataSource, { en: "Ottilie Brandvold" });
    const arabic = await addPerson(db.dataSource, { ar: "إدريس منصوري" });
    const both = await addPerson(db.dataSource, { en: "Idris Mansouri", ar: "إدريس منصوري" }, { aliases: ["Idris Mansouri"] });
    runtime = await start();
    const matcher = runtime.deps.matcher!;
    expect(matcher.people.get(`db:${english}`)?.name).toEqual({ en: "Ottilie Brandvold" });
    expect(matcher.people.get(`db:${arabic}`)?.name).toEqual({ en: "إدريس منصوري", ar: "إدريس منصوري" });
    expect(matcher.people.get(`db:${both}`)?.name).toEqual({ en: "Idris Mansouri", ar: "إدريس منصوري" });
  });

  it("builds no matcher on the event loop when analysis threads do the matching", async () => {
    // `npm test` builds dist first; only the compiled runtime finds the compiled thread script beside it.
    const compiled: typeof import("../../src/ingest/runtime") = require(path.resolve(__dirname, "../../dist/src/ingest/runtime"));
    const threaded = await compiled.createIngestRuntime({
      config: loadConfig({ NODE_ENV: "test", ANALYSE_THREADS: "1" }),
      db: db.dataSource,
      cache: new MemoryCache(10),
      log: createLogger({ logLevel: "silent", env: "test" }),
      publish: publishNowhere,
    });
    try {
      expect(threaded.deps.analyser.threads).toBe(1);
      expect(threaded.deps.matcher).toBeUndefined();
    } finally {
      await threaded.close();
    }
  });

  it("finds an English-only person's later mentions by name, as the stored person", async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id FROM person WHERE names->>'en' = 'Ottilie Brandvold'`);
    const found = extractEntities({ language: "en", bodyText: "Talks will continue, Brandvold said after meeting Ottilie Brandvold's counterparts in Brussels." }, runtime!.deps.matcher!);
    expect(found.people.map((p) => p.ref)).toContainEqual({ kind: "kb", id: `db:${id}` });
  });
});
