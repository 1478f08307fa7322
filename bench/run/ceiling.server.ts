import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { createClient } from "redis";
import { freePort, KhabarServer, ServerError } from "./khabar.server";
import { stopChild } from "./proc";
import type { Server } from "./types";

export interface CeilingServerOptions {
  name: string;
  redisUrl: string;
  logFile: string;
  /** Answers each distinct request once; idle while the ceiling is measured. */
  upstream: KhabarServer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bare node HTTP server doing one Redis GET per request: what no cached gateway can beat here. */
export class CeilingServer implements Server {
  url = "";
  readonly graphqlPath = "/graphql";
  readonly description = "bare node http server: hash the body, one Redis GET, write the stored answer (the ceiling for cached answers)";
  pid?: number;
  private child?: ChildProcess;
  private readonly prefix: string;

  constructor(private readonly o: CeilingServerOptions) {
    this.prefix = `khabar-bench:${o.name}:${process.pid}:`;
  }

  get name() {
    return this.o.name;
  }

  async start(): Promise<void> {
    await this.o.upstream.start();
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    mkdirSync(path.dirname(this.o.logFile), { recursive: true });
    const log = openSync(this.o.logFile, "w");
    this.child = spawn(process.execPath, [path.join(__dirname, "ceiling.child.js")], {
      stdio: ["ignore", log, log],
      env: { PATH: process.env.PATH ?? "", PORT: String(port), REDIS_URL: this.o.redisUrl, REDIS_PREFIX: this.prefix, UPSTREAM: this.o.upstream.url },
    });
    closeSync(log);
    this.pid = this.child.pid;
    for (let i = 0; i < 100; i++) {
      if (this.child.exitCode !== null) break;
      if (await fetch(`${this.url}/readyz`).then((r) => r.ok, () => false)) return;
      await sleep(100);
    }
    throw new ServerError(`bench.ceiling: ${this.name} did not answer /readyz (see ${this.o.logFile})`);
  }

  async stop(): Promise<void> {
    await stopChild(this.child, 5000);
    this.child = undefined;
    const redis = createClient({ url: this.o.redisUrl });
    redis.on("error", () => undefined);
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 1000 })) if (keys.length) await redis.unlink(keys);
    await redis.close();
    await this.o.upstream.stop();
  }
}
