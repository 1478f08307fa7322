import type { DataSource } from "typeorm";
import { isFetchError } from "../sources/fetch";
import { afterFailure, afterSuccess, type SuccessInput } from "./schedule/schedule.policy";

export interface SourceState {
  id: number;
  intervalSeconds: number;
  consecutiveErrors: number;
  settings: { intervalSeconds?: number };
}

export async function recordSuccess(
  db: DataSource,
  s: SourceState,
  r: Omit<SuccessInput, "currentIntervalS" | "fixedIntervalS"> & { itemsRead: number; etag?: string; lastModified?: string; kind?: string; name?: string; siteUrl?: string; language?: string },
): Promise<Date> {
  const { intervalS, nextFetchAt } = afterSuccess({ ...r, currentIntervalS: s.intervalSeconds, fixedIntervalS: s.settings.intervalSeconds });
  await db.query(
    `UPDATE source SET last_fetched_at = $2, last_success_at = $2, consecutive_errors = 0, next_fetch_at = $3, interval_seconds = $4,
       items_last_run = $5, etag = COALESCE($6, etag), last_modified = COALESCE($7, last_modified), kind = COALESCE($8, kind),
       name = CASE WHEN name = url AND $9::text IS NOT NULL THEN $9 ELSE name END, site_url = COALESCE(site_url, $10),
       language = COALESCE(language, $11), updated_at = now()
     WHERE id = $1`,
    [s.id, r.now, nextFetchAt, intervalS, r.itemsRead, r.etag ?? null, r.lastModified ?? null, r.kind ?? null, r.name ?? null, r.siteUrl ?? null, r.language ?? null]);
  return nextFetchAt;
}

/** Records the error on the source (never on articles) and backs its schedule off. */
export async function recordFailure(db: DataSource, s: SourceState, err: unknown, now: Date): Promise<{ message: string; nextFetchAt: Date }> {
  const consecutiveErrors = s.consecutiveErrors + 1;
  const retryAfterSeconds = isFetchError(err) ? err.retryAfterSeconds : undefined;
  const nextFetchAt = afterFailure({ now, currentIntervalS: s.intervalSeconds, consecutiveErrors, retryAfterSeconds });
  const code = (err as { code?: string })?.code;
  const message = `${code ? `${code}: ` : ""}${err instanceof Error ? err.message : String(err)}`.slice(0, 1000);
  await db.query(
    `UPDATE source SET last_fetched_at = $2, last_error = $3, last_error_at = $2, consecutive_errors = $4, next_fetch_at = $5, items_last_run = 0, updated_at = now()
     WHERE id = $1`,
    [s.id, now, message, consecutiveErrors, nextFetchAt]);
  return { message, nextFetchAt };
}
