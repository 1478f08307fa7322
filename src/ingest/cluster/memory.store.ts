import { ClusterError } from "./errors";
import type { CandidateQuery, EntityStats, EventSnapshot, EventStore } from "./types";

const DAY = 86_400_000;

function dayOf(d: Date): number {
  return Math.floor(d.getTime() / DAY);
}

/**
 * Reference EventStore for tests, the eval and the bench. Like the SQL version it answers
 * `candidates` from an index — key → day → event ids — so the cost depends on the keys and
 * days asked for, not on how many events exist. An event is indexed under every day its span covers.
 */
export class InMemoryEventStore implements EventStore {
  private readonly events = new Map<string, EventSnapshot>();
  private readonly index = new Map<string, Map<number, Set<string>>>();
  private readonly indexed = new Map<string, { keys: string[]; days: number[] }>();
  private readonly articleEvent = new Map<string, string>();
  private readonly eventArticles = new Map<string, Set<string>>();
  /** Events examined by the last `candidates` call (for the bench). */
  lastExamined = 0;

  async candidates(q: CandidateQuery): Promise<EventSnapshot[]> {
    const hits = new Map<string, number>();
    const days: number[] = [];
    for (let d = dayOf(q.from); d <= dayOf(q.to); d++) days.push(d);
    for (const key of new Set([...q.entityKeys, ...q.termKeys])) {
      const byDay = this.index.get(key);
      if (!byDay) continue;
      const seen = new Set<string>();
      for (const d of days) {
        for (const id of byDay.get(d) ?? []) {
          if (seen.has(id)) continue;
          seen.add(id);
          hits.set(id, (hits.get(id) ?? 0) + 1);
        }
      }
    }
    this.lastExamined = hits.size;
    const from = q.from.getTime();
    const to = q.to.getTime();
    return [...hits.entries()]
      .map(([id, n]) => ({ e: this.events.get(id), n }))
      .filter((x): x is { e: EventSnapshot; n: number } => !!x.e && x.e.lastSeen.getTime() >= from && x.e.firstSeen.getTime() <= to)
      .sort((x, y) => y.n - x.n || y.e.lastSeen.getTime() - x.e.lastSeen.getTime() || (x.e.id < y.e.id ? -1 : 1))
      .slice(0, q.limit)
      .map((x) => x.e);
  }

  async get(id: string): Promise<EventSnapshot | undefined> {
    return this.events.get(id);
  }

  async save(e: EventSnapshot): Promise<void> {
    this.events.set(e.id, e);
    const days: number[] = [];
    for (let d = dayOf(e.firstSeen); d <= dayOf(e.lastSeen); d++) days.push(d);
    const old = this.indexed.get(e.id) ?? { keys: [], days: [] };
    const keys = new Set(e.keys);
    const oldKeys = new Set(old.keys);
    const oldDays = new Set(old.days);
    // Only the difference is re-indexed: most saves add an article without changing keys or days.
    for (const key of old.keys) if (!keys.has(key)) this.removePostings(e.id, key, old.days);
    for (const key of keys) {
      const newDays = oldKeys.has(key) ? days.filter((d) => !oldDays.has(d)) : days;
      if (newDays.length > 0) this.addPostings(e.id, key, newDays);
    }
    this.indexed.set(e.id, { keys: [...keys], days });
  }

  async merge(into: string, from: string): Promise<void> {
    if (!this.events.has(into)) {
      throw new ClusterError("CLUSTER_STORE_INCONSISTENT", `cluster.memory.store: merge into unknown event ${into}`);
    }
    for (const articleId of [...(this.eventArticles.get(from) ?? [])]) await this.linkArticle(articleId, into);
    this.eventArticles.delete(from);
    this.unindex(from);
    this.events.delete(from);
  }

  async eventOfArticle(articleId: string): Promise<string | undefined> {
    return this.articleEvent.get(articleId);
  }

  async linkArticle(articleId: string, eventId: string): Promise<void> {
    const previous = this.articleEvent.get(articleId);
    if (previous !== undefined) this.eventArticles.get(previous)?.delete(articleId);
    this.articleEvent.set(articleId, eventId);
    let set = this.eventArticles.get(eventId);
    if (!set) this.eventArticles.set(eventId, (set = new Set()));
    set.add(articleId);
  }

  /** All live events, for evaluation. */
  all(): EventSnapshot[] {
    return [...this.events.values()];
  }

  articlesOf(eventId: string): string[] {
    return [...(this.eventArticles.get(eventId) ?? [])];
  }

  private unindex(id: string): void {
    const old = this.indexed.get(id);
    if (!old) return;
    for (const key of old.keys) this.removePostings(id, key, old.days);
    this.indexed.delete(id);
  }

  private addPostings(id: string, key: string, days: number[]): void {
    let byDay = this.index.get(key);
    if (!byDay) this.index.set(key, (byDay = new Map()));
    for (const d of days) {
      let ids = byDay.get(d);
      if (!ids) byDay.set(d, (ids = new Set()));
      ids.add(id);
    }
  }

  private removePostings(id: string, key: string, days: number[]): void {
    const byDay = this.index.get(key);
    if (!byDay) return;
    for (const d of days) {
      const ids = byDay.get(d);
      ids?.delete(id);
      if (ids && ids.size === 0) byDay.delete(d);
    }
    if (byDay.size === 0) this.index.delete(key);
  }
}

/** Document frequencies kept in memory; the lead keeps the same counts in a table. */
export class InMemoryEntityStats implements EntityStats {
  private readonly df = new Map<string, number>();
  private total = 0;

  /** Counts one article: each distinct key once. */
  observe(keys: Iterable<string>): void {
    this.total += 1;
    for (const k of new Set(keys)) this.df.set(k, (this.df.get(k) ?? 0) + 1);
  }

  documentFrequency(key: string): number {
    return this.df.get(key) ?? 0;
  }

  totalDocuments(): number {
    return this.total;
  }
}
