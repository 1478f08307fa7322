import type { EntityManager } from "typeorm";
import type { EventSnapshot } from "./types";

/** Event rows' versions come back from node-postgres as strings (bigint). */
export type EventVersion = string;

interface Entry {
  version: EventVersion;
  snapshot: EventSnapshot;
}

/**
 * Event snapshots this process has read or written, each under the version the event row had
 * then (event.version, moved by a trigger on every change). Never trusted on its own: a reader
 * sends the versions it holds and uses a copy only when the row still has that version, so a
 * change by another worker, a repair or a rolled-back write is read afresh. Least recently used
 * entries go first once `capacity` is reached.
 */
export class EventCache {
  private readonly entries = new Map<number, Entry>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new Error(`cluster.EventCache: expected a whole capacity ≥ 0, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The copy held for an event, whatever its version: the caller checks the version against the row. */
  peek(id: number): Entry | undefined {
    return this.entries.get(id);
  }

  /** The copy of an event at exactly this version, marked as recently used; undefined otherwise. */
  get(id: number, version: EventVersion): EventSnapshot | undefined {
    const e = this.entries.get(id);
    if (!e || e.version !== version) return undefined;
    this.entries.delete(id);
    this.entries.set(id, e);
    return e.snapshot;
  }

  /** Snapshots are never changed once made (the clusterer builds new ones), so the cache keeps the object itself. */
  put(id: number, version: EventVersion, snapshot: EventSnapshot): void {
    this.entries.delete(id);
    if (this.capacity === 0) return;
    this.entries.set(id, { version, snapshot });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  drop(id: number): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Events held per process and database; enough for the candidates of a few days of news in one worker. */
export const EVENT_CACHE_CAPACITY = 2_000;

// One cache per database (a DataSource): a test process opens several, each with its own events.
const caches = new WeakMap<object, EventCache>();

export function eventCacheFor(em: EntityManager): EventCache {
  const key = em.connection;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new EventCache(EVENT_CACHE_CAPACITY)));
  return cache;
}
