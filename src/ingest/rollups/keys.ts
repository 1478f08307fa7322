import { countryKey, personKey } from "../cluster/features";

/** Entity kinds the rollups count; the key prefix names the kind (the clusterer's `p:`/`c:` keys plus `e:`). */
export type EntityKindCode = "p" | "c" | "e";

export const eventKey = (id: number | string): string => `e:${id}`;
export { countryKey, personKey };

export interface ParsedKey { kind: EntityKindCode; id: string }

/** `p:12` → { kind: "p", id: "12" }; undefined for anything that is not a rollup key. */
export function parseEntityKey(key: string): ParsedKey | undefined {
  const m = /^([pce]):(.+)$/.exec(key);
  if (!m) return undefined;
  const [, kind, id] = m;
  if (kind === "c" ? !/^[A-Z]{2}$/.test(id) : !/^\d{1,10}$/.test(id)) return undefined;
  return { kind: kind as EntityKindCode, id };
}

/** A pair in its stored order: a < b in byte order (both keys are ASCII, so `<` matches COLLATE "C"). */
export function canonicalPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}
