export const HOUR = 3_600_000;

/** What index ends are rounded up to. */
export const INDEX_END_STEP = 6 * HOUR;

/**
 * The end an event's index rows (event_key.last_seen) carry: its last article's time rounded up to
 * the next 6-hour mark (UTC). A growing event then rewrites its few dozen index rows about four times
 * a day instead of with every article; a lookup reads the exact end from the event row only where the
 * rounding could matter (an index end within one step of the lookup's window start).
 */
export function indexedLastSeen(lastSeen: Date): Date {
  return new Date(Math.ceil(lastSeen.getTime() / INDEX_END_STEP) * INDEX_END_STEP);
}
