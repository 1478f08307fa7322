import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { freePort, ServerError, statementsAt } from "./khabar.server";
import { stopChild } from "./proc";
import type { Dialect, Server } from "./types";

export interface ChildServerOptions {
  name: string;
  description: string;
  dialect: Dialect;
  /** The compiled script the child runs; it serves /graphql and /metrics on PORT. */
  script: string;
  /** Modules preloaded with `node -r`. */
  preload?: string[];
  /** Runs once before the child starts (e.g. installing SQL it needs). */
  setup?: () => Promise<void>;
  databaseUrl: string;
  logFile: string;
  cpuProfileDir?: string;
  /** Connections in its pool; the gateway's default (DB_POOL_SIZE) is 10. */
  poolSize: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A comparison server (PostGraphile, Mercurius) as a child process over the same database as the gateway. */
export class ChildServer implements Server {
  readonly graphqlPath = "/graphql";
  readonly name: string;
  readonly description: string;
  readonly dialect: Dialect;
  url = "";
  pid?: number;
  private child?: ChildProcess;

  constructor(private readonly o: ChildServerOptions) {
    this.name = o.name;
    this.description = o.description;
    this.dialect = o.dialect;
  }

  async start(): Promise<void> {
    await this.o.setup?.();
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    mkdirSync(path.dirname(this.o.logFile), { recursive: true });
    const log = openSync(this.o.logFile, "w");
    const args = (this.o.preload ?? []).flatMap((m) => ["-r", m]);
    if (this.o.cpuProfileDir) args.push("--cpu-prof", `--cpu-prof-dir=${this.o.cpuProfileDir}`);
    this.child = spawn(process.execPath, [...args, this.o.script], {
      stdio: ["ignore", log, log],
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: String(port), DATABASE_URL: this.o.databaseUrl, DB_POOL_SIZE: String(this.o.poolSize) },
    });
    closeSync(log);
    this.pid = this.child.pid;
    for (let i = 0; i < 600; i++) {
      if (this.child.exitCode !== null) break;
      if (await statementsAt(this.url).then(() => true, () => false)) return;
      await sleep(100);
    }
    throw new ServerError(`bench.${this.name}: ${this.name} did not answer /metrics within 60 s (see ${this.o.logFile})`);
  }

  statements(): Promise<number> {
    return statementsAt(this.url);
  }

  async stop(): Promise<void> {
    await stopChild(this.child, 5000);
    this.child = undefined;
  }
}
