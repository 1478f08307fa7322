import { createHash } from "node:crypto";
import { Command, CommanderError } from "commander";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";
import { registerKeyCommands } from "../../src/cli/keys";
import { loadConfig } from "../../src/config/config";
import { postJson } from "./support";

let db: TestDatabase;
let app: TestApp;
let lines: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp(db.dataSource, { API_KEY_CACHE_SECONDS: "0" });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Runs `khabar <args>` against the test database, collecting what it prints. */
async function khabar(...args: string[]): Promise<string[]> {
  lines = [];
  const program = new Command("khabar").exitOverride().configureOutput({ writeErr: (s) => lines.push(s.trim()), writeOut: (s) => lines.push(s.trim()) });
  registerKeyCommands(program, { openDb: async () => db, config: loadConfig({ NODE_ENV: "test" }), out: (l) => lines.push(l) });
  program.commands.forEach((c) => c.exitOverride().commands.forEach((s) => s.exitOverride()));
  await program.parseAsync(["node", "khabar", ...args]);
  return lines;
}

const tokenIn = (out: string[]) => out.map((l) => l.trim()).find((l) => l.startsWith("khb_"))!;

describe("khabar keys", () => {
  it("creates a key, prints its secret once and stores only the secret's sha256", async () => {
    const out = await khabar("keys", "create", "--role", "integrator", "--name", "Acme Newsroom");
    const token = tokenIn(out);
    expect(token).toMatch(/^khb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(out.filter((l) => l.includes(token))).toHaveLength(1);
    const id = token.split("_")[1];
    expect(out[0]).toBe(`Created integrator key ${id} "Acme Newsroom" (role defaults).`);
    const [row] = await db.dataSource.query(`SELECT secret_hash, role, name FROM api_key WHERE id = $1`, [id]);
    expect(row).toEqual({ secret_hash: createHash("sha256").update(token.slice(17)).digest("hex"), role: "integrator", name: "Acme Newsroom" });
    const res = await postJson(app.url, { query: "{ __typename }" }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
  });

  it("lists keys with role, budget and dates but never a secret", async () => {
    const token = tokenIn(await khabar("keys", "create", "--role", "reader", "--name", "Dashboard", "--capacity", "500", "--refill", "2.5", "--max-cost", "300", "--safelist"));
    const out = await khabar("keys", "list");
    expect(out[0]).toMatch(/^ID\s+NAME\s+ROLE\s+CREATED\s+LAST USED\s+REVOKED\s+BUDGET\s+SAFELIST$/);
    const line = out.find((l) => l.includes("Dashboard"))!;
    expect(line).toMatch(/reader .* bucket 500\/2\.5, max cost 300\s+only$/);
    expect(out.join("\n")).not.toContain(token.slice(17));
    const json = JSON.parse((await khabar("keys", "list", "--json")).join("\n"));
    expect(json.find((k: { name: string }) => k.name === "Dashboard")).toMatchObject({ role: "reader", budget: { capacity: 500, refillPerSecond: 2.5, maxCost: 300 }, safelistOnly: true });
    expect(JSON.stringify(json)).not.toMatch(/secretHash|secret_hash/);
  });

  it("revokes a key by id, after which its requests get 401", async () => {
    const token = tokenIn(await khabar("keys", "create", "--role", "reader", "--name", "Leaked"));
    const id = token.split("_")[1];
    expect((await postJson(app.url, { query: "{ __typename }" }, { "x-api-key": token })).status).toBe(200);
    const out = await khabar("keys", "revoke", id);
    expect(out[0]).toMatch(new RegExp(`^Revoked reader key ${id} "Leaked" at 20\\d\\d-`));
    const res = await postJson(app.url, { query: "{ __typename }" }, { "x-api-key": token });
    expect(res.status).toBe(401);
    expect(res.json.errors?.[0].message).toMatch(/was revoked/);
    expect((await khabar("keys", "list")).join("\n")).not.toContain("Leaked");
    expect((await khabar("keys", "list", "--all")).join("\n")).toContain("Leaked");
  });

  it("names the problem when a command is given a wrong role, id or number", async () => {
    await expect(khabar("keys", "create", "--role", "owner", "--name", "x")).rejects.toBeInstanceOf(CommanderError);
    expect(lines.join(" ")).toMatch(/Allowed choices are public, reader, integrator, admin/);
    await expect(khabar("keys", "create", "--role", "reader", "--name", "x", "--capacity", "-5")).rejects.toThrow();
    expect(lines.join(" ")).toMatch(/--capacity must be a positive integer, got "-5"/);
    await expect(khabar("keys", "revoke", "0123456789ab")).rejects.toThrow();
    expect(lines.join(" ")).toMatch(/no API key with id 0123456789ab/);
    await expect(khabar("keys", "revoke", "nope")).rejects.toThrow();
    expect(lines.join(" ")).toMatch(/"nope" is not a key id/);
  });
});
