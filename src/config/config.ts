import path from "node:path";

export type NodeEnv = "development" | "production" | "test";

export interface Config {
  env: NodeEnv;
  host: string;
  port: number;
  logLevel: string;
  /** PostgreSQL connection string; absent means the embedded PGlite database. */
  databaseUrl?: string;
  /** Where the embedded database keeps its files (`memory://` keeps it in RAM). */
  dataDir: string;
  dbPoolSize: number;
  /** Redis connection string; absent means the in-process cache and queue. */
  redisUrl?: string;
  redisPrefix: string;
  cacheTtlSeconds: number;
  cacheMaxEntries: number;
  responseCache: boolean;
  maxDepth: number;
  maxCost: number;
  maxFirst: number;
  introspection: boolean;
  /** Bundled sample sources are ingested on start-up. */
  sampleSources: boolean;
  /** Hosts or CIDRs the fetcher may reach although they are private (tests, local sources). */
  fetchAllowHosts: string[];
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  /** Run the ingest worker inside the gateway process (always true without Redis). */
  inProcessWorker: boolean;
  workerConcurrency: number;
  clusterWindowHours: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`config: ${problems.length} invalid setting(s):\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;
type Parser<T> = (raw: string) => T;

export interface Setting<K extends keyof Config = keyof Config> {
  key: K;
  env: string;
  description: string;
  /** Shown in the README table; `undefined` means "unset". */
  defaultText: string;
  parse: (raw: string | undefined, env: Env) => Config[K];
}

const integer = (min: number, max: number): Parser<number> => (raw) => {
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new Error(`expected an integer in ${min}..${max}, got "${raw}"`);
  }
  return n;
};

const boolean: Parser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw new Error(`expected true/false (1/0, yes/no, on/off), got "${raw}"`);
};

const oneOf = <T extends string>(...values: T[]): Parser<T> => (raw) => {
  if (!(values as string[]).includes(raw)) throw new Error(`expected one of ${values.join(", ")}, got "${raw}"`);
  return raw as T;
};

const url = (...protocols: string[]): Parser<string> => (raw) => {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`expected a URL (${protocols.join(" or ")}), got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new Error(`expected a ${protocols.join(" or ")} URL, got protocol "${parsed.protocol}"`);
  }
  return raw;
};

const list: Parser<string[]> = (raw) => raw.split(",").map((s) => s.trim()).filter(Boolean);

function setting<K extends keyof Config>(
  key: K,
  env: string,
  description: string,
  fallback: Config[K] | ((env: Env) => Config[K]),
  parse: Parser<NonNullable<Config[K]>>,
  defaultText?: string,
): Setting<K> {
  const fallbackOf = (e: Env) => (typeof fallback === "function" ? (fallback as (env: Env) => Config[K])(e) : fallback);
  return {
    key,
    env,
    description,
    defaultText: defaultText ?? (fallback === undefined ? "unset" : String(fallbackOf({}))),
    parse: (raw, e) => (raw === undefined || raw === "" ? fallbackOf(e) : parse(raw)),
  };
}

const nodeEnv = (e: Env): NodeEnv => (e.NODE_ENV === "production" || e.NODE_ENV === "test" ? e.NODE_ENV : "development");

/** Every setting, in README order. */
export const SETTINGS: Setting[] = [
  setting("env", "NODE_ENV", "`production` hides error details; `development` adds stack traces to errors.", "development", oneOf("development", "production", "test")),
  setting("host", "HOST", "Interface the HTTP server listens on.", "0.0.0.0", (s) => s),
  setting("port", "PORT", "HTTP port of the gateway (`/graphql`, `/healthz`, `/readyz`, `/metrics`).", 4000, integer(0, 65535)),
  setting("logLevel", "LOG_LEVEL", "pino log level.", "info", oneOf("fatal", "error", "warn", "info", "debug", "trace", "silent")),
  setting("databaseUrl", "DATABASE_URL", "PostgreSQL URL. Unset: embedded PostgreSQL (PGlite) in `DATA_DIR`.", undefined, url("postgres:", "postgresql:")),
  setting("dataDir", "DATA_DIR", "Directory of the embedded database (`memory://` for RAM only).", path.resolve("data"), (s) => (s.startsWith("memory://") ? s : path.resolve(s)), "./data"),
  setting("dbPoolSize", "DB_POOL_SIZE", "PostgreSQL connections per process.", 10, integer(1, 200)),
  setting("redisUrl", "REDIS_URL", "Redis URL for the cache, queue and pub/sub. Unset: in-process LRU cache and queue.", undefined, url("redis:", "rediss:")),
  setting("redisPrefix", "REDIS_PREFIX", "Prefix of every Redis key (lets several deployments share one Redis).", "khabar:", (s) => s),
  setting("cacheTtlSeconds", "CACHE_TTL_SECONDS", "Lifetime of cached loader results and responses.", 300, integer(1, 86400)),
  setting("cacheMaxEntries", "CACHE_MAX_ENTRIES", "Entries of the in-process LRU cache.", 10000, integer(10, 10_000_000)),
  setting("responseCache", "RESPONSE_CACHE", "Cache whole responses of anonymous queries.", true, boolean),
  setting("maxDepth", "MAX_DEPTH", "Deepest selection a query may have.", 10, integer(2, 50)),
  setting("maxCost", "MAX_COST", "Highest cost a single query may have (connections cost `first` × their children).", 1000, integer(10, 1_000_000)),
  setting("maxFirst", "MAX_FIRST", "Largest page size (`first`).", 100, integer(1, 1000)),
  setting("introspection", "INTROSPECTION", "Allow schema introspection.", (e) => nodeEnv(e) !== "production", boolean, "true, false in production"),
  setting("sampleSources", "SAMPLE_SOURCES", "Ingest the bundled sample sources at start-up (served by the process itself).", (e) => !e.DATABASE_URL, boolean, "true without DATABASE_URL"),
  setting("fetchAllowHosts", "FETCH_ALLOW_HOSTS", "Comma-separated hosts/CIDRs the fetcher may reach although private (SSRF guard exceptions).", [], list, "none"),
  setting("fetchTimeoutMs", "FETCH_TIMEOUT_MS", "Total time allowed for one fetch.", 30000, integer(100, 600000)),
  setting("fetchMaxBytes", "FETCH_MAX_BYTES", "Largest body a fetch may return, after decompression.", 15 * 1024 * 1024, integer(1024, 1024 * 1024 * 1024)),
  setting("inProcessWorker", "IN_PROCESS_WORKER", "Run ingestion jobs inside the gateway (always on without Redis).", true, boolean),
  setting("workerConcurrency", "WORKER_CONCURRENCY", "Sources refreshed at once per worker.", 4, integer(1, 64)),
  setting("clusterWindowHours", "CLUSTER_WINDOW_HOURS", "How far apart in time two articles of one event may be.", 72, integer(1, 24 * 30)),
];

/** Reads every setting and reports every problem at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const out: Partial<Record<keyof Config, unknown>> = {};
  for (const s of SETTINGS) {
    try {
      out[s.key] = s.parse(env[s.env], env);
    } catch (err) {
      problems.push(`${s.env}: ${(err as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as unknown as Config;
}
