import "reflect-metadata";
import { createCache } from "./cache";
import { ConfigError, loadConfig } from "./config/config";
import { openDatabase } from "./db/data-source";
import { createLogger } from "./logging";
import { createApp } from "./server/app";

/** `npm start`: migrate, then serve /graphql; embedded PostgreSQL and in-process cache unless configured otherwise. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const db = await openDatabase(config, { migrate: true });
  log.info({ database: db.embedded ? `embedded (${config.dataDir})` : "postgresql" }, "database ready");
  const cache = await createCache(config, log);
  const { httpServer, apollo } = await createApp({ config, db: db.dataSource, cache, log });
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  log.info(`Khabar is serving http://localhost:${config.port}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await apollo.stop();
    await cache.close();
    await db.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
