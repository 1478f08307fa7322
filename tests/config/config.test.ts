import path from "node:path";
import { ConfigError, loadConfig, SETTINGS } from "../../src/config/config";

describe("config", () => {
  it("runs on embedded defaults with an empty environment", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, databaseUrl: undefined, redisUrl: undefined, maxFirst: 100, maxCost: 1000, sampleSources: true });
  });

  it("lists every invalid setting at once, naming the variable and what was received", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", RESPONSE_CACHE: "maybe", MAX_FIRST: "0" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/PORT: expected an integer in 0\.\.65535, got "eighty"/);
    expect(problems.join("\n")).toMatch(/DATABASE_URL: expected a postgres: or postgresql: URL, got protocol "mysql:"/);
    expect(problems.join("\n")).toMatch(/RESPONSE_CACHE: expected true\/false/);
    expect(problems.join("\n")).toMatch(/MAX_FIRST: expected an integer in 1\.\.1000, got "0"/);
  });

  it("takes an API mapping directory only when it exists, as an absolute path", () => {
    expect(loadConfig({ API_MAPPINGS_DIR: "tests/fixtures/sources/parsers/api/mappings" }).apiMappingsDir).toBe(path.resolve("tests/fixtures/sources/parsers/api/mappings"));
    expect(() => loadConfig({ API_MAPPINGS_DIR: "/no/such/dir" })).toThrow(/API_MAPPINGS_DIR: expected an existing directory, got "\/no\/such\/dir"/);
    expect(() => loadConfig({ API_MAPPINGS_DIR: "package.json" })).toThrow(/API_MAPPINGS_DIR: expected an existing directory/);
  });

  it("reads CORS origins as any, none or a list of origins, refusing what is not an origin", () => {
    expect(loadConfig({}).corsOrigins).toBe("*");
    expect(loadConfig({ CORS_ORIGINS: "none" }).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: "https://app.example, http://localhost:3000/" }).corsOrigins).toEqual(["https://app.example", "http://localhost:3000"]);
    expect(() => loadConfig({ CORS_ORIGINS: "https://app.example/news,app.example" })).toThrow(/CORS_ORIGINS: expected "\*", "none" or origins like https:\/\/app\.example, got "https:\/\/app\.example\/news, app\.example"/);
  });

  it("turns introspection off in production unless asked for", () => {
    expect(loadConfig({ NODE_ENV: "production" }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", INTROSPECTION: "true" }).introspection).toBe(true);
  });

  it("documents every setting with a description", () => {
    for (const s of SETTINGS) expect(s.description.length).toBeGreaterThan(10);
    expect(new Set(SETTINGS.map((s) => s.env)).size).toBe(SETTINGS.length);
  });
});
