import "reflect-metadata";
import type { AddressInfo } from "node:net";
import { createCache } from "./cache";
import { loadConfig } from "./config/config";
import { openDatabase } from "./db/data-source";
import type { Services } from "./graphql/context";
import { createPublisher } from "./graphql/subscriptions";
import { startIngestion } from "./ingest/bootstrap";
import { registerSampleSources, samplesRouter } from "./ingest/samples/samples";
import { closeOnSignals, exitOnStartupError } from "./lifecycle";
import { createLogger } from "./logging";
import { createApp } from "./server/app";

/**
 * `npm start`: migrate, serve /graphql, and (without a separate worker) ingest. With no
 * DATABASE_URL and no REDIS_URL everything is embedded: PGlite in ./data, in-process cache and queue,
 * and the bundled sample sources served by this process.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const db = await openDatabase(config, { migrate: true });
  log.info({ database: db.embedded ? `embedded (${config.dataDir})` : "postgresql" }, "database ready");
  const cache = await createCache(config, log);
  const services: Services = {};
  const { app, httpServer, apollo } = await createApp({ config, db: db.dataSource, cache, log, services });
  if (config.sampleSources) app.use(samplesRouter());
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const publisher = createPublisher(config, log);
  const ingestion = await startIngestion({
    config,
    db: db.dataSource,
    cache,
    log,
    publish: publisher.publish,
    runJobs: config.inProcessWorker || !config.redisUrl,
    samplesOrigin: config.sampleSources ? origin : undefined,
  });
  services.sources = ingestion.sources;
  if (config.sampleSources) {
    const ids = await registerSampleSources(db.dataSource, origin);
    for (const id of ids) await ingestion.queue.enqueue(id);
    log.info({ sources: ids.length }, "sample sources queued");
  }
  log.info(`Khabar is serving http://localhost:${port}/graphql`);

  closeOnSignals(log, "gateway", [() => apollo.stop(), () => ingestion.close(), () => publisher.close(), () => cache.close(), () => db.close()]);
}

main().catch(exitOnStartupError);
