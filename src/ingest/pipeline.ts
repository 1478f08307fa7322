import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Cache } from "../cache";
import { sqlState } from "../db/sql-state";
import type { Fetcher } from "../sources/fetch";
import type { Analysed } from "./analyse";
import type { Analyser } from "./analyser";
import type { EntityMatcher } from "./entities";
import type { IngestEvent, Publish } from "./ingest-events";
import type { PeopleLinker } from "./link/people.linker";
import { persistArticles } from "./persist";
import { readDocument, readSource, type SourceRead, type SourceRef } from "./read-source";
import { recordFailure, recordSuccess, type SourceState } from "./source-health";
import { fillTeasers, type ReadItem } from "./teasers";

export interface IngestDeps {
  db: DataSource;
  fetch: Fetcher;
  /** The event loop's matcher, when analysis runs there (ANALYSE_THREADS=0). */
  matcher?: EntityMatcher;
  /** Where pages are extracted and items normalised and analysed: analysis threads, or the event loop with `matcher`. */
  analyser: Analyser;
  linker: PeopleLinker;
  countryCodes: ReadonlySet<string>;
  publish: Publish;
  cache: Cache;
  clock: () => Date;
  log: Logger;
  /** Environment for API sources' credentials (mapping files name the variable). */
  env: Record<string, string | undefined>;
  /** The operator's API mapping directory (API_MAPPINGS_DIR), searched before the bundled mappings. */
  apiMappingsDir?: string;
  clusterWindowHours: number;
}

export interface RefreshReport {
  sourceId: number;
  ok: boolean;
  notModified: boolean;
  itemsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: string[];
  error?: string;
  nextFetchAt: Date;
}

type SourceRow = SourceRef & SourceState & { name: string; language: string | null };

async function loadSource(db: DataSource, id: number): Promise<SourceRow | undefined> {
  const rows: SourceRow[] = await db.query(
    `SELECT id, url, kind, name, language, etag, last_modified AS "lastModified", settings, interval_seconds AS "intervalSeconds",
       consecutive_errors AS "consecutiveErrors" FROM source WHERE id = $1`, [id]);
  return rows[0];
}

/**
 * One source refresh, top to bottom: fetch (conditional GET) → parse → fill teasers → normalise →
 * extract entities → link → store → dedup → cluster, all writes in one transaction → publish.
 * A failure at any step is recorded on the source and reschedules it; nothing partial is stored.
 */
export async function refreshSource(deps: IngestDeps, sourceId: number, onProgress?: Progress): Promise<RefreshReport> {
  const source = await loadSource(deps.db, sourceId);
  if (!source) throw new Error(`pipeline: no source with id ${sourceId}`);
  return runRefresh(deps, source, () => readSource(deps.fetch, source, deps.env, deps.apiMappingsDir, deps.analyser.extract), onProgress);
}

/** The same flow for a document already in hand (`khabar ingest <file>`): no fetch, same writes. */
export async function ingestDocument(deps: IngestDeps, sourceId: number, text: string, url: string, onProgress?: Progress): Promise<RefreshReport> {
  const source = await loadSource(deps.db, sourceId);
  if (!source) throw new Error(`pipeline: no source with id ${sourceId}`);
  return runRefresh(deps, source, () => readDocument(text, url, undefined, null, deps.analyser.extract), onProgress);
}

export type Progress = (done: number, total: number) => void;

async function runRefresh(deps: IngestDeps, source: SourceRow, read: () => Promise<SourceRead>, onProgress?: Progress): Promise<RefreshReport> {
  const now = deps.clock();
  const report: RefreshReport = { sourceId: source.id, ok: false, notModified: false, itemsRead: 0, created: 0, updated: 0, unchanged: 0, problems: [], nextFetchAt: now };
  try {
    const got = await read();
    if (got.notModified) {
      report.ok = report.notModified = true;
      report.nextFetchAt = await recordSuccess(deps.db, source, { now, newItems: 0, itemDates: [], itemsRead: 0, maxAgeSeconds: got.response.maxAgeSeconds });
      return report;
    }
    report.problems.push(...got.problems);
    const items: ReadItem[] = got.fromPage || source.settings.fetchFullText === false ? got.items : await fillTeasers(deps, source.id, got.items, report.problems);
    const ctx = { sourceUrl: got.response?.url ?? source.url, sourceLanguage: source.language ?? got.feed.language, fetchedAt: now };
    const analysed = await deps.analyser.analyse({ items, ctx, fromPage: got.fromPage });
    const events = await store(deps, source.id, analysed, report, onProgress);
    report.itemsRead = items.length;
    report.ok = true;
    report.nextFetchAt = await recordSuccess(deps.db, source, {
      now,
      newItems: report.created,
      itemDates: analysed.map((a) => a.draft.publishedAt),
      itemsRead: items.length,
      etag: got.response?.etag,
      lastModified: got.response?.lastModified,
      maxAgeSeconds: got.response?.maxAgeSeconds,
      ttlMinutes: got.feed.ttlMinutes,
      skipHours: got.feed.skipHours,
      skipDays: got.feed.skipDays,
      kind: got.kind,
      name: got.feed.title,
      siteUrl: got.feed.link,
      language: got.feed.language,
    });
    if (report.created + report.updated > 0) await announce(deps, events);
  } catch (err) {
    const failure = await recordFailure(deps.db, source, err, now);
    report.error = failure.message;
    report.nextFetchAt = failure.nextFetchAt;
    deps.log.warn({ sourceId: source.id, url: source.url, err: failure.message }, "refresh failed");
  }
  return report;
}

// deadlock_detected: PostgreSQL broke a lock cycle (say, an analyst's merge against refreshes naming the same person) by rolling this refresh back whole.
const REPLAYED = "40P01";
const STORE_ATTEMPTS = 3;

/** Every write of the refresh in one transaction, as one batch: a crash mid-refresh leaves no partial article; a deadlock victim runs again. */
async function store(deps: IngestDeps, sourceId: number, analysed: Analysed[], report: RefreshReport, onProgress?: Progress): Promise<IngestEvent[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcomes = await deps.db.transaction((em) =>
        persistArticles(em, sourceId, analysed, { linker: deps.linker, countryCodes: deps.countryCodes, windowHours: deps.clusterWindowHours }, onProgress));
      for (const r of outcomes) report[r.outcome] += 1;
      return outcomes.flatMap((r) => r.events);
    } catch (err) {
      if (attempt >= STORE_ATTEMPTS || sqlState(err) !== REPLAYED) throw err;
      deps.log.info({ sourceId, attempt }, "refresh was a deadlock victim; writing it again");
    }
  }
}

/** After commit: caches go stale together, subscribers hear about new articles. */
async function announce(deps: IngestDeps, events: IngestEvent[]): Promise<void> {
  await deps.cache.bumpGeneration();
  for (const e of events) {
    await deps.publish(e).catch((err) => deps.log.warn({ err: String(err) }, "publish failed"));
  }
}
