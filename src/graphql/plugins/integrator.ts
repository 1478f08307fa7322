import { performance } from "node:perf_hooks";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { Authenticator } from "../../auth/authenticator";
import type { Buckets } from "../../auth/bucket";
import { MemoryBuckets } from "../../auth/bucket.memory";
import { RedisBuckets } from "../../auth/bucket.redis";
import { KeyStore } from "../../auth/key.store";
import type { Cache } from "../../cache";
import type { Config } from "../../config/config";
import { SubscriptionHub } from "../subscriptions/hub";
import type { Context } from "../context";
import type { LimitsContext } from "./limits.plugin";
import { PersistedQueryStore, Safelist, SafelistStore } from "./safelist";

/** Everything the integrator layer keeps for the life of a server. */
export interface IntegratorServices {
  buckets: Buckets;
  authenticator: Authenticator;
  safelist: Safelist;
  persisted: PersistedQueryStore;
  hub?: SubscriptionHub;
  close(): Promise<void>;
}

export interface IntegratorDeps {
  config: Config;
  db: DataSource;
  cache: Cache;
  log: Logger;
}

/** Buckets (Redis or in-process), key authentication, the safelist and, if enabled, the subscription hub. */
export async function startIntegratorServices({ config, db, cache, log }: IntegratorDeps): Promise<IntegratorServices> {
  if (config.adminKey && config.env === "production") log.warn("ADMIN_KEY is set in production: it is meant for development; create admin keys with `khabar keys create --role admin`");
  const buckets: Buckets = config.redisUrl ? await RedisBuckets.connect(config.redisUrl, config.redisPrefix, log) : new MemoryBuckets();
  const authenticator = new Authenticator({ store: new KeyStore(db), cache, buckets, log, config });
  const safelist = new Safelist(new SafelistStore(db), log, config.safelistRefreshSeconds);
  await safelist.start();
  const persisted = new PersistedQueryStore(cache, safelist, { automatic: config.apq && config.safelist === "off", ttlSeconds: config.apqTtlSeconds });
  const hub = config.subscriptions ? await SubscriptionHub.start(config, log) : undefined;
  return {
    buckets, authenticator, safelist, persisted, hub,
    async close() {
      safelist.stop();
      await hub?.close();
      await buckets.close();
    },
  };
}

/** Stops what the services hold when Apollo stops; the WebSocket server closes while the HTTP server drains. */
export function lifecyclePlugin(services: IntegratorServices, subscriptionServer?: { dispose(): Promise<void> }): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await subscriptionServer?.dispose();
        },
        async serverWillStop() {
          await services.close();
        },
      };
    },
  };
}

/** One line per GraphQL request in the request's child logger (request id, key): debug, or warn for 5xx. */
export function requestLogPlugin(): ApolloServerPlugin<Context & LimitsContext> {
  return {
    async requestDidStart() {
      const start = performance.now();
      return {
        async willSendResponse({ contextValue, response, operationName, errors }) {
          const status = response.http.status ?? 200;
          const line = { operationName, status, errors: errors?.length ?? 0, cost: contextValue.cost?.requested, actual: contextValue.cost?.actual, ms: Math.round(performance.now() - start) };
          if (status >= 500) contextValue.log.warn(line, "graphql: request failed");
          else contextValue.log.debug(line, "graphql: request");
        },
      };
    },
  };
}
