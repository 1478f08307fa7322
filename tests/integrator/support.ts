import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { KeyStore } from "../../src/auth/key.store";
import type { BudgetOverrides, Role } from "../../src/auth/roles";
import { createCache, type Cache } from "../../src/cache";
import { loadConfig, type Config } from "../../src/config/config";
import { createPublisher, type Publisher } from "../../src/graphql/subscriptions";
import { createLogger } from "../../src/logging";
import { createApp, type RunningApp } from "../../src/server/app";

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };
}

/** A request exactly as given (method, headers, body), for the attacks the typed helper cannot send. */
export async function raw(url: string, init: RequestInit & { path?: string } = {}): Promise<RawResponse> {
  const res = await fetch(`${url}${init.path ?? "/graphql"}`, init);
  const text = await res.text();
  let json: RawResponse["json"] = {};
  try {
    json = JSON.parse(text);
  } catch {
    // Not every refusal is JSON; tests that need it assert on it.
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

export async function createKey(db: DataSource, role: Role, extra: { name?: string; budget?: BudgetOverrides; safelistOnly?: boolean } = {}) {
  const { record, token } = await new KeyStore(db).create({ name: extra.name ?? `${role} test key`, role, budget: extra.budget, safelistOnly: extra.safelistOnly });
  return { id: record.id, token };
}

export const sqlCount = (res: { headers: Headers }) => Number(res.headers.get("x-sql-statements"));

/** A graphql-ws client over the `ws` package, without retries, so closes surface in tests. */
export function wsClient(url: string, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({
    url: url.replace(/^http/, "ws") + "/graphql",
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

export interface Collected<T> {
  values: T[];
  error?: unknown;
  completed: boolean;
  done: Promise<void>;
  dispose: () => void;
}

/** Subscribes and collects everything that arrives. */
export function collect<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Collected<T> {
  const c: Partial<Collected<T>> & { values: T[]; completed: boolean } = { values: [], completed: false };
  c.done = new Promise<void>((resolve) => {
    c.dispose = client.subscribe<T>({ query, variables }, {
      next: (v) => void c.values.push(v as T),
      error: (e) => {
        c.error = e;
        resolve();
      },
      complete: () => {
        c.completed = true;
        resolve();
      },
    });
  });
  return c as Collected<T>;
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Gateway {
  url: string;
  config: Config;
  cache: Cache;
  running: RunningApp;
  publisher: Publisher;
  close(): Promise<void>;
}

/** Like tests/support/app, but exposing the integrator services and a publisher on the same Redis prefix. */
export async function startGateway(db: DataSource, env: Record<string, string> = {}): Promise<Gateway> {
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: `khabar:test:${randomBytes(6).toString("hex")}:`,
    ...env,
  });
  const log = createLogger(config);
  const cache = await createCache(config, log);
  const running = await createApp({ config, db, cache, log });
  await new Promise<void>((resolve) => running.httpServer.listen(0, "127.0.0.1", resolve));
  const publisher = createPublisher(config, log);
  return {
    url: `http://127.0.0.1:${(running.httpServer.address() as AddressInfo).port}`,
    config,
    cache,
    running,
    publisher,
    async close() {
      await running.apollo.stop();
      await publisher.close();
      await cache.close();
    },
  };
}
