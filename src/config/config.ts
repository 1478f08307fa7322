import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { ROLES, type Role } from "../auth/roles";

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
  /** Browser origins allowed to call /graphql: "*" for any, [] for none. */
  corsOrigins: "*" | string[];
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  /** A directory of API mapping files searched before the bundled ones (unset: only those). */
  apiMappingsDir?: string;
  /** Run the ingest worker inside the gateway process (always true without Redis). */
  inProcessWorker: boolean;
  workerConcurrency: number;
  analyseThreads: number;
  clusterWindowHours: number;
  /** Requests without credentials are served as the `public` role. */
  anonymousAccess: boolean;
  /** A development-only secret accepted as an admin API key. */
  adminKey?: string;
  /** Roles that still get introspection and "Did you mean" suggestions when `introspection` is off. */
  introspectionRoles: Role[];
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxBodyBytes: number;
  /** Per-client point buckets; off serves every request without counting. */
  rateLimit: boolean;
  rateLimits: Record<Role, RatePolicy>;
  /** Express `trust proxy`: which proxies' X-Forwarded-For names the client. */
  trustProxy: string;
  apiKeyCacheSeconds: number;
  /** Automatic persisted queries (hash-only requests after a first registration). */
  apq: boolean;
  apqTtlSeconds: number;
  /** `enforce`: only operations registered with `khabar queries register` run, for every client. */
  safelist: "off" | "enforce";
  safelistRefreshSeconds: number;
  subscriptions: boolean;
  subscriptionQueueLimit: number;
  subscriptionMaxBufferedBytes: number;
  subscriptionsPerSocket: number;
  /** Serve a Federation 2 subgraph (`@key` entities, `_entities`, `_service`). */
  federation: boolean;
  /** `jit`: operations run as graphql-jit compiled code (graphql-js for what it cannot compile); `graphql-js`: graphql-js only. */
  executor: "jit" | "graphql-js";
  loaderCache: "all" | "ids" | "off";
  /** Requests of one operation before graphql-jit compiles it; graphql-js runs the earlier ones. */
  jitCompileAfter: number;
  /** With the jit executor: repeats of queries Apollo has answered run without Apollo's request pipeline. */
  fastPath: boolean;
}

/** A token bucket: `capacity` points, refilled at `refillPerSecond`. */
export interface RatePolicy {
  capacity: number;
  refillPerSecond: number;
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

const directory: Parser<string> = (raw) => {
  const dir = path.resolve(raw);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`expected an existing directory, got "${raw}"`);
  return dir;
};

/** "*", "none", or a comma-separated list of origins (scheme://host[:port], nothing after). */
const origins: Parser<"*" | string[]> = (raw) => {
  const v = raw.trim();
  if (v === "*") return "*";
  if (v.toLowerCase() === "none") return [];
  const bad: string[] = [];
  const out = v.split(",").map((s) => s.trim()).filter(Boolean).map((o) => {
    let origin: string | undefined;
    try {
      origin = new URL(o).origin;
    } catch {
      origin = undefined;
    }
    if (!origin || origin === "null" || origin !== o.replace(/\/$/, "")) bad.push(o);
    return origin ?? o;
  });
  if (bad.length || out.length === 0) throw new Error(`expected "*", "none" or origins like https://app.example, got "${bad.join(", ") || raw}"`);
  return out;
};

const list: Parser<string[]> = (raw) => raw.split(",").map((s) => s.trim()).filter(Boolean);

/** A comma-separated list of roles; `none` is the empty list. */
const roles: Parser<Role[]> = (raw) => {
  if (raw.trim().toLowerCase() === "none") return [];
  const names = list(raw);
  const unknown = names.filter((n) => !(ROLES as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`expected roles among ${ROLES.join(", ")} (or "none"), got "${unknown.join(", ")}"`);
  return names as Role[];
};

/** "capacity/refillPerSecond", e.g. "1000/10". */
const ratePolicy: Parser<RatePolicy> = (raw) => {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,7}(?:\.\d{1,3})?)\s*$/.exec(raw);
  const capacity = m ? Number(m[1]) : NaN;
  const refillPerSecond = m ? Number(m[2]) : NaN;
  if (!m || capacity < 1 || refillPerSecond <= 0) throw new Error(`expected "capacity/refillPerSecond" with both positive, e.g. "1000/10", got "${raw}"`);
  return { capacity, refillPerSecond };
};

const secret = (minLength: number): Parser<string> => (raw) => {
  if (raw.length < minLength) throw new Error(`expected at least ${minLength} characters, got ${raw.length}`);
  return raw;
};

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

const DEFAULT_RATE_LIMITS: Record<Role, string> = { public: "2000/20", reader: "5000/50", integrator: "20000/250", admin: "50000/1000" };

/** Each role's bucket, read from RATE_LIMIT_<ROLE>. */
function rateLimits(e: Env): Record<Role, RatePolicy> {
  const out = {} as Record<Role, RatePolicy>;
  const problems: string[] = [];
  for (const role of ROLES) {
    const name = `RATE_LIMIT_${role.toUpperCase()}`;
    try {
      out[role] = ratePolicy(e[name] || DEFAULT_RATE_LIMITS[role]);
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
    }
  }
  if (problems.length) throw new Error(problems.join("; "));
  return out;
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
  setting("loaderCache", "LOADER_CACHE", "What loaders keep in the shared cache between requests: `ids` (rows looked up by id, article bodies), `all` (also each article's images, people, countries, events), `off`.", "ids", oneOf("all", "ids", "off")),
  setting("responseCache", "RESPONSE_CACHE", "Cache whole responses of anonymous queries.", true, boolean),
  setting("maxDepth", "MAX_DEPTH", "Deepest selection a query may have.", 10, integer(2, 50)),
  setting("maxCost", "MAX_COST", "Highest cost a single query may have (connections cost `first` × their children).", 1000, integer(10, 1_000_000)),
  setting("maxFirst", "MAX_FIRST", "Largest page size (`first`).", 100, integer(1, 1000)),
  setting("introspection", "INTROSPECTION", "Allow introspection and \"Did you mean\" suggestions to everyone; when off, only to the roles in `INTROSPECTION_ROLES`.", (e) => nodeEnv(e) !== "production", boolean, "true, false in production"),
  setting("sampleSources", "SAMPLE_SOURCES", "Ingest the bundled sample sources at start-up (served by the gateway itself; a separate worker on the same machine fetches them from the gateway's `PORT`).", (e) => !e.DATABASE_URL, boolean, "true without DATABASE_URL"),
  setting("corsOrigins", "CORS_ORIGINS", "Browser origins that may call `/graphql` from their pages (CORS): `*` for any, a comma-separated list (`https://app.example,http://localhost:3000`), or `none`. Keys travel in headers, never cookies, so `*` exposes no credentials.", "*", origins),
  setting("fetchAllowHosts", "FETCH_ALLOW_HOSTS", "Comma-separated hosts/CIDRs the fetcher may reach although private (SSRF guard exceptions).", [], list, "none"),
  setting("fetchTimeoutMs", "FETCH_TIMEOUT_MS", "Total time allowed for one fetch.", 30000, integer(100, 600000)),
  setting("fetchMaxBytes", "FETCH_MAX_BYTES", "Largest body a fetch may return, after decompression.", 15 * 1024 * 1024, integer(1024, 1024 * 1024 * 1024)),
  setting("apiMappingsDir", "API_MAPPINGS_DIR", "Directory of API mapping files (`<name>.json`, see `src/sources/mappings/README.md`), searched before the bundled `newsapi` and `guardian`: adding an API needs a file there, not a rebuild.", undefined, directory),
  setting("inProcessWorker", "IN_PROCESS_WORKER", "Run ingestion jobs inside the gateway (always on without Redis).", true, boolean),
  setting("workerConcurrency", "WORKER_CONCURRENCY", "Sources refreshed at once per worker.", 4, integer(1, 64)),
  setting("analyseThreads", "ANALYSE_THREADS", "Threads that extract HTML article pages, normalise items and extract their entities, off the event loop that fetches, serves and writes (`0`: on it). Each holds its own copy of the knowledge base (~30 MB idle).", (e) => (nodeEnv(e) === "test" ? 0 : Math.min(4, availableParallelism() - 1)), integer(0, 16), "CPU cores − 1 (at most 4), 0 when NODE_ENV=test"),
  setting("clusterWindowHours", "CLUSTER_WINDOW_HOURS", "How far apart in time two articles of one event may be.", 72, integer(1, 24 * 30)),
  setting("anonymousAccess", "ANONYMOUS_ACCESS", "Serve requests without an API key (as the `public` role). Off: they get 401.", true, boolean),
  setting("adminKey", "ADMIN_KEY", "**Development only.** A secret (24+ characters) accepted as an admin API key, to bootstrap before `khabar keys create`.", undefined, secret(24)),
  setting("introspectionRoles", "INTROSPECTION_ROLES", "Roles that keep introspection and \"Did you mean\" suggestions when `INTROSPECTION` is off (`none` for nobody).", ["integrator", "admin"], roles, "integrator,admin"),
  setting("maxAliases", "MAX_ALIASES", "Most aliases one operation may use (fragments included).", 15, integer(0, 1000)),
  setting("maxDirectives", "MAX_DIRECTIVES", "Most directives one operation may use (fragments included).", 50, integer(0, 1000)),
  setting("maxTokens", "MAX_TOKENS", "Most lexical tokens a query document may have; parsing stops beyond it.", 1000, integer(100, 100_000)),
  setting("maxBodyBytes", "MAX_BODY_BYTES", "Largest request body on /graphql, after decompression (413 beyond it).", 1024 * 1024, integer(1024, 64 * 1024 * 1024)),
  setting("rateLimit", "RATE_LIMIT", "Charge each query's cost to its client's point bucket (429 when empty). Off under `NODE_ENV=test` unless set, so tests of other layers are not throttled.", (e) => nodeEnv(e) !== "test", boolean, "true, false when NODE_ENV=test"),
  {
    key: "rateLimits",
    env: "RATE_LIMIT_<ROLE>",
    description: "Bucket of each role as `capacity/refillPerSecond` (points); anonymous clients share one bucket per IP (IPv6: per /64).",
    defaultText: Object.entries(DEFAULT_RATE_LIMITS).map(([r, v]) => `${r} ${v}`).join(", "),
    parse: (_raw, e) => rateLimits(e),
  },
  setting("trustProxy", "TRUST_PROXY", "Express `trust proxy`: proxies whose X-Forwarded-For names the client (`loopback`, a CIDR list, a hop count, or `false`).", "false", (s) => s),
  setting("apiKeyCacheSeconds", "API_KEY_CACHE_SECONDS", "How long a key lookup is cached (a revocation reaches other processes within this time).", 30, integer(0, 3600)),
  setting("apq", "APQ", "Automatic persisted queries: clients may send a query's sha256 instead of its text once it is known.", true, boolean),
  setting("apqTtlSeconds", "APQ_TTL_SECONDS", "Lifetime of an automatically persisted query.", 86400, integer(60, 30 * 86400)),
  setting("safelist", "SAFELIST", "`enforce`: only operations registered with `khabar queries register` run (keys created with `--safelist` are held to it always).", "off", oneOf("off", "enforce")),
  setting("safelistRefreshSeconds", "SAFELIST_REFRESH_SECONDS", "How often each process reloads the registered operations.", 30, integer(1, 3600)),
  setting("subscriptions", "SUBSCRIPTIONS", "Serve GraphQL subscriptions over graphql-ws on /graphql.", true, boolean),
  setting("subscriptionQueueLimit", "SUBSCRIPTION_QUEUE_LIMIT", "Undelivered events a WebSocket may have queued (all its subscriptions together) before it is closed as a slow consumer (code 4008). Large enough for a burst of ingestion.", 1000, integer(1, 100_000)),
  setting("subscriptionMaxBufferedBytes", "SUBSCRIPTION_MAX_BUFFERED_BYTES", "Bytes a WebSocket may have unsent before it is closed as a slow consumer (code 4008).", 4 * 1024 * 1024, integer(1024, 1024 * 1024 * 1024)),
  setting("subscriptionsPerSocket", "SUBSCRIPTIONS_PER_SOCKET", "Concurrent subscriptions one WebSocket may hold.", 20, integer(1, 1000)),
  setting("federation", "FEDERATION", "Serve a Federation 2 subgraph (entities Article, Person, Country, Event) for an Apollo router or gateway.", false, boolean),
  setting("executor", "EXECUTOR", "How HTTP operations run: `jit` compiles each operation once with graphql-jit (graphql-js for what it cannot compile); `graphql-js` interprets every request.", "jit", oneOf("jit", "graphql-js")),
  setting("fastPath", "FAST_PATH", "With `EXECUTOR=jit`, plain JSON POSTs of a query Apollo has already answered without errors skip Apollo's request pipeline: the same variable, cost, rate-limit and safelist checks, compiled code, cost accounting and response bytes, for less CPU. Anonymous ones are answered by the HTTP server before Express. Anything else (errors, refusals, GET, persisted queries) goes through Apollo.", true, boolean),
  setting("jitCompileAfter", "JIT_COMPILE_AFTER", "With `EXECUTOR=jit`, requests of the same operation before it is compiled (graphql-js runs the earlier ones). Compiling costs more CPU than several executions: raise it when clients send many one-off documents.", 1, integer(1, 1000)),
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
