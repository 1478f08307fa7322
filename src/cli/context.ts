import type { Logger } from "pino";
import { createCache, type Cache } from "../cache";
import { loadConfig, type Config } from "../config/config";
import { openDatabase, type Database } from "../db/data-source";
import { createLogger } from "../logging";

/** What every command may need, opened lazily and closed once at the end. */
export class CliContext {
  readonly config: Config = loadConfig();
  readonly log: Logger = createLogger({ ...this.config, logLevel: process.env.LOG_LEVEL ?? "warn" }, "khabar-cli");
  private db?: Promise<Database>;
  private cache?: Promise<Cache>;

  openDb(): Promise<Database> {
    this.db ??= openDatabase(this.config, { migrate: true });
    return this.db;
  }

  openCache(): Promise<Cache> {
    this.cache ??= createCache(this.config, this.log);
    return this.cache;
  }

  async close(): Promise<void> {
    await (await this.cache)?.close();
    await (await this.db)?.close();
  }
}
