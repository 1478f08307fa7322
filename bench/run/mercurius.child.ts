import { Pool } from "pg";
import { buildMercuriusApp, type Query } from "./mercurius.app";

/**
 * The Mercurius comparison server (mercurius.app.ts) as a child process of the runner, over the
 * benchmark database. Statements it sends are counted on /metrics under the gateway's counter name,
 * so the runner reads every server the same way. Env: PORT, DATABASE_URL, DB_POOL_SIZE.
 */

let statements = 0;

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  const query: Query = async (sql, params) => {
    statements += 1;
    return (await pool.query(sql, params)).rows;
  };
  const app = await buildMercuriusApp(query);
  app.get("/metrics", async (_req, reply) => {
    reply.type("text/plain; version=0.0.4");
    return `# TYPE khabar_sql_statements_total counter\nkhabar_sql_statements_total ${statements}\n`;
  });
  await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
  process.on("SIGTERM", () => {
    void app.close().then(() => pool.end()).finally(() => process.exit(0));
  });
}

main().catch((err) => {
  console.error(`bench.mercurius: failed to start: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
