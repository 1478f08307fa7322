import express, { type Router } from "express";
import type { DataSource } from "typeorm";
import client from "prom-client";
import type { Cache } from "../cache";
import { totalStatements } from "../db/statement-counter";

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(db: DataSource, cache: Cache): Router {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // Ready means "can answer queries": the database must respond; Redis is optional (errors are misses).
  router.get("/readyz", async (_req, res) => {
    const [dbOk, cacheOk] = await Promise.all([
      withTimeout(db.query("SELECT 1"), 2000).then(() => true, () => false),
      withTimeout(cache.ping(), 1000).catch(() => false),
    ]);
    res.status(dbOk ? 200 : 503).json({ status: dbOk ? "ready" : "unavailable", database: dbOk ? "up" : "down", cache: { kind: cache.kind, up: cacheOk } });
  });
  return router;
}

let registry: client.Registry | undefined;

/** Prometheus metrics: process defaults plus the SQL statement counter benchmarks read. */
export function metricsRouter(): Router {
  if (!registry) {
    registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry, prefix: "khabar_" });
    new client.Counter({
      name: "khabar_sql_statements_total",
      help: "SQL statements sent to PostgreSQL by this process.",
      registers: [registry],
      collect() {
        this.reset();
        this.inc(totalStatements());
      },
    });
  }
  const reg = registry;
  const router = express.Router();
  router.get("/metrics", async (_req, res) => {
    res.type(reg.contentType).send(await reg.metrics());
  });
  return router;
}
