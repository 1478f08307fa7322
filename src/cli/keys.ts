import { Command, InvalidArgumentError, Option } from "commander";
import { keyCacheKey } from "../auth/authenticator";
import { parseApiKey } from "../auth/api-key";
import { KeyStore, type ApiKeyRecord } from "../auth/key.store";
import { ROLES, type BudgetOverrides, type Role } from "../auth/roles";
import type { Cache } from "../cache";
import type { Config } from "../config/config";
import type { Database } from "../db/data-source";

/** What the key commands need; the caller owns (and closes) the database and cache it opens. */
export interface KeyCommandDeps {
  openDb(): Promise<Database>;
  config: Config;
  /** When given, a revocation also drops the cached lookup (so Redis-backed gateways see it at once). */
  openCache?(): Promise<Cache>;
  /** Where output goes; stdout by default. */
  out?: (line: string) => void;
}

const positive = (flag: string, integer: boolean) => (v: string) => {
  const n = Number(v);
  if (!(integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(v) || !(n > 0)) throw new InvalidArgumentError(`${flag} must be a positive ${integer ? "integer" : "number"}, got "${v}"`);
  return n;
};

const when = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "-");

function budgetText(b: BudgetOverrides): string {
  const parts = [
    b.capacity !== undefined || b.refillPerSecond !== undefined ? `bucket ${b.capacity ?? "role"}/${b.refillPerSecond ?? "role"}` : "",
    b.maxCost !== undefined ? `max cost ${b.maxCost}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "role defaults";
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
}

function listing(keys: ApiKeyRecord[]): string[] {
  const head = ["ID", "NAME", "ROLE", "CREATED", "LAST USED", "REVOKED", "BUDGET", "SAFELIST"];
  return table([head, ...keys.map((k) => [k.id, k.name, k.role, when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt), budgetText(k.budget), k.safelistOnly ? "only" : "-"])]);
}

/** `khabar keys create|list|revoke`. */
export function registerKeyCommands(program: Command, deps: KeyCommandDeps): Command {
  const out = deps.out ?? ((line: string) => console.log(line));
  const store = async () => new KeyStore((await deps.openDb()).dataSource);
  const keys = program.command("keys").description("API keys: create (the secret is shown once), list, revoke");

  keys.command("create").description("create an API key and print its secret once")
    .addOption(new Option("--role <role>", "what the key may do").choices(ROLES as unknown as string[]).makeOptionMandatory())
    .requiredOption("--name <name>", "who or what the key is for (shown in listings and logs)")
    .option("--capacity <points>", "bucket size instead of the role's", positive("--capacity", true))
    .option("--refill <pointsPerSecond>", "refill rate instead of the role's", positive("--refill", false))
    .option("--max-cost <points>", "largest single query instead of MAX_COST", positive("--max-cost", true))
    .option("--safelist", "the key may only run operations registered with `khabar queries register`")
    .action(async (o: { role: Role; name: string; capacity?: number; refill?: number; maxCost?: number; safelist?: boolean }, cmd: Command) => {
      const name = o.name.trim();
      if (!name || name.length > 200) cmd.error("keys create: --name must be 1–200 characters", { exitCode: 2 });
      const budget: BudgetOverrides = { capacity: o.capacity, refillPerSecond: o.refill, maxCost: o.maxCost };
      const { record, token } = await (await store()).create({ name, role: o.role, budget, safelistOnly: o.safelist ?? false });
      out(`Created ${record.role} key ${record.id} "${record.name}" (${budgetText(record.budget)}${record.safelistOnly ? ", registered operations only" : ""}).`);
      out("Secret, shown this once (only its sha256 is stored):");
      out(`  ${token}`);
      out("Send it as `Authorization: Bearer <key>` or `x-api-key: <key>`.");
    });

  keys.command("list").description("list API keys (never their secrets)")
    .option("--all", "include revoked keys")
    .option("--json", "print JSON")
    .action(async (o: { all?: boolean; json?: boolean }) => {
      const records = await (await store()).list({ includeRevoked: o.all });
      if (o.json) out(JSON.stringify(records.map(({ secretHash: _hash, ...k }) => k), null, 2));
      else if (records.length === 0) out(o.all ? "No API keys." : "No active API keys (--all shows revoked ones).");
      else listing(records).forEach((line) => out(line));
    });

  keys.command("revoke <id>").description("revoke a key by its id (or the whole key); requests with it get 401")
    .action(async (given: string, _o: unknown, cmd: Command) => {
      const id = parseApiKey(given.trim())?.id ?? given.trim();
      if (!/^[0-9a-f]{12}$/.test(id)) cmd.error(`keys revoke: "${given.slice(0, 40)}" is not a key id (12 hex characters, see \`khabar keys list\`)`, { exitCode: 2 });
      const record = await (await store()).revoke(id);
      if (!record) cmd.error(`keys revoke: no API key with id ${id}`, { exitCode: 1 });
      const cache = await deps.openCache?.();
      await cache?.del(keyCacheKey(id));
      out(`Revoked ${record!.role} key ${id} "${record!.name}" at ${when(record!.revokedAt)}.`);
      if (!deps.config.redisUrl) out(`Gateways without Redis notice within API_KEY_CACHE_SECONDS (${deps.config.apiKeyCacheSeconds} s).`);
    });
  return keys;
}
