import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { Pool } from "pg";
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from "./db";
import { DEFAULTS } from "./generate/load";
import { checkComparisonTargets, checkFasterThan, comparisonTable } from "./run/compare";
import { ensureDataset } from "./run/dataset";
import { growthTable, runGrowth } from "./run/growth";
import { checkTargets, markdownTable, summarise, targetLines } from "./run/report";
import { selectServers, type ServerSettings } from "./run/servers";
import { runSession } from "./run/session";
import { runSoak, soakLines } from "./run/soak";
import { gatherContext, selectWorkloads } from "./run/workloads";

/**
 * The read-path benchmark: gateway child processes driven over HTTP with autocannon.
 * Run: npm run bench -- --articles 100000 --rounds 5
 *      npm run bench -- --vs postgraphile            (side by side with PostGraphile 4.14)
 *      npm run bench -- --vs postgraphile,mercurius  (and with Mercurius + graphql-jit)
 *      npm run bench -- --growth 10000,100000,1000000 (one database per size)
 *      npm run bench -- --soak 5                      (RSS of the gateway under the cold front page)
 */

const REPO_ROOT = path.resolve(__dirname, "../..");
const RESULTS_DIR = path.join(REPO_ROOT, "bench/results");

const int = (name: string, min = 1) => (raw: string) => {
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name}: expected a whole number ≥ ${min}, got "${raw}"`);
  return n;
};
const list = (raw: string) => raw.split(",").map((s) => s.trim()).filter(Boolean);
const sizes = (raw: string) => list(raw).map(int("--growth", 1000));

const log = (line: string) => console.error(line);

const VS_SERVERS = ["khabar-cold", "khabar-warm", "redis-ceiling"];
const BASELINES = ["postgraphile", "mercurius"];
const VS_WORKLOADS = ["front", "front10", "front100", "person", "search-ar", "search-en", "deep"];

function program() {
  return new Command("bench")
    .description("Start the gateway as child processes and drive its read path with autocannon.")
    .option("--articles <n>", "articles the database must hold (generated when it has fewer)", int("--articles"), 100_000)
    .option("--duration <s>", "seconds of load per workload and server", int("--duration"), 15)
    .option("--warmup <s>", "seconds of unmeasured load first", int("--warmup", 0), 3)
    .option("--connections <n>", "concurrent HTTP connections", int("--connections"), 32)
    // Three rounds by default: one slow round on this noisy machine then moves no median.
    .option("--rounds <n>", "rounds; server order rotates each round, medians are reported", int("--rounds"), 3)
    .option("--workloads <list>", "workloads (default front,front10,front100,person; with --vs also search-ar,search-en,deep)", list)
    .option("--servers <list>", "servers (default khabar-cold,khabar-warm; with --vs also redis-ceiling and the servers named)", list)
    .option("--vs <list>", "compare with other servers over the same database: postgraphile, mercurius or both", list)
    .option("--growth <sizes>", "cost growth: run the workloads over one database per size, e.g. 10000,100000,1000000", sizes)
    .option("--soak <minutes>", "memory: drive the first workload (default front) at the first server for this long, sampling its RSS", int("--soak"))
    .option("--soak-interval <s>", "seconds between RSS samples in --soak", int("--soak-interval"), 10)
    .option("--database-url <url>", "PostgreSQL URL of the benchmark database (with --growth: the base name, _10k etc. appended)", DEFAULT_DATABASE_URL)
    .option("--redis-url <url>", "Redis URL", DEFAULT_REDIS_URL)
    .option("--seed <n>", "seed when generating", int("--seed", 0), DEFAULTS.seed)
    .option("--cpu-prof", "write V8 CPU profiles of the servers to bench/results/profiles/", false)
    .option("--out <file>", "JSON results (default bench/results/latest.json, growth.json or soak.json)")
    .parse()
    .opts();
}

type Options = ReturnType<typeof program>;

const settingsFor = (o: Options, databaseUrl: string): ServerSettings =>
  ({ repoRoot: REPO_ROOT, resultsDir: RESULTS_DIR, databaseUrl, redisUrl: o.redisUrl, cpuProfile: o.cpuProf });

function machine(loadBefore: number[]) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageBefore: loadBefore,
    loadAverageAfter: os.loadavg(),
  };
}

const header = (o: Options, startedAt: Date, loadBefore: number[]) =>
  `${o.connections} connections, ${o.duration} s per run after ${o.warmup} s warm-up, ${o.rounds} round(s), medians; ` +
  `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")} before; ${startedAt.toISOString()}`;

async function main(): Promise<void> {
  const o = program();
  const unknownBaselines = (o.vs ?? []).filter((b: string) => !BASELINES.includes(b));
  if (o.vs?.length === 0 || unknownBaselines.length) throw new Error(`bench.run: --vs expects ${BASELINES.join(", ")} or both, got "${(o.vs ?? []).join(",")}"`);
  const serverNames: string[] = o.servers ?? (o.vs ? [...VS_SERVERS, ...o.vs] : ["khabar-cold", "khabar-warm"]);
  const workloads = selectWorkloads(o.workloads ?? (o.vs ? VS_WORKLOADS : o.growth ? ["front", "person"] : ["front", "front10", "front100", "person"]));
  o.out ??= path.join(RESULTS_DIR, o.soak ? "soak.json" : o.growth ? "growth.json" : "latest.json");
  mkdirSync(path.dirname(o.out), { recursive: true });
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const rounds = { rounds: o.rounds, connections: o.connections, durationS: o.duration, warmupS: o.warmup };

  if (o.soak) return soak(o, serverNames[0], workloads[0]);
  if (o.growth) {
    const rows = await runGrowth({ ...rounds, sizes: o.growth, baseDatabaseUrl: o.databaseUrl, seed: o.seed, servers: serverNames, workloads, settings: settingsFor(o, "") }, log);
    writeFileSync(o.out, `${JSON.stringify({ startedAt, finishedAt: new Date(), machine: machine(loadBefore), options: o, growth: rows }, null, 2)}\n`);
    console.log(`\n## Cost growth\n\n${header(o, startedAt, loadBefore)}\n\n${growthTable(rows)}\n\nJSON: ${path.relative(process.cwd(), o.out)}`);
    return;
  }

  const generated = await ensureDataset(o.databaseUrl, o.articles, o.seed, log);
  const session = await runSession({ ...rounds, servers: serverNames, workloads, settings: settingsFor(o, o.databaseUrl) }, log);
  const summaries = summarise(session.measurements);
  const targets = [
    ...checkTargets(summaries),
    ...(o.vs?.includes("postgraphile") ? checkComparisonTargets(summaries) : []),
    ...(o.vs?.includes("mercurius") ? [checkFasterThan(summaries, "mercurius")] : []),
  ];
  const dataset = { ...session.ctx, generated: generated ? { options: generated.options, rows: generated.rows } : undefined };
  writeFileSync(o.out, `${JSON.stringify({ startedAt, finishedAt: new Date(), machine: { ...machine(loadBefore), postgres: session.pgVersion }, options: o, dataset,
    servers: session.servers.map((s) => ({ name: s.name, description: s.description })), summaries, targets, measurements: session.measurements }, null, 2)}\n`);

  console.log(`\n## Read-path benchmark\n\n${session.ctx.articles} articles; ${header(o, startedAt, loadBefore)}\n`);
  console.log(markdownTable(summaries));
  for (const baseline of o.vs ?? []) console.log(`\n### Against ${baseline}\n\n${comparisonTable(summaries, baseline)}`);
  console.log(`\n${targetLines(targets)}\n`);
  for (const s of session.servers) console.log(`- ${s.name}: ${s.description}`);
  console.log(`\nJSON: ${path.relative(process.cwd(), o.out)}`);
  if (targets.some((t) => t.met === false)) process.exitCode = 3;
}

async function soak(o: Options, serverName: string, workload: ReturnType<typeof selectWorkloads>[number]): Promise<void> {
  await ensureDataset(o.databaseUrl, o.articles, o.seed, log);
  const pool = new Pool({ connectionString: o.databaseUrl, max: 1 });
  const ctx = await gatherContext(async (sql) => (await pool.query(sql)).rows).finally(() => pool.end());
  const [server] = selectServers([serverName], settingsFor(o, o.databaseUrl));
  const soakOptions = { minutes: o.soak!, intervalS: o.soakInterval, connections: o.connections, maxGrowthPercent: 10 };
  log(`soak: ${workload.name} on ${server.name} for ${o.soak} min, RSS every ${o.soakInterval} s`);
  await server.start();
  try {
    const result = await runSoak(server, workload, ctx, soakOptions, log);
    writeFileSync(o.out, `${JSON.stringify({ options: o, ctx, soak: result }, null, 2)}\n`);
    console.log(`\n## Soak\n\n${soakLines(result, soakOptions)}\n\nJSON: ${path.relative(process.cwd(), o.out)}`);
    if (result.met === false || result.errors + result.non2xx + result.mismatches > 0) process.exitCode = 3;
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
