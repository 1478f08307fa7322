import type { DataSource } from "typeorm";
import type { Logger } from "pino";
import type { Principal } from "../auth/roles";
import type { Cache } from "../cache";
import type { Config } from "../config/config";
import type { Loaders } from "./loaders/loaders";

/** Per-request context. Loaders are created per request so batching and memoisation never leak across users. */
export interface Context {
  requestId: string;
  config: Config;
  db: DataSource;
  cache: Cache;
  loaders: Loaders;
  log: Logger;
  /** Who is asking; anonymous requests are the `public` role. */
  auth: Principal;
  /** Services mutations need (ingest queue, curation); set by the server. */
  services: Services;
}

/** Filled in by later layers (ingestion, curation); resolvers check for what they need. */
export interface Services {
  [name: string]: unknown;
}
