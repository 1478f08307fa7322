import type { EntityManager } from "typeorm";
import { indexedLastSeen } from "./key-span";
import { searchText, storedState } from "./pg.event-rows";
import { STAT_INCREMENTS } from "./pg.stats";
import type { EventSnapshot } from "./types";

export interface EventWrites {
  /** Live events created or changed. */
  live: EventSnapshot[];
  /** Live events changed outside their stored state (`centroid` as read): written without it. */
  settled?: EventSnapshot[];
  /** Ids of live events whose index rows already hold their keys and span: none of those rows is rewritten. */
  keysKept?: ReadonlySet<number>;
  /** Events absorbed: `into` is the live event that finally holds them; `state` when the batch had saved them first. */
  dead: { id: number; into: number; state?: EventSnapshot }[];
  /** Article → event links made during the batch (to live events). */
  links: { articleId: number; eventId: number }[];
  /** Document frequency increments of the batch's articles (PgEntityStats.takePending), written in the same statement. */
  stats?: { keys: string[]; counts: number[] };
}

/** Columns an event row takes from its record as they are (name, record type); `search` is folded into search_text. */
const ROW_COLUMNS = [["titles", "jsonb"], ["summary", "text"], ["starts_at", "timestamptz"], ["ends_at", "timestamptz"], ["country_code", "text"],
  ["city", "text"], ["article_count", "int"], ["duplicate_count", "int"], ["source_count", "int"], ["languages", "text[]"]];
/** A whole row adds the stored state and where the event went. */
const WHOLE_COLUMNS = [...ROW_COLUMNS, ["centroid", "jsonb"], ["merged_into_id", "int"]];

const recordOf = (columns: string[][]) => `r(id int, ${columns.map(([c, t]) => `${c} ${t}`).join(", ")}, search text)`;
const names = (columns: string[][]) => columns.map(([c]) => c);

const UPSERT_EVENTS = `INSERT INTO event (id, ${names(WHOLE_COLUMNS).join(", ")}, search_text)
  SELECT r.id, ${names(WHOLE_COLUMNS).map((c) => `r.${c}`).join(", ")}, khabar_fold(r.search)
  FROM jsonb_to_recordset($1::jsonb) AS ${recordOf(WHOLE_COLUMNS)}
  ON CONFLICT (id) DO UPDATE SET ${[...names(WHOLE_COLUMNS), "search_text"].map((c) => `${c} = EXCLUDED.${c}`).join(", ")}, updated_at = now()
  RETURNING id, version::text AS version, merged_into_id IS NULL AS live`;

// The same columns but the centroid, which keeps its stored (TOASTed) value: no JSON to send, parse or compress again.
const UPDATE_SETTLED = (p: string) => `UPDATE event e SET ${names(ROW_COLUMNS).map((c) => `${c} = r.${c}`).join(", ")},
    search_text = khabar_fold(r.search), merged_into_id = NULL, updated_at = now()
  FROM jsonb_to_recordset(${p}::jsonb) AS ${recordOf(ROW_COLUMNS)} WHERE e.id = r.id
  RETURNING e.id, e.version::text AS version, true AS live`;

// Index rows: the live events' keys replace whatever their ids had (their end rounded up, INDEX_END_STEP); unchanged rows are left alone.
// Keys go as arrays ($3 keys, $4 their events) and each event's span once ($5 ids, $6 first, $7 last):
// a quarter of the bytes of one JSON record per key, and one timestamp parse per event instead of per key.
const KEYS = `
  kr AS (SELECT k.key, k.event_id, s.first_seen, s.last_seen FROM unnest($3::text[], $4::int[]) AS k(key, event_id)
    JOIN unnest($5::int[], $6::timestamptz[], $7::timestamptz[]) AS s(event_id, first_seen, last_seen) ON s.event_id = k.event_id),
  kd AS (DELETE FROM event_key k WHERE k.event_id = ANY($2::int[]) AND NOT EXISTS (
    SELECT 1 FROM kr WHERE kr.key = k.key AND kr.event_id = k.event_id)),
  ki AS (INSERT INTO event_key (key, event_id, first_seen, last_seen) SELECT key, event_id, first_seen, last_seen FROM kr
    ON CONFLICT (key, event_id) DO UPDATE SET first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen
    WHERE event_key.first_seen <> EXCLUDED.first_seen OR event_key.last_seen <> EXCLUDED.last_seen)`;

const LINKS = `
  ln AS (INSERT INTO article_event (article_id, event_id, count, salience, published_at)
    SELECT r.article_id, r.event_id, 1, 1, a.published_at FROM unnest($8::int[], $9::int[]) AS r(article_id, event_id)
    JOIN article a ON a.id = r.article_id
    ON CONFLICT (article_id, event_id) DO NOTHING)`;

// Absorbed events keep their row, pointing at the survivor, so ids handed out earlier still resolve;
// their stored articles move to the survivor, and so does anything merged into them before.
// Parameters: absorbed ids, their survivors, whether the batch left them unsaved; the id lists go through
// `= ANY` so the planner probes the event indexes instead of scanning article_event.
const MERGES = (from: string, into: string, clean: string) => `
  mv AS (INSERT INTO article_event (article_id, event_id, count, salience, published_at)
    SELECT DISTINCT ON (x.article_id, m.into_id) x.article_id, m.into_id, x.count, x.salience, x.published_at
    FROM article_event x JOIN unnest(${from}::int[], ${into}::int[]) AS m(from_id, into_id) ON x.event_id = m.from_id
    WHERE x.event_id = ANY(${from}::int[])
    ORDER BY x.article_id, m.into_id
    ON CONFLICT (article_id, event_id) DO NOTHING),
  md AS (DELETE FROM article_event x WHERE x.event_id = ANY(${from}::int[])),
  mx AS (UPDATE event e SET merged_into_id = m.into_id, updated_at = now()
    FROM unnest(${from}::int[], ${into}::int[], ${clean}::boolean[]) AS m(from_id, into_id, clean) WHERE e.id = m.from_id AND m.clean AND e.id = ANY(${from}::int[])),
  rp AS (UPDATE event e SET merged_into_id = m.into_id
    FROM unnest(${from}::int[], ${into}::int[]) AS m(from_id, into_id) WHERE e.merged_into_id = m.from_id AND e.merged_into_id = ANY(${from}::int[]))`;

function eventRecord(e: EventSnapshot, mergedInto: number | null) {
  return { ...settledRecord(e), centroid: storedState(e), merged_into_id: mergedInto };
}

function settledRecord(e: EventSnapshot) {
  return {
    id: Number(e.id),
    titles: e.titles,
    summary: e.summary ?? null,
    starts_at: e.firstSeen.toISOString(),
    ends_at: e.lastSeen.toISOString(),
    country_code: e.place?.country ?? null,
    city: e.place?.city ?? null,
    article_count: e.articleCount,
    duplicate_count: e.duplicateCount,
    source_count: e.sourceCount,
    languages: e.languages,
    search: searchText(e),
  };
}

/** KEYS' parameters $3–$7 for these events. */
function keyParams(events: readonly EventSnapshot[]): unknown[] {
  const keys: string[] = [];
  const keyEvents: number[] = [];
  for (const e of events) {
    for (const key of new Set(e.keys)) {
      keys.push(key);
      keyEvents.push(Number(e.id));
    }
  }
  return [keys, keyEvents, events.map((e) => Number(e.id)), events.map((e) => e.firstSeen.toISOString()), events.map((e) => indexedLastSeen(e.lastSeen).toISOString())];
}

export interface Flushed {
  /** Event rows written (new, changed or absorbed). */
  rows: number;
  /** The version each live event written now has. */
  versions: Map<number, string>;
}

/** Writes a batch's events, index keys, article links, merges and document frequencies in one statement. */
export async function flushEvents(em: EntityManager, w: EventWrites): Promise<Flushed> {
  const rows = [...w.live.map((e) => eventRecord(e, null)), ...w.dead.flatMap((d) => (d.state ? [eventRecord(d.state, d.into)] : []))];
  const settled = w.settled ?? [];
  const live = [...w.live, ...settled];
  const stats = w.stats?.keys.length ? w.stats : undefined;
  if (rows.length === 0 && settled.length === 0 && w.dead.length === 0 && w.links.length === 0) {
    if (stats) await em.query(`INSERT INTO entity_stat (key, df) ${STAT_INCREMENTS("$1", "$2")}`, [stats.keys, stats.counts]);
    return { rows: 0, versions: new Map() };
  }
  // Each upserted index row is locked even when nothing in it changes: events whose rows already match are left out.
  const rekeyed = w.keysKept?.size ? live.filter((e) => !w.keysKept!.has(Number(e.id))) : live;
  const touchedIds = [...rekeyed.map((e) => Number(e.id)), ...w.dead.map((d) => d.id)];
  const merges = w.dead.map((d) => ({ from: d.id, into: d.into, clean: !d.state }));
  const ctes = [`ev AS (${UPSERT_EVENTS})`, KEYS, LINKS];
  const params: unknown[] = [JSON.stringify(rows), touchedIds, ...keyParams(rekeyed), w.links.map((l) => l.articleId), w.links.map((l) => l.eventId)];
  let written = "SELECT id, version, live FROM ev";
  if (settled.length) {
    params.push(JSON.stringify(settled.map(settledRecord)));
    ctes.push(`sl AS (${UPDATE_SETTLED(`$${params.length}`)})`);
    written += " UNION ALL SELECT id, version, live FROM sl";
  }
  if (merges.length) {
    params.push(merges.map((m) => m.from), merges.map((m) => m.into), merges.map((m) => m.clean));
    ctes.push(MERGES(`$${params.length - 2}`, `$${params.length - 1}`, `$${params.length}`));
  }
  if (stats) {
    params.push(stats.keys, stats.counts);
    ctes.push(`st AS (INSERT INTO entity_stat (key, df) ${STAT_INCREMENTS(`$${params.length - 1}`, `$${params.length}`)})`);
  }
  const out: { id: number; version: string; live: boolean }[] = await em.query(`WITH ${ctes.join(",\n")} ${written}`, params);
  return {
    rows: rows.length + settled.length + merges.filter((m) => m.clean).length,
    versions: new Map(out.flatMap((r) => (r.live ? [[r.id, r.version]] : []))),
  };
}
