import "reflect-metadata";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { parse, specifiedRules, validate } from "graphql";
import { KeyStore } from "../../src/auth/key.store";
import { createCache } from "../../src/cache";
import { loadConfig } from "../../src/config/config";
import { openDatabase } from "../../src/db/data-source";
import { actualCost } from "../../src/graphql/plugins/actual-cost";
import { estimateCost } from "../../src/graphql/plugins/cost";
import { parseOptions, shapeRules } from "../../src/graphql/plugins/shape-rules";
import { buildKhabarSchema } from "../../src/graphql/schema";
import { createLogger } from "../../src/logging";
import { createApp } from "../../src/server/app";

// How much each refused request costs the gateway: time the server spends on it (headers in to
// response finished), the client's wall time over HTTP, and the SQL statements it ran.
// Budget: under 20 ms at p95 on the server, no SQL beyond a key's first lookup.
// Run: npm run build && node dist/bench/integrator/defences.js [requestsPerAttack=100]
const N = Number(process.argv[2] ?? 100);
const BUDGET_MS = 20;

interface Attack {
  name: string;
  request: () => RequestInit & { path?: string };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body),
});

function attacks(keys: { revoked: string; broke: string }): Attack[] {
  const deep = `{ articles { ...L1 } } fragment L1 on ArticleConnection { nodes { people { ...L2 } } }
    fragment L2 on Person { articles { edges { node { countries { ...L3 } } } } } fragment L3 on Country { people { articles { nodes { title } } } }`;
  return [
    { name: "baseline { __typename }", request: () => json({ query: "{ __typename }" }) },
    { name: "101 aliases", request: () => json({ query: `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: articles { totalCount }`).join(" ")} }` }) },
    { name: "batch of 10 operations", request: () => json(Array.from({ length: 10 }, () => ({ query: "{ articles { totalCount } }" }))) },
    { name: "5,000 × __typename", request: () => json({ query: `{ ${"__typename ".repeat(5000)}}` }) },
    { name: "10 repeated directives", request: () => json({ query: `{ articles { totalCount ${"@include(if: true) ".repeat(10)}} }` }) },
    { name: "51 directives", request: () => json({ query: `{ articles { ${Array.from({ length: 51 }, (_, i) => `c${i % 15}: totalCount @skip(if: false)`).join(" ")} } }` }) },
    { name: "depth through fragments", request: () => json({ query: deep }) },
    { name: "fragment named __schema", request: () => json({ query: deep.replace(/L1/g, "__schema") }) },
    { name: "cyclic fragments", request: () => json({ query: `{ articles { ...A } } fragment A on ArticleConnection { ...B } fragment B on ArticleConnection { ...A }` }) },
    { name: "cost over MAX_COST", request: () => json({ query: `{ articles(first: 100) { nodes { people(first: 100) { name } } } }` }) },
    { name: "anonymous introspection", request: () => json({ query: "{ __schema { types { name } } }" }) },
    { name: "2 MB body", request: () => json({ query: `{ __typename } # ${"x".repeat(2 * 1024 * 1024)}` }) },
    { name: "gzip bomb (8 MB inflated)", request: () => ({ method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: GZIP_BOMB }) },
    { name: "GET with a mutation", request: () => ({ path: `/graphql?query=${encodeURIComponent('mutation { removeSource(id: "U291cmNlOjE") }')}`, headers: { "apollo-require-preflight": "1" } }) },
    { name: "text/plain without preflight", request: () => ({ method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ query: "{ __typename }" }) }) },
    { name: "revoked key, repeated", request: () => json({ query: "{ __typename }" }, { "x-api-key": keys.revoked }) },
    { name: "key over budget (429)", request: () => json({ query: "{ articles(first: 100) { nodes { title } } }" }, { "x-api-key": keys.broke }) },
  ];
}

const GZIP_BOMB = gzipSync(Buffer.from(JSON.stringify({ query: `{ __typename } # ${" ".repeat(8 * 1024 * 1024)}` })));

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** In-process parse + validate time of each attack's query, the part of the work that is GraphQL's. */
function validationMicros(query: string): string {
  const schema = buildKhabarSchema();
  const config = loadConfig({ NODE_ENV: "test" });
  const rules = [...specifiedRules, ...shapeRules(config)];
  const start = performance.now();
  for (let i = 0; i < 200; i++) {
    try {
      validate(schema, parse(query, parseOptions(config)), rules);
    } catch {
      // Token overflow stops in the parser, which is the point.
    }
  }
  return `${(((performance.now() - start) / 200) * 1000).toFixed(0)} µs`;
}

/** What cost accounting adds to an accepted request: the estimate before, the count after (50-article front page). */
function accountingMicros(): string {
  const schema = buildKhabarSchema();
  const document = parse(`{ articles(first: 50) { edges { node { title source { name } images { url } people(first: 5) { name } countries { code } } } } }`);
  const node = { title: "t", source: { name: "s" }, images: [{ url: "u" }], people: Array.from({ length: 5 }, () => ({ name: "p" })), countries: Array.from({ length: 3 }, () => ({ code: "RU" })) };
  const data = { articles: { edges: Array.from({ length: 50 }, () => ({ node })) } };
  const time = (fn: () => unknown) => {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) fn();
    return `${(((performance.now() - start) / 1000) * 1000).toFixed(0)} µs`;
  };
  return `cost accounting on a 50-article front page: estimate ${time(() => estimateCost({ schema, document, maxFirst: 100 }))}, actual ${time(() => actualCost(schema, document, undefined, data))} per request`;
}

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: "development", LOG_LEVEL: "silent", PORT: "0", INTROSPECTION: "false", RESPONSE_CACHE: "false", RATE_LIMIT: "true" });
  const log = createLogger(config);
  const db = await openDatabase({ ...config, dataDir: config.databaseUrl ? config.dataDir : "memory://" }, { migrate: true });
  const cache = await createCache(config, log);
  const running = await createApp({ config, db: db.dataSource, cache, log });
  await new Promise<void>((resolve) => running.httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(running.httpServer.address() as AddressInfo).port}`;
  const store = new KeyStore(db.dataSource);
  const revoked = await store.create({ name: "bench revoked", role: "reader" });
  await store.revoke(revoked.record.id);
  const broke = await store.create({ name: "bench broke", role: "reader", budget: { capacity: 150, refillPerSecond: 0.01 } });
  await fetch(`${url}/graphql`, json({ query: "{ articles(first: 100) { nodes { title } } }" }, { "x-api-key": broke.token }));

  console.log(`${N} requests per attack, sequential, over HTTP on 127.0.0.1 (${db.embedded ? "PGlite" : "PostgreSQL"}, ${cache.kind} cache)\n`);
  let serverTimes: number[] = [];
  running.httpServer.on("request", (_req, res) => {
    const start = performance.now();
    res.on("finish", () => serverTimes.push(performance.now() - start));
  });
  console.log(["attack".padEnd(30), "status", "server p50", "server p95", "client p50", "client p95", "SQL", "parse+validate"].join("  "));
  let over = 0;
  for (const attack of attacks({ revoked: revoked.token, broke: broke.token })) {
    const times: number[] = [];
    serverTimes = [];
    let status = 0;
    let sql = 0;
    // A few warm-up requests so the first-time costs (JIT, caches) are not counted.
    for (let i = 0; i < N + 5; i++) {
      const { path, ...init } = attack.request();
      const start = performance.now();
      const res = await fetch(`${url}${path ?? "/graphql"}`, init);
      await res.arrayBuffer();
      if (i >= 5) times.push(performance.now() - start);
      status = res.status;
      sql = Math.max(sql, Number(res.headers.get("x-sql-statements") ?? 0));
    }
    times.sort((a, b) => a - b);
    const server = serverTimes.slice(5).sort((a, b) => a - b);
    const body = attack.request().body;
    const query = typeof body === "string" && body.startsWith("{") ? (JSON.parse(body) as { query?: string }).query : undefined;
    const p95 = pct(server, 0.95);
    if (p95 > BUDGET_MS) over += 1;
    const ms = (n: number) => n.toFixed(2).padStart(10);
    console.log([attack.name.padEnd(30), String(status).padEnd(6), ms(pct(server, 0.5)), ms(p95), ms(pct(times, 0.5)), ms(pct(times, 0.95)), String(sql).padStart(3), (query ? validationMicros(query) : "-").padStart(14)].join("  "));
  }
  console.log(`\n${accountingMicros()}`);
  console.log(`${over === 0 ? "Every request" : `${over} kind(s) of request NOT`} answered within ${BUDGET_MS} ms of server time at p95. SQL is the most any one request ran (a key's first lookup is 1).`);
  await running.apollo.stop();
  await cache.close();
  await db.close();
  process.exitCode = over === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
