import { badInput } from "./errors";

/** Position in the (published_at DESC, id DESC) order; opaque to clients. */
export interface Keyset { at: Date; id: number }

export function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.at.toISOString()}|${k.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, argument = "after"): Keyset {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|(\d{1,10})$/.exec(text);
  const at = m ? new Date(m[1]) : undefined;
  if (!m || !at || Number.isNaN(at.getTime())) {
    throw badInput(argument, `"${cursor.slice(0, 80)}" is not a cursor returned by this API`);
  }
  return { at, id: Number(m[2]) };
}

/** Position in a (rank DESC, id ASC) order, for lists ranked by a count. */
export interface RankKeyset { rank: number; id: number }

export function encodeRankCursor(rank: number, id: number): string {
  return Buffer.from(`r|${rank}|${id}`, "utf8").toString("base64url");
}

export function decodeRankCursor(cursor: string, argument = "after"): RankKeyset {
  const text = /^[A-Za-z0-9_-]{1,100}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const m = /^r\|(\d{1,10})\|(\d{1,10})$/.exec(text);
  if (!m) throw badInput(argument, `"${cursor.slice(0, 80)}" is not a cursor returned by this API`);
  return { rank: Number(m[1]), id: Number(m[2]) };
}
