export const HOUR = 3_600_000;

/**
 * The end an event's index rows (event_key.last_seen) carry: its last article's time rounded up to
 * the hour. A growing event then rewrites its few dozen index rows about once an hour instead of
 * with every article; a lookup reads the exact end from the event row only where the rounding
 * could matter (an index end within an hour of the lookup's window start).
 */
export function indexedLastSeen(lastSeen: Date): Date {
  return new Date(Math.ceil(lastSeen.getTime() / HOUR) * HOUR);
}
