import type { Logger } from "pino";
import { ConfigError } from "./config/config";
import { DatabaseOpenError } from "./db/data-source";

/**
 * On SIGTERM/SIGINT, closes `steps` in order (each awaited, failures logged) and exits; a second
 * signal during shutdown is ignored rather than cutting the first one short.
 */
export function closeOnSignals(log: Logger, what: string, steps: (() => Promise<unknown> | unknown)[]): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${what}: shutting down`);
    for (const step of steps) {
      await Promise.resolve()
        .then(step)
        .catch((err) => log.error({ err: String(err) }, `${what}: shutdown step failed`));
    }
    log.info(`${what}: stopped`);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/** Start-up failures: configuration problems as their list, an unreachable database as one line, anything else with its stack. */
export function exitOnStartupError(err: unknown): never {
  console.error(err instanceof ConfigError || err instanceof DatabaseOpenError ? err.message : err);
  process.exit(1);
}
