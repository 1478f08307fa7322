import { Queue, Worker, createNodeRedisClient } from "bullmq";
import { createClient, type RedisClientType } from "redis";
import type { Logger } from "pino";
import { closeRedis } from "../../auth/redis";
import { Deadlines } from "../../cache/deadlines";

export type RefreshJob = (sourceId: number) => Promise<unknown>;

/** Where refresh jobs wait. One job per source at a time: adding a source already queued or running is a no-op. */
export interface RefreshQueue {
  readonly kind: "bullmq" | "in-process";
  enqueue(sourceId: number): Promise<void>;
  /** Starts consuming jobs with `run` (workers; a gateway that only enqueues never calls it). */
  consume(run: RefreshJob, concurrency: number): void;
  /** Sources queued or running, for tests and health. */
  pending(): Promise<number>;
  close(): Promise<void>;
}

/** Without Redis: jobs run in this process, each source at most once at a time. */
export class InProcessQueue implements RefreshQueue {
  readonly kind = "in-process" as const;
  private readonly waiting: number[] = [];
  private readonly queued = new Set<number>();
  private readonly running = new Set<number>();
  private run?: RefreshJob;
  private concurrency = 1;
  private idle: (() => void)[] = [];

  constructor(private readonly log: Logger) {}

  async enqueue(sourceId: number): Promise<void> {
    if (this.queued.has(sourceId) || this.running.has(sourceId)) return;
    this.queued.add(sourceId);
    this.waiting.push(sourceId);
    this.pump();
  }

  consume(run: RefreshJob, concurrency: number): void {
    this.run = run;
    this.concurrency = concurrency;
    this.pump();
  }

  async pending(): Promise<number> {
    return this.queued.size + this.running.size;
  }

  /** Resolves once nothing is queued or running. */
  drained(): Promise<void> {
    if (this.queued.size + this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.run && this.running.size < this.concurrency && this.waiting.length) {
      const id = this.waiting.shift()!;
      this.queued.delete(id);
      this.running.add(id);
      this.run(id)
        .catch((err) => this.log.error({ err: String(err), sourceId: id }, "refresh job failed"))
        .finally(() => {
          this.running.delete(id);
          this.pump();
          if (this.queued.size + this.running.size === 0) this.idle.splice(0).forEach((f) => f());
        });
    }
  }

  async close(): Promise<void> {
    this.waiting.length = 0;
    this.queued.clear();
    this.run = undefined;
  }
}

const QUEUE = "refresh";
// Under a typical 30 s termination grace, with room left for the rest of shutdown.
const CLOSE_GRACE_MS = 10_000;

/** A BullMQ queue in Redis: any number of workers, a source's job id dedupes it across all of them. */
export class BullRefreshQueue implements RefreshQueue {
  readonly kind = "bullmq" as const;
  private worker?: Worker;
  // BullMQ leaves connections it was handed open on close; these are ours to close.
  private readonly clients: RedisClientType[];

  private constructor(
    private readonly queue: Queue,
    queueClient: RedisClientType,
    private readonly url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.clients = [queueClient];
  }

  static create(url: string, prefix: string, log: Logger): BullRefreshQueue {
    const client = createClient({ url }) as RedisClientType;
    const queue = new Queue(QUEUE, { connection: createNodeRedisClient(client), prefix: `${prefix}bull` });
    queue.on("error", (err) => log.warn({ err: err.message }, "refresh queue error"));
    return new BullRefreshQueue(queue, client, url, prefix, log);
  }

  async enqueue(sourceId: number): Promise<void> {
    await this.queue.add("refresh", { sourceId }, { jobId: `source-${sourceId}`, removeOnComplete: true, removeOnFail: true });
  }

  consume(run: RefreshJob, concurrency: number): void {
    const client = createClient({ url: this.url }) as RedisClientType;
    this.clients.push(client);
    this.worker = new Worker(QUEUE, async (job) => run(Number(job.data.sourceId)), {
      connection: createNodeRedisClient(client),
      prefix: `${this.prefix}bull`,
      concurrency,
      // A worker killed mid-refresh loses its lock; the job is retried by another after this long.
      lockDuration: 120_000,
    });
    this.worker.on("error", (err) => this.log.warn({ err: err.message }, "refresh worker error"));
  }

  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts("waiting", "active", "delayed");
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  /**
   * Lets refreshes in flight finish for `graceMs`, then leaves them: each writes in one transaction, so
   * none is half-stored, and BullMQ hands it to another worker when its lock expires. Without the bound,
   * a Redis outage kept BullMQ's close, and with it SIGTERM, waiting forever.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    const deadline = new Deadlines(graceMs, "refresh queue close");
    const graceful = (async () => {
      await this.worker?.close();
      await this.queue.close();
    })().catch(() => undefined);
    const finished = await deadline.run(graceful).then(() => true, () => false);
    deadline.close();
    if (!finished) {
      this.log.warn({ graceMs }, "refresh queue: closing without waiting any longer for Redis or the jobs in flight");
      void this.worker?.close(true).catch(() => undefined);
    }
    await Promise.all(this.clients.map((c) => closeRedis(c)));
  }
}
