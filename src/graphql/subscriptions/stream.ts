import type { IngestEvent } from "../../ingest/ingest-events";
import type { Listener } from "./hub";

/** Close code of a WebSocket dropped for not reading its events (4000–4999 is for applications). */
export const SLOW_CONSUMER_CODE = 4008;

export interface GuardedSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  close(code: number, reason: string): void;
  terminate(): void;
}

export interface GuardLimits {
  /** Undelivered events the socket's subscriptions may hold together. */
  queueLimit: number;
  /** Bytes ws may hold unsent for the socket. */
  maxBufferedBytes: number;
}

/**
 * Bounds what one WebSocket may keep waiting: its subscriptions' queued events together, and the
 * bytes ws has not managed to send. A consumer over either limit is closed, not buffered for.
 */
export class SocketGuard {
  private pending = 0;
  private dropped = false;
  private readonly streams = new Set<() => void>();

  constructor(
    private readonly socket: GuardedSocket,
    private readonly limits: GuardLimits,
    private readonly onDrop: (reason: string) => void = () => {},
  ) {}

  /** Accounts one more queued event; false when the socket is (now) dropped. */
  admit(): boolean {
    if (this.dropped) return false;
    this.pending += 1;
    if (this.pending > this.limits.queueLimit) return this.drop(`slow consumer: more than ${this.limits.queueLimit} undelivered events`);
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) return this.drop(`slow consumer: more than ${this.limits.maxBufferedBytes} bytes unsent`);
    return true;
  }

  release(n = 1): void {
    this.pending = Math.max(0, this.pending - n);
  }

  /** Registers a stream to end when the socket is dropped; returns the unregistration. */
  track(finish: () => void): () => void {
    this.streams.add(finish);
    return () => this.streams.delete(finish);
  }

  get isDropped(): boolean {
    return this.dropped;
  }

  private drop(reason: string): false {
    this.dropped = true;
    this.onDrop(reason);
    // Its streams stop listening at once, not when the close handshake (stuck behind unsent data) ends.
    for (const finish of [...this.streams]) finish();
    this.socket.close(SLOW_CONSUMER_CODE, reason);
    // The close handshake waits behind the unsent data; a consumer that reads nothing never answers it.
    setTimeout(() => this.socket.terminate(), 2000).unref();
    return false;
  }
}

export interface EventSource {
  listen(fn: Listener): () => void;
}

/**
 * The events a subscription accepts, as an async iterator that queues what arrives between two
 * reads. Queued events are accounted to the socket's guard, which drops a consumer that lags.
 */
export function eventStream<E extends IngestEvent>(source: EventSource, guard: SocketGuard, accept: (e: IngestEvent) => e is E): AsyncIterableIterator<E> {
  const queue: E[] = [];
  let waiting: ((r: IteratorResult<E>) => void) | undefined;
  let done = false;

  const stop = source.listen((event) => {
    if (done || !accept(event)) return;
    if (waiting) {
      const deliver = waiting;
      waiting = undefined;
      deliver({ value: event, done: false });
    } else if (guard.admit()) {
      queue.push(event);
    }
  });

  const finish = () => {
    if (done) return;
    done = true;
    stop();
    untrack();
    guard.release(queue.length);
    queue.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
  };

  const untrack = guard.track(() => finish());
  if (guard.isDropped) finish();

  return {
    next() {
      const event = queue.shift();
      if (event !== undefined) {
        guard.release();
        return Promise.resolve({ value: event, done: false });
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err?: unknown) {
      finish();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
