import type { EntityManager } from "typeorm";
import { eventCacheFor, type EventCache } from "./event.cache";
import { INDEX_END_STEP, indexedLastSeen } from "./key-span";
import { VERSIONED_EVENTS, sameStoredState, toSnapshot, type VersionedEventRow } from "./pg.event-rows";
import { flushEvents, type EventWrites } from "./pg.batch.flush";
import type { CandidateQuery, EventSnapshot, EventStore } from "./types";

interface Posting { eventId: number; firstSeen: number; lastSeen: number }

/** Index rows of one event as PREFETCH_POSTINGS reads them: its span (epoch ms) and the 1-based positions of their keys in the keys asked for. */
interface PostingRow { id: number; f: number; l: number; ks: string }

/**
 * Index rows of some keys ($1 text[]) meeting a window [$2, $3], one row per event (an event's rows
 * share its span): a few hundred rows a batch instead of thousands, times as numbers. The end is the
 * event's own where its index end (rounded up to a 6-hour mark) lies before $4, and the index end after.
 */
const PREFETCH_POSTINGS = `SELECT p.id, date_part('epoch', p.f) * 1000 AS f, date_part('epoch', coalesce(e.ends_at, p.l)) * 1000 AS l, p.ks
  FROM (SELECT x.event_id AS id, x.first_seen AS f, x.last_seen AS l, string_agg(array_position($1::text[], x.key)::text, ',') AS ks
    FROM event_key x WHERE x.key = ANY($1::text[]) AND x.last_seen >= $2 AND x.first_seen <= $3 GROUP BY x.event_id, x.first_seen, x.last_seen) p
  -- A primary-key probe only for those few events (OFFSET 0 keeps it a probe).
  LEFT JOIN LATERAL (SELECT e.ends_at FROM event e WHERE e.id = p.id AND p.l < $4 OFFSET 0) e ON true`;

export interface ArticleEventRow { articleId: number; eventId: number }

/** The live event of each of some stored articles (int[]). */
export const ARTICLE_EVENTS = (ids: string) =>
  `SELECT DISTINCT ON (x.article_id) x.article_id AS "articleId", x.event_id AS "eventId"
   FROM article_event x JOIN event e ON e.id = x.event_id
   WHERE x.article_id = ANY(${ids}::int[]) AND e.merged_into_id IS NULL ORDER BY x.article_id, x.event_id`;

export interface BatchFlush {
  /** Events absorbed during the batch, grouped under the live event that finally holds them. */
  absorbed: Map<number, number[]>;
  /** Event rows written (new, changed or absorbed). */
  events: number;
}

/**
 * An EventStore for clustering a batch of articles inside one transaction (under the cluster lock),
 * answering exactly as PgEventStore would if each article were stored and clustered one by one:
 * events touched by the batch are served from memory, the rest from index rows read once per key
 * (`prefetch`) and snapshots read once per event. Nothing is written until `flush`, which writes
 * every touched event, its index keys, the article links and the merges in one statement.
 */
export class PgBatchEventStore implements EventStore {
  private readonly live = new Map<number, EventSnapshot>();
  /** Ids asked for that are not live events in the database. */
  private readonly missing = new Set<number>();
  /** Live events saved during the batch. */
  private readonly dirty = new Set<number>();
  private readonly absorbedInto = new Map<number, number>();
  /** Last saved state of events saved and then absorbed during the batch. */
  private readonly deadState = new Map<number, EventSnapshot>();
  private readonly postings = new Map<string, Posting[]>();
  /** Keys read along with the first key a lookup finds missing, so one statement serves every later miss. */
  private reserve = new Set<string>();
  /** What the postings cover: [from, to], and exact ends for every event whose index end is before `exactBelow`. */
  private window?: { from: number; to: number; exactBelow: number };
  /** Articles linked during the batch → their event. */
  private readonly links = new Map<number, number>();
  /** Stored articles → their live event before the batch (null: none). */
  private readonly storedLinks = new Map<number, number | null>();
  private readonly keySets = new WeakMap<EventSnapshot, Set<string>>();
  /** Events as read from the database, before the batch changed them. */
  private readonly loaded = new Map<number, EventSnapshot>();

  private readonly cache: EventCache;

  constructor(private readonly em: EntityManager, cache?: EventCache) {
    this.cache = cache ?? eventCacheFor(em);
  }

  /**
   * Reads the index rows of these keys over [from, to]: later lookups inside that window need no
   * statement. `reserve`: keys lookups might still ask for, read all at once on the first miss.
   * `latestFrom`: the latest window start a lookup will ask for (lookups starting later go to the database).
   */
  async prefetch(keys: Iterable<string>, from: Date, to: Date, reserve: Iterable<string> = [], latestFrom?: Date): Promise<void> {
    // Index ends are rounded up (INDEX_END_STEP): exact ends are read for events ending within one step of any lookup's start.
    this.window = { from: from.getTime(), to: to.getTime(), exactBelow: (latestFrom ?? to).getTime() + INDEX_END_STEP };
    this.postings.clear();
    await this.loadPostings([...new Set(keys)]);
    this.reserve = new Set(reserve);
  }

  /** Reads the events of stored articles (originals of near-duplicates) in one statement. */
  async prefetchArticles(articleIds: Iterable<number>): Promise<void> {
    const want = this.unknownArticles(articleIds);
    if (want.length === 0) return;
    const rows: ArticleEventRow[] = await this.em.query(ARTICLE_EVENTS("$1"), [want]);
    await this.load(this.knownArticles(want, rows));
  }

  /** Stored articles whose event the store has not read yet. */
  unknownArticles(articleIds: Iterable<number>): number[] {
    return [...new Set(articleIds)].filter((id) => !this.storedLinks.has(id) && !this.links.has(id));
  }

  /** Records the events of stored articles read by the caller (ARTICLE_EVENTS over `articleIds`); returns those events' ids, to load. */
  knownArticles(articleIds: readonly number[], rows: readonly ArticleEventRow[]): number[] {
    for (const id of articleIds) this.storedLinks.set(id, null);
    for (const r of rows) this.storedLinks.set(r.articleId, r.eventId);
    return rows.map((r) => r.eventId);
  }

  /** Reads, in one statement, the snapshots these lookups would return if asked now (and the events `also` names). */
  async preload(queries: CandidateQuery[], also: Iterable<number> = []): Promise<void> {
    const ids = new Set<number>(also);
    for (const q of queries) {
      const keys = queryKeys(q);
      if (keys.length === 0 || !this.covers(q)) continue;
      await this.loadPostings(keys);
      for (const [id] of this.rank(keys, q)) ids.add(id);
    }
    await this.load([...ids]);
  }

  async candidates(q: CandidateQuery): Promise<EventSnapshot[]> {
    const keys = queryKeys(q);
    if (keys.length === 0) return [];
    let ranked: [number, number][];
    if (this.covers(q)) {
      await this.loadPostings(keys);
      ranked = this.rank(keys, q);
    } else {
      ranked = await this.rankFromDatabase(keys, q);
    }
    await this.load(ranked.map(([id]) => id));
    return ranked.flatMap(([id]) => this.live.get(id) ?? []);
  }

  async get(id: string): Promise<EventSnapshot | undefined> {
    const n = Number(id);
    if (this.absorbedInto.has(n)) return undefined;
    await this.load([n]);
    return this.live.get(n);
  }

  async save(e: EventSnapshot): Promise<void> {
    const id = Number(e.id);
    this.live.set(id, e);
    this.dirty.add(id);
    this.missing.delete(id);
  }

  async merge(into: string, from: string): Promise<void> {
    const [t, f] = [Number(into), Number(from)];
    const last = this.live.get(f);
    if (last && this.dirty.has(f)) this.deadState.set(f, last);
    this.live.delete(f);
    this.dirty.delete(f);
    this.absorbedInto.set(f, t);
    for (const [articleId, eventId] of this.links) if (eventId === f) this.links.set(articleId, t);
  }

  async eventOfArticle(articleId: string): Promise<string | undefined> {
    const a = Number(articleId);
    let eventId = this.links.get(a);
    if (eventId === undefined) {
      await this.prefetchArticles([a]);
      eventId = this.storedLinks.get(a) ?? undefined;
    }
    return eventId === undefined ? undefined : String(this.survivor(eventId));
  }

  async linkArticle(articleId: string, eventId: string): Promise<void> {
    this.links.set(Number(articleId), Number(eventId));
  }

  /** Writes everything the batch changed (and `stats`, the batch's document frequency increments, in the same statement); the store is spent afterwards. */
  async flush(stats?: EventWrites["stats"]): Promise<BatchFlush> {
    const absorbed = new Map<number, number[]>();
    for (const id of this.absorbedInto.keys()) {
      const to = this.survivor(id);
      absorbed.set(to, [...(absorbed.get(to) ?? []), id]);
    }
    // An event only near-duplicates joined keeps its stored centroid: its row is written without it.
    const [changed, settled] = partition([...this.dirty], (id) => {
      const before = this.loaded.get(id);
      return !before || !sameStoredState(before, this.live.get(id)!);
    });
    const flushed = await flushEvents(this.em, {
      live: changed.map((id) => this.live.get(id)!),
      settled: settled.map((id) => this.live.get(id)!),
      keysKept: new Set([...this.dirty].filter((id) => this.keepsIndexRows(id))),
      dead: [...this.absorbedInto.keys()].map((id) => ({ id, into: this.survivor(id), state: this.deadState.get(id) })),
      links: [...this.links].map(([articleId, eventId]) => ({ articleId, eventId: this.survivor(eventId) })),
      stats,
    });
    // Held as written: if this transaction rolls back, the row keeps its old version and the copy is never used.
    for (const id of this.dirty) {
      const version = flushed.versions.get(id);
      if (version === undefined) this.cache.drop(id);
      else this.cache.put(id, version, this.live.get(id)!);
    }
    for (const id of this.absorbedInto.keys()) this.cache.drop(id);
    return { absorbed, events: flushed.rows };
  }

  /** True when a loaded event's index rows already hold what the batch would write: the same keys and span. */
  private keepsIndexRows(id: number): boolean {
    const before = this.loaded.get(id);
    const now = this.live.get(id)!;
    return !!before && before.firstSeen.getTime() === now.firstSeen.getTime()
      && indexedLastSeen(before.lastSeen).getTime() === indexedLastSeen(now.lastSeen).getTime() && sameKeySet(before.keys, now.keys);
  }

  /** The live event an event id now stands for, through merges made during the batch. */
  survivor(id: number): number {
    let at = id;
    for (let next = this.absorbedInto.get(at); next !== undefined; next = this.absorbedInto.get(at)) at = next;
    return at;
  }

  private covers(q: CandidateQuery): boolean {
    const w = this.window;
    return !!w && q.from.getTime() >= w.from && q.to.getTime() <= w.to && q.from.getTime() + INDEX_END_STEP <= w.exactBelow;
  }

  private touched(id: number): boolean {
    return this.dirty.has(id) || this.absorbedInto.has(id);
  }

  /** Key overlap per event, best first (then the newest id), as the SQL store orders them; at most `limit`. */
  private rank(keys: string[], q: CandidateQuery): [number, number][] {
    const [from, to] = [q.from.getTime(), q.to.getTime()];
    const overlap = new Map<number, number>();
    for (const key of keys) {
      for (const p of this.postings.get(key) ?? []) {
        if (p.lastSeen < from || p.firstSeen > to || this.touched(p.eventId)) continue;
        overlap.set(p.eventId, (overlap.get(p.eventId) ?? 0) + 1);
      }
    }
    return this.withTouched(overlap, keys, q);
  }

  /** For a window the prefetch does not cover: the same ranking, the untouched part asked of the database. */
  private async rankFromDatabase(keys: string[], q: CandidateQuery): Promise<[number, number][]> {
    const rows: { id: number; overlap: number }[] = await this.em.query(
      `SELECT c.id, c.overlap FROM (
         SELECT k.event_id AS id, count(*)::int AS overlap FROM event_key k
         WHERE k.key = ANY($1::text[]) AND k.last_seen >= $2 AND k.first_seen <= $3 AND k.event_id <> ALL($4::int[]) GROUP BY k.event_id
       ) c JOIN event e ON e.id = c.id WHERE e.ends_at >= $2 ORDER BY c.overlap DESC, c.id DESC LIMIT $5`,
      [keys, q.from, q.to, [...this.dirty, ...this.absorbedInto.keys()], q.limit]);
    return this.withTouched(new Map(rows.map((r) => [r.id, r.overlap])), keys, q);
  }

  private withTouched(overlap: Map<number, number>, keys: string[], q: CandidateQuery): [number, number][] {
    const [from, to] = [q.from.getTime(), q.to.getTime()];
    const wanted = new Set(keys);
    for (const id of this.dirty) {
      const e = this.live.get(id)!;
      if (e.lastSeen.getTime() < from || e.firstSeen.getTime() > to) continue;
      let keys = this.keySets.get(e);
      if (!keys) this.keySets.set(e, (keys = new Set(e.keys)));
      let n = 0;
      for (const k of keys) if (wanted.has(k)) n++;
      if (n > 0) overlap.set(id, n);
    }
    return [...overlap].sort((x, y) => y[1] - x[1] || y[0] - x[0]).slice(0, q.limit);
  }

  private async loadPostings(keys: string[]): Promise<void> {
    let want = keys.filter((k) => !this.postings.has(k));
    if (want.length === 0 || !this.window) return;
    if (this.reserve.size) want = [...new Set([...want, ...[...this.reserve].filter((k) => !this.postings.has(k))])];
    this.reserve.clear();
    const w = this.window;
    const rows: PostingRow[] = await this.em.query(PREFETCH_POSTINGS, [want, new Date(w.from), new Date(w.to), new Date(w.exactBelow)]);
    this.addPostings(want, rows);
  }

  private addPostings(keys: string[], rows: readonly PostingRow[]): void {
    const lists = keys.map((k) => {
      const list: Posting[] = [];
      this.postings.set(k, list);
      return list;
    });
    for (const r of rows) {
      const p: Posting = { eventId: r.id, firstSeen: Math.round(r.f), lastSeen: Math.round(r.l) };
      for (const n of r.ks.split(",")) lists[Number(n) - 1].push(p);
    }
  }

  /** Reads the events not in the batch yet: copies the process holds are checked by version and reused while current. */
  private async load(ids: number[]): Promise<void> {
    const want = [...new Set(ids)].filter((id) => !this.live.has(id) && !this.missing.has(id) && !this.touched(id));
    if (want.length === 0) return;
    const held = want.map((id) => this.cache.peek(id));
    const rows: VersionedEventRow[] = await this.em.query(VERSIONED_EVENTS, [want, held.map((h) => h?.version ?? null)]);
    for (const id of want) this.missing.add(id);
    const heldById = new Map(want.map((id, i) => [id, held[i]]));
    for (const r of rows) {
      this.missing.delete(r.id);
      const copy = r.fresh ? heldById.get(r.id) : undefined;
      const snapshot = copy?.version === r.version ? copy.snapshot : toSnapshot(r);
      this.cache.put(r.id, r.version, snapshot);
      this.live.set(r.id, snapshot);
      this.loaded.set(r.id, snapshot);
    }
  }
}

function sameKeySet(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((k) => y.has(k));
}

function partition<T>(xs: T[], test: (x: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const x of xs) (test(x) ? yes : no).push(x);
  return [yes, no];
}

function queryKeys(q: CandidateQuery): string[] {
  return [...new Set([...q.entityKeys, ...q.termKeys])];
}
