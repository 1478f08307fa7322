import path from "node:path";
import { CeilingServer } from "./ceiling.server";
import { KhabarServer } from "./khabar.server";
import { ChildServer } from "./child.server";
import { installBenchPgSchema } from "./postgraphile.sql";
import type { Server } from "./types";

export interface ServerSettings {
  repoRoot: string;
  resultsDir: string;
  databaseUrl: string;
  redisUrl: string;
  cpuProfile: boolean;
}

/**
 * Settings both gateway variants share. The front page at first: 100 costs 2,000 under the cost
 * rules (100 × its 20 nested objects), over the default MAX_COST of 1,000, so the limit is raised.
 * Every request comes from one address, whose public bucket (2,000 points, 20/s) would throttle
 * after two front pages; a bucket that never empties keeps the limiter's work in the measurement.
 */
const GATEWAY_ENV = { MAX_COST: "5000", RATE_LIMIT_PUBLIC: "999999999/9999999" };

type Factory = (s: ServerSettings) => Server;

const khabar = (name: string, description: string, responseCache: boolean, coldCache: boolean, env: Record<string, string>): Factory =>
  (s) => new KhabarServer({
    name,
    description,
    repoRoot: s.repoRoot,
    databaseUrl: s.databaseUrl,
    redisUrl: s.redisUrl,
    responseCache,
    coldCache,
    logFile: path.join(s.resultsDir, `${name}.log`),
    cpuProfileDir: s.cpuProfile ? path.join(s.resultsDir, "profiles", name) : undefined,
    env: { ...GATEWAY_ENV, ...env },
  });

/** Every server the runner can put side by side, by name. */
export const SERVERS: Record<string, Factory> = {
  "khabar-cold": khabar("khabar-cold",
    "gateway, response cache off, Redis loader cache generation bumped before every request: each request runs all its SQL",
    false, true,
    // Entries written by every miss are never read again; a short TTL keeps them from piling up in Redis.
    { CACHE_TTL_SECONDS: "5" }),
  // A/B runs: another checkout's build (BENCH_BASE_ROOT, its own `npm run build` done) in the same rounds as this one.
  "khabar-base-cold": (s) => {
    const root = process.env.BENCH_BASE_ROOT;
    if (!root) throw new Error("bench.run: khabar-base-cold needs BENCH_BASE_ROOT, the root of a built checkout to compare with");
    return khabar("khabar-base-cold", `khabar-cold built from ${root}`, false, true, { CACHE_TTL_SECONDS: "5" })({ ...s, repoRoot: root });
  },
  "khabar-warm": khabar("khabar-warm", "gateway, response cache on, the same request repeated: served from Redis", true, false, {}),
  "redis-ceiling": (s) => new CeilingServer({
    name: "redis-ceiling",
    redisUrl: s.redisUrl,
    logFile: path.join(s.resultsDir, "redis-ceiling.log"),
    upstream: khabar("redis-ceiling-upstream", "gateway answering the ceiling's first request of each kind", false, false, {})(s) as KhabarServer,
  }),
  postgraphile: (s) => new ChildServer({
    name: "postgraphile",
    description: "PostGraphile 4.14 library mode over the same database (dynamicJson, no mutations, query log off); one child process",
    dialect: "postgraphile",
    script: path.join(__dirname, "postgraphile.child.js"),
    preload: [path.join(__dirname, "postgraphile.resolve.js")],
    setup: () => installBenchPgSchema(s.databaseUrl),
    databaseUrl: s.databaseUrl,
    logFile: path.join(s.resultsDir, "postgraphile.log"),
    cpuProfileDir: s.cpuProfile ? path.join(s.resultsDir, "profiles", "postgraphile") : undefined,
    poolSize: 10,
  }),
  mercurius: (s) => new ChildServer({
    name: "mercurius",
    description: "Mercurius 16 on Fastify 5 with graphql-jit (after one execution), SDL schema, per-field loaders (one statement per field and request), plain pg queries; one child process",
    dialect: "khabar",
    script: path.join(__dirname, "mercurius.child.js"),
    databaseUrl: s.databaseUrl,
    logFile: path.join(s.resultsDir, "mercurius.log"),
    cpuProfileDir: s.cpuProfile ? path.join(s.resultsDir, "profiles", "mercurius") : undefined,
    poolSize: 10,
  }),
};

export function selectServers(names: string[], settings: ServerSettings): Server[] {
  const unknown = names.filter((n) => !SERVERS[n]);
  if (unknown.length) throw new Error(`bench.run: unknown server(s) ${unknown.join(", ")}; known: ${Object.keys(SERVERS).join(", ")}`);
  return names.map((n) => SERVERS[n](settings));
}
