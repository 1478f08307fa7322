import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { freePort, ServerError, statementsAt } from "./khabar.server";
import { installBenchPgSchema } from "./postgraphile.sql";
import { stopChild } from "./proc";
import type { Server } from "./types";

export interface PostgraphileServerOptions {
  databaseUrl: string;
  logFile: string;
  cpuProfileDir?: string;
  /** Connections in its pool; the gateway's default (DB_POOL_SIZE) is 10. */
  poolSize: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PostGraphile 4.14 in library mode (postgraphile.child.ts) over the same database as the gateway. */
export class PostgraphileServer implements Server {
  readonly name = "postgraphile";
  readonly description = "PostGraphile 4.14 library mode over the same database (dynamicJson, no mutations, query log off); one child process";
  readonly graphqlPath = "/graphql";
  readonly dialect = "postgraphile" as const;
  url = "";
  pid?: number;
  private child?: ChildProcess;

  constructor(private readonly o: PostgraphileServerOptions) {}

  async start(): Promise<void> {
    await installBenchPgSchema(this.o.databaseUrl);
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    mkdirSync(path.dirname(this.o.logFile), { recursive: true });
    const log = openSync(this.o.logFile, "w");
    const args = ["-r", path.join(__dirname, "postgraphile.resolve.js")];
    if (this.o.cpuProfileDir) args.push("--cpu-prof", `--cpu-prof-dir=${this.o.cpuProfileDir}`);
    this.child = spawn(process.execPath, [...args, path.join(__dirname, "postgraphile.child.js")], {
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
    throw new ServerError(`bench.postgraphile: ${this.name} did not answer /metrics within 60 s (see ${this.o.logFile})`);
  }

  statements(): Promise<number> {
    return statementsAt(this.url);
  }

  async stop(): Promise<void> {
    await stopChild(this.child, 5000);
    this.child = undefined;
  }
}
