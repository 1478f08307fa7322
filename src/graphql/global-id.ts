import { badInput } from "./errors";

export type NodeType = "Article" | "Person" | "Country" | "Event" | "Source";
const TYPES = new Set<NodeType>(["Article", "Person", "Country", "Event", "Source"]);

/** Relay global ids: base64url("Type:key"). */
export function toGlobalId(type: NodeType, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

/** "a" or "an" before a type name: "an Article id", "a Person id". */
export const indefinite = (word: string) => (/^[AEIOU]/i.test(word) ? "an" : "a");

export interface DecodedId { type: NodeType; key: string }

export function fromGlobalId(id: string, argument = "id"): DecodedId {
  const text = /^[A-Za-z0-9_-]+={0,2}$/.test(id) ? Buffer.from(id, "base64url").toString("utf8") : "";
  const sep = text.indexOf(":");
  const type = text.slice(0, sep) as NodeType;
  const key = text.slice(sep + 1);
  if (sep <= 0 || !TYPES.has(type) || !key) {
    throw badInput(argument, `"${id.slice(0, 80)}" is not a Khabar global id (expected an id returned by this API)`);
  }
  if (type !== "Country" && !/^\d{1,10}$/.test(key)) throw badInput(argument, `"${id.slice(0, 80)}" is not a valid ${type} id`);
  return { type, key };
}

/** Decodes an id that must be of `expected` type and returns its numeric key. */
export function numericIdOf(id: string, expected: NodeType, argument: string): number {
  const decoded = fromGlobalId(id, argument);
  if (decoded.type !== expected) throw badInput(argument, `expected ${indefinite(expected)} ${expected} id, got ${indefinite(decoded.type)} ${decoded.type} id`);
  return Number(decoded.key);
}
