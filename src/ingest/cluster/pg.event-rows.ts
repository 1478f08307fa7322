import type { EventSnapshot } from "./types";

/** What the event row's jsonb `centroid` column holds beyond its own columns. */
export interface StoredState {
  summaries: EventSnapshot["summaries"];
  people: EventSnapshot["people"];
  countries: EventSnapshot["countries"];
  sourceIds: string[];
  keys: string[];
  centroid: EventSnapshot["centroid"];
}

export interface EventRow {
  id: number;
  titles: Record<string, string>;
  summary: string | null;
  startsAt: Date;
  endsAt: Date;
  countryCode: string | null;
  city: string | null;
  articleCount: number;
  duplicateCount: number;
  sourceCount: number;
  languages: string[];
  state: StoredState;
}

export const EVENT_COLS = `e.id, e.titles, e.summary, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.country_code AS "countryCode", e.city,
  e.article_count AS "articleCount", e.duplicate_count AS "duplicateCount", e.source_count AS "sourceCount", e.languages, e.centroid AS state`;

/**
 * Live events of some ids ($1 int[]) given the versions the caller holds of them ($2 bigint[], null
 * for none): every row's version, and its content only where that version moved (`fresh` false).
 */
export const VERSIONED_EVENTS = `SELECT e.id, e.version::text AS version, e.version IS NOT DISTINCT FROM c.v AS fresh,
  CASE WHEN e.version IS DISTINCT FROM c.v THEN e.titles END AS titles, CASE WHEN e.version IS DISTINCT FROM c.v THEN e.summary END AS summary,
  e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.country_code AS "countryCode", e.city,
  e.article_count AS "articleCount", e.duplicate_count AS "duplicateCount", e.source_count AS "sourceCount", e.languages,
  CASE WHEN e.version IS DISTINCT FROM c.v THEN e.centroid END AS state
  FROM unnest($1::int[], $2::bigint[]) AS c(id, v) JOIN event e ON e.id = c.id WHERE e.merged_into_id IS NULL`;

export type VersionedEventRow = EventRow & { version: string; fresh: boolean };

export function toSnapshot(r: EventRow): EventSnapshot {
  const s = r.state;
  return {
    id: String(r.id),
    titles: r.titles,
    summaries: s.summaries ?? {},
    summary: r.summary ?? undefined,
    firstSeen: new Date(r.startsAt),
    lastSeen: new Date(r.endsAt),
    place: r.countryCode ? { country: r.countryCode, ...(r.city ? { city: r.city } : {}) } : undefined,
    people: s.people ?? [],
    countries: s.countries ?? [],
    articleCount: r.articleCount,
    duplicateCount: r.duplicateCount,
    sourceCount: r.sourceCount,
    sourceIds: s.sourceIds ?? [],
    languages: r.languages,
    keys: s.keys ?? [],
    centroid: s.centroid,
  };
}

export function storedState(e: EventSnapshot): StoredState {
  return { summaries: e.summaries, people: e.people, countries: e.countries, sourceIds: e.sourceIds, keys: e.keys, centroid: e.centroid };
}

/**
 * True when two snapshots would store the same `centroid` column. Parts a near-duplicate leaves alone
 * are the same objects, so this is mostly identity checks; anything else is compared by value.
 */
export function sameStoredState(a: EventSnapshot, b: EventSnapshot): boolean {
  return sameJson(storedState(a), storedState(b));
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameJson(x[k], y[k]));
}

/** Text the event search index folds: every title. */
export function searchText(e: EventSnapshot): string {
  return Object.values(e.titles).join(" ");
}
