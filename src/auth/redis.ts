import { createHash } from "node:crypto";
import { createClient, type RedisClientType } from "redis";
import type { Logger } from "pino";
import { Deadlines } from "../cache/deadlines";

/** How long a Redis command may go unanswered before it counts as failed (node-redis's own default). */
export const COMMAND_TIMEOUT_MS = 5000;

/** node-redis without its per-command timer: callers bound commands with Deadlines (src/cache/deadlines.ts). */
const UNTIMED_COMMANDS = { timeout: 0 };

/**
 * A node-redis client (cache, buckets, pub/sub). Commands fail at once while
 * disconnected instead of queueing, and start-up waits at most a second for the connection.
 * `untimed`: the caller bounds every command itself (Deadlines) instead of node-redis.
 */
export async function connectRedis(url: string, log: Logger, purpose: string, opts: { untimed?: boolean } = {}): Promise<RedisClientType> {
  const client = createClient({
    url,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
    disableOfflineQueue: true,
    ...(opts.untimed ? { commandOptions: UNTIMED_COMMANDS } : {}),
  }) as RedisClientType;
  let lastWarning = 0;
  client.on("error", (err: Error) => {
    const now = Date.now();
    // One warning per 10 s is enough to notice an outage without flooding the log.
    if (now - lastWarning > 10_000) {
      lastWarning = now;
      log.warn({ err: err.message, purpose }, "redis: connection problem");
    }
  });
  const ready = new Promise<void>((resolve) => client.once("ready", () => resolve()));
  client.connect().catch((err: Error) => log.warn({ err: err.message, purpose }, "redis: connect failed"));
  await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  return client;
}

/** Closes after the answers still due, or at once when they do not come within the command timeout. */
export async function closeRedis(client: RedisClientType): Promise<void> {
  if (client.isReady) {
    const deadline = new Deadlines(COMMAND_TIMEOUT_MS, "redis close");
    await deadline.run(client.close()).catch(() => client.destroy());
    deadline.close();
  } else if (client.isOpen) client.destroy();
}

export interface LuaScript { text: string; sha1: string }

/** A Lua script with the SHA1 Redis knows it by. */
export const luaScript = (text: string): LuaScript => ({ text, sha1: createHash("sha1").update(text).digest("hex") });

/** A Lua script by its SHA1, sent whole only when this Redis has not seen it yet (NOSCRIPT). */
export async function runScript(client: RedisClientType, script: LuaScript, options: { keys: string[]; arguments: string[] }): Promise<unknown> {
  try {
    return await client.evalSha(script.sha1, options);
  } catch (err) {
    if (!String((err as Error).message).startsWith("NOSCRIPT")) throw err;
    return client.eval(script.text, options);
  }
}
