import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { createClient } from "redis";
import { GenerationBumper } from "./bumper";
import { stopChild } from "./proc";
import type { Server } from "./types";

export interface KhabarServerOptions {
  name: string;
  description: string;
  repoRoot: string;
  databaseUrl: string;
  redisUrl: string;
  responseCache: boolean;
  /** Bump the cache generation before every request, so loader caches miss as they do right after a write. */
  coldCache: boolean;
  /** Where the child's stdout/stderr go. */
  logFile: string;
  /** Write a V8 CPU profile of the child here on stop. */
  cpuProfileDir?: string;
  env?: Record<string, string>;
}

export class ServerError extends Error {
  readonly code = "SERVER_START_FAILED";
  constructor(message: string) {
    super(message);
    this.name = "ServerError";
  }
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address() as { port: number };
  srv.close();
  await once(srv, "close");
  return port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

type Redis = ReturnType<typeof createClient>;

/** khabar_sql_statements_total from a server's /metrics. */
export async function statementsAt(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = text.match(/^khabar_sql_statements_total(?:\{[^}]*\})? ([0-9.e+]+)$/m);
  if (!m) throw new Error(`bench.khabar: expected khabar_sql_statements_total in ${url}/metrics, got none`);
  return Number(m[1]);
}

function gatewayOverrides(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith("BENCH_GATEWAY_") && k !== "BENCH_GATEWAY_NODE_FLAGS" && v !== undefined) out[k.slice("BENCH_GATEWAY_".length)] = v;
  }
  return out;
}

/** The Node flags a command line gives before `dist/src/main.js`. */
export function flagsBeforeMain(command: string): string[] {
  const words = command.split(/\s+/);
  const main = words.indexOf("dist/src/main.js");
  if (main < 0) throw new Error(`bench.khabar: expected a command that runs dist/src/main.js, got "${command}"`);
  return words.slice(words.lastIndexOf("node", main) + 1, main);
}

/**
 * Node's flags for the gateway: those of `npm start` in the checkout at `repoRoot` (so an A/B base runs with its own).
 * BENCH_GATEWAY_NODE_FLAGS (space-separated) replaces them for A/B runs of the flags themselves.
 */
export function gatewayNodeFlags(env: NodeJS.ProcessEnv, repoRoot: string): string[] {
  const override = env.BENCH_GATEWAY_NODE_FLAGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
  return flagsBeforeMain(pkg.scripts.start);
}

/** The Khabar gateway as a child process (`node dist/src/main.js`), configured through its environment. */
export class KhabarServer implements Server {
  url = "";
  readonly graphqlPath = "/graphql";
  pid?: number;
  private child?: ChildProcess;
  private redis?: Redis;
  private bumper?: GenerationBumper;
  private readonly prefix: string;

  readonly beforeRequest?: () => void;

  constructor(private readonly o: KhabarServerOptions) {
    // A prefix of its own: generation bumps and cached entries never touch anyone else's keys.
    this.prefix = `khabar-bench:${o.name}:${process.pid}:`;
    if (o.coldCache) this.beforeRequest = () => this.bumper?.bump();
  }

  get name() {
    return this.o.name;
  }

  get description() {
    return this.o.description;
  }

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    mkdirSync(path.dirname(this.o.logFile), { recursive: true });
    const log = openSync(this.o.logFile, "w");
    const args = [...gatewayNodeFlags(process.env, this.o.repoRoot), "-r", path.join(__dirname, "exit-on-term.js")];
    if (this.o.cpuProfileDir) args.push("--cpu-prof", `--cpu-prof-dir=${this.o.cpuProfileDir}`);
    const child = spawn(process.execPath, [...args, path.join(this.o.repoRoot, "dist/src/main.js")], {
      cwd: this.o.repoRoot,
      stdio: ["ignore", log, log],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: this.o.databaseUrl,
        REDIS_URL: this.o.redisUrl,
        REDIS_PREFIX: this.prefix,
        SAMPLE_SOURCES: "false",
        IN_PROCESS_WORKER: "false",
        RESPONSE_CACHE: String(this.o.responseCache),
        ...this.o.env,
        // A/B runs: BENCH_GATEWAY_EXECUTOR=graphql-js reaches every gateway child as EXECUTOR=graphql-js.
        ...gatewayOverrides(process.env),
      },
    });
    closeSync(log);
    this.child = child;
    this.pid = child.pid;
    await this.waitReady(child);
    this.redis = createClient({ url: this.o.redisUrl });
    this.redis.on("error", () => undefined);
    await this.redis.connect();
    if (this.o.coldCache) {
      this.bumper = new GenerationBumper(this.o.redisUrl, `${this.prefix}gen`);
      await this.bumper.connect();
    }
  }


  private async waitReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new ServerError(`bench.khabar: ${this.name} exited with code ${child.exitCode} before /readyz answered; log:\n${tail(this.o.logFile)}`);
      }
      const ok = await fetch(`${this.url}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) return;
      await sleep(200);
    }
    throw new ServerError(`bench.khabar: ${this.name} did not answer /readyz with 200 within 60 s; log:\n${tail(this.o.logFile)}`);
  }

  /** khabar_sql_statements_total from /metrics (the counter of the whole process). */
  statements(): Promise<number> {
    return statementsAt(this.url);
  }

  async stop(): Promise<void> {
    await stopChild(this.child, 10_000);
    this.child = undefined;
    this.bumper?.close();
    if (this.redis?.isOpen) {
      for await (const keys of this.redis.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 1000 })) {
        if (keys.length) await this.redis.unlink(keys);
      }
      await this.redis.close();
    }
    this.redis = undefined;
  }
}
