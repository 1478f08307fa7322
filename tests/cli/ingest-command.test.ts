import path from "node:path";
import { Command } from "commander";
import { MemoryCache } from "../../src/cache/memory.cache";
import { registerSourceCommands } from "../../src/cli/sources.command";
import type { CliContext } from "../../src/cli/context";
import { loadConfig } from "../../src/config/config";
import { createLogger } from "../../src/logging";
import { createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

/** Runs `khabar <args>` against the test database. */
async function khabar(...args: string[]): Promise<void> {
  const program = new Command("khabar").exitOverride();
  const ctx = {
    config: loadConfig({ NODE_ENV: "test" }),
    log: createLogger({ logLevel: "silent", env: "test" }),
    openDb: async () => db,
    openCache: async () => new MemoryCache(100),
  } as unknown as CliContext;
  registerSourceCommands(program, ctx);
  await program.parseAsync(["node", "khabar", ...args]);
}

const sourceCount = async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM source`))[0].n as number;

describe("khabar ingest <file>", () => {
  it("refuses a path that is not a readable file, naming it, and stores no source for it", async () => {
    const before = await sourceCount();
    await expect(khabar("ingest", "no/such/feed.xml")).rejects.toThrow(/ingest: cannot read "no\/such\/feed\.xml": no such file/);
    await expect(khabar("ingest", path.resolve(__dirname))).rejects.toThrow(/a directory, not a file/);
    expect(await sourceCount()).toBe(before);
  });

  it("ingests a local feed file as an inactive source named after the file", async () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    await khabar("ingest", path.resolve(__dirname, "../fixtures/sources/parsers/arabic-rss.xml"));
    log.mockRestore();
    const [source] = await db.dataSource.query(`SELECT id, name, active FROM source WHERE name = 'arabic-rss.xml'`);
    expect(source).toMatchObject({ active: false });
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM article_source WHERE source_id = $1`, [source.id]);
    expect(n).toBeGreaterThan(0);
  });
});

describe("khabar sources add <url>", () => {
  it("refuses the cloud metadata address before storing anything, naming the guard and the setting that would allow a local host", async () => {
    const before = await sourceCount();
    await expect(khabar("sources", "add", "http://169.254.169.254/latest/meta-data/")).rejects.toThrow(
      /SSRF guard would refuse every fetch of http:\/\/169\.254\.169\.254\/latest\/meta-data\/: refusing to connect to 169\.254\.169\.254 \(cloud metadata\).*FETCH_ALLOW_HOSTS/,
    );
    await expect(khabar("ingest", "http://localhost:8080/feed.xml")).rejects.toThrow(/SSRF guard would refuse every fetch/);
    expect(await sourceCount()).toBe(before);
  });
});
