import http from "node:http";
import { Pool, type PoolClient } from "pg";
import { postgraphile } from "postgraphile";
import { BENCH_PG_SCHEMA } from "./postgraphile.sql";

/**
 * PostGraphile 4 in library mode over the benchmark database, as a child process of the runner.
 * Its pg.Pool counts every statement its clients send, exposed on /metrics under the gateway's
 * counter name so the runner reads both servers the same way.
 * Env: PORT, DATABASE_URL, DB_POOL_SIZE.
 */

let statements = 0;

function countStatements(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements += 1;
    return query(...args);
  };
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  pool.on("connect", countStatements);
  // What a careful user would pick for a read API: no mutations, JSON as JSON, no per-query logging.
  const middleware = postgraphile(pool, ["public", BENCH_PG_SCHEMA], {
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    disableDefaultMutations: true,
    disableQueryLog: true,
    legacyRelations: "omit",
    retryOnInitFail: false,
    watchPg: false,
    graphiql: false,
    enableQueryBatching: false,
    extendedErrors: ["errcode"],
  });
  await middleware.getGraphQLSchema();
  const server = http.createServer((req, res) => {
    if (req.url === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(`# TYPE khabar_sql_statements_total counter\nkhabar_sql_statements_total ${statements}\n`);
      return;
    }
    middleware(req, res);
  });
  server.listen(Number(process.env.PORT), "127.0.0.1");
  process.on("SIGTERM", () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  });
}

main().catch((err) => {
  console.error(`bench.postgraphile: failed to start: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
