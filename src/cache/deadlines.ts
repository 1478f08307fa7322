/** A command that got no answer in time: the caller treats it as a failed command. */
export class DeadlineError extends Error {
  readonly code = "REDIS_DEADLINE";
}

interface Pending {
  at: number;
  settled: boolean;
  reject: (err: Error) => void;
}

/**
 * Bounds commands on one connection with a single sweeping timer. node-redis's own per-command
 * timeout arms `AbortSignal.timeout` for every command: a timer, a signal and a weak reference that
 * live the whole timeout (5 s) though the answer takes a millisecond. At a few thousand commands a
 * second those outlive every scavenge and fill the old generation; this keeps one small record per
 * command, dropped as soon as it settles.
 */
export class Deadlines {
  private queue: Pending[] = [];
  private head = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ms: number,
    private readonly what: string,
    private readonly clock: () => number = Date.now,
  ) {
    if (!Number.isFinite(ms) || ms <= 0) throw new Error(`cache.deadlines: expected a timeout in milliseconds above 0, got ${ms}`);
  }

  /** `command`'s answer, or a DeadlineError once `ms` have passed without one. */
  run<T>(command: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { at: this.clock() + this.ms, settled: false, reject };
      this.queue.push(entry);
      // Entries expire in the order they were added (one timeout for all), so the sweep stops at the first live one.
      this.timer ??= setInterval(() => this.sweep(), Math.max(5, Math.floor(this.ms / 4))).unref();
      command.then(
        (value) => {
          entry.settled = true;
          resolve(value);
        },
        (err: unknown) => {
          entry.settled = true;
          reject(err);
        },
      );
    });
  }

  /** Commands still waiting for an answer (for tests and metrics). */
  get waiting(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) if (!this.queue[i].settled) n++;
    return n;
  }

  private sweep(): void {
    const now = this.clock();
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head];
      if (!entry.settled && entry.at > now) break;
      if (!entry.settled) {
        entry.settled = true;
        entry.reject(new DeadlineError(`${this.what}: no answer within ${this.ms} ms`));
      }
      this.head++;
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      this.close();
    } else if (this.head > 1024) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
