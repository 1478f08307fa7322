import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { RefreshQueue } from "./queue";

/**
 * Every tick, sources whose next fetch is due are put on the queue. Any number of processes may
 * tick: the queue keeps one job per source.
 */
export class Scheduler {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly queue: RefreshQueue,
    private readonly log: Logger,
    private readonly everyMs = 15_000,
  ) {}

  async tick(now = new Date()): Promise<number> {
    const due: { id: number }[] = await this.db.query(
      `SELECT id FROM source WHERE active AND (next_fetch_at IS NULL OR next_fetch_at <= $1) ORDER BY next_fetch_at NULLS FIRST, id LIMIT 200`,
      [now]);
    for (const { id } of due) await this.queue.enqueue(id);
    return due.length;
  }

  start(): void {
    const run = () =>
      this.tick().catch((err) => this.log.warn({ err: String(err) }, "scheduler tick failed"));
    void run();
    this.timer = setInterval(run, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
