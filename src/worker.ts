import "reflect-metadata";
import { createCache } from "./cache";
import { ConfigError, loadConfig } from "./config/config";
import { openDatabase } from "./db/data-source";
import { startIngestion } from "./ingest/bootstrap";
import { createPublisher } from "./graphql/subscriptions";
import { closeOnSignals, exitOnStartupError } from "./lifecycle";
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
  // With SAMPLE_SOURCES on, the gateway on this machine (PORT) serves the samples it registered; loopback is otherwise refused.
  const samplesOrigin = config.sampleSources ? `http://127.0.0.1:${config.port}` : undefined;
  const ingestion = await startIngestion({ config, db: db.dataSource, cache, log, publish: publisher.publish, runJobs: true, samplesOrigin });
  log.info({ concurrency: config.workerConcurrency }, "worker started");
  // Closing the queue lets current jobs finish; their transactions either commit or roll back.
  closeOnSignals(log, "worker", [() => ingestion.close(), () => publisher.close(), () => cache.close(), () => db.close()]);
}

main().catch(exitOnStartupError);
