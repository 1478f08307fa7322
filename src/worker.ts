import "reflect-metadata";
import { createCache } from "./cache";
import { ConfigError, loadConfig } from "./config/config";
import { openDatabase } from "./db/data-source";
import { startIngestion } from "./ingest/bootstrap";
import { createPublisher } from "./graphql/subscriptions";
import { createLogger } from "./logging";

/** `npm run worker`: refreshes sources from the BullMQ queue in Redis; run as many as you like. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config, "khabar-worker");
  if (!config.redisUrl) {
    throw new ConfigError(["REDIS_URL: a separate worker needs Redis to share the queue; without it, `npm start` ingests in-process"]);
  }
  if (!config.databaseUrl) {
    throw new ConfigError(["DATABASE_URL: a separate worker needs a PostgreSQL server; the embedded database belongs to one process"]);
  }
  const db = await openDatabase(config, { migrate: true });
  const cache = await createCache(config, log);
  // Workers publish through Redis, so whichever gateway replica holds a subscription delivers it.
  const publisher = createPublisher(config, log);
  const ingestion = await startIngestion({ config, db: db.dataSource, cache, log, publish: publisher.publish, runJobs: true });
  log.info({ concurrency: config.workerConcurrency }, "worker started");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping: finishing current jobs");
    await ingestion.close();
    await publisher.close();
    await cache.close();
    await db.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
