import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import { createCache, type Cache } from "../../src/cache";
import { loadConfig, type Config } from "../../src/config/config";
import { createLogger } from "../../src/logging";
import { createApp } from "../../src/server/app";
import type { Services } from "../../src/graphql/context";

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
}

export interface TestApp {
  url: string;
  config: Config;
  cache: Cache;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

/** The real HTTP app on 127.0.0.1, port 0; Redis (own key prefix) when REDIS_URL is set, else the LRU. */
export async function startTestApp(db: DataSource, env: Record<string, string> = {}, services: Services = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: `khabar:test:${randomBytes(6).toString("hex")}:`,
    ...env,
  });
  const log = createLogger(config);
  const cache = await createCache(config, log);
  const { httpServer, apollo } = await createApp({ config, db, cache, log, services });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    config,
    cache,
    async gql(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResponse<any>["body"] };
    },
    async close() {
      await apollo.stop();
      await cache.close();
    },
  };
}
