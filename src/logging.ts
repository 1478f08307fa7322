import pino, { type Logger } from "pino";
import type { Config } from "./config/config";

export function createLogger(config: Pick<Config, "logLevel" | "env">, name = "khabar"): Logger {
  return pino({ name, level: config.env === "test" && !process.env.LOG_LEVEL ? "silent" : config.logLevel });
}
