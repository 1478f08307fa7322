import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Cache } from "../cache";
import type { Config } from "../config/config";
import { createFetcher, type Fetcher } from "../sources/fetch";
import type { Publish } from "./ingest-events";
import { createIngestRuntime, type IngestRuntime } from "./runtime";
import { BullRefreshQueue, InProcessQueue, type RefreshQueue } from "./schedule/queue";
import { Scheduler } from "./schedule/scheduler";
import { SourcesService } from "./sources.service";

export interface Ingestion {
  queue: RefreshQueue;
  sources: SourcesService;
  runtime?: IngestRuntime;
  scheduler?: Scheduler;
  close(): Promise<void>;
}

/**
 * The SSRF guard stays on for every source; only URLs under this process's own /samples/ may reach
 * loopback, through a second fetcher allowed exactly that.
 */
function fetcherFor(config: Config, samplesOrigin?: string): Fetcher {
  const options = { allowHosts: config.fetchAllowHosts, totalTimeoutMs: config.fetchTimeoutMs, maxBodyBytes: config.fetchMaxBytes };
  const guarded = createFetcher(options);
  if (!samplesOrigin) return guarded;
  const local = createFetcher({ ...options, allowHosts: ["127.0.0.1"], maxRedirects: 0 });
  const routed = ((req) => {
    const u = new URL(req.url);
    return u.origin === samplesOrigin && u.pathname.startsWith("/samples/") ? local(req) : guarded(req);
  }) as Fetcher;
  routed.close = () => {
    guarded.close();
    local.close();
  };
  return routed;
}

/**
 * Queue, scheduler and (when this process works jobs) the ingest runtime. Without Redis everything
 * runs in-process; with Redis, jobs go through BullMQ so any number of workers can share them.
 */
export async function startIngestion(args: {
  config: Config;
  db: DataSource;
  cache: Cache;
  log: Logger;
  publish: Publish;
  runJobs: boolean;
  samplesOrigin?: string;
}): Promise<Ingestion> {
  const { config, db, cache, log } = args;
  const queue: RefreshQueue = config.redisUrl ? BullRefreshQueue.create(config.redisUrl, config.redisPrefix, log) : new InProcessQueue(log);
  const sources = new SourcesService(db, cache, queue, config.apiMappingsDir, config.fetchAllowHosts);
  if (!args.runJobs) return { queue, sources, close: () => queue.close() };
  const runtime = await createIngestRuntime({ config, db, cache, log, publish: args.publish, fetch: fetcherFor(config, args.samplesOrigin) });
  queue.consume(async (id) => {
    const report = await runtime.refresh(id);
    log.info({ sourceId: id, ok: report.ok, created: report.created, updated: report.updated, error: report.error }, "source refreshed");
  }, config.workerConcurrency);
  const scheduler = new Scheduler(db, queue, log);
  scheduler.start();
  return {
    queue,
    sources,
    runtime,
    scheduler,
    async close() {
      scheduler.stop();
      await queue.close();
      await runtime.close();
    },
  };
}
