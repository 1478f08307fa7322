import { BUCKET_LUA } from "../auth/bucket.redis";
import { luaScript } from "../auth/redis";

/**
 * The data generation and a response-cache entry in one step and, when the entry is current (its
 * header "<generation> <requested> <actual>\n" names this generation), the hit charged to a rate
 * bucket by the entry's actual cost, at least one point (as hitCharge) — a warm answer in one
 * round trip. KEYS: generation, entry, bucket (optional); ARGV: the bucket's capacity and refill
 * per second.
 */
const CHARGED_GET_LUA = `${BUCKET_LUA}
local gen = redis.call('GET', KEYS[1]) or '0'
local entry = redis.call('GET', KEYS[2])
if not entry then return { gen } end
local g, actual = string.match(entry, '^(%d+) [%d%.]+ ([%d%.]+)\\n')
if g == nil or tonumber(g) ~= tonumber(gen) or #KEYS < 3 then return { gen, entry } end
local state = take_bucket(KEYS[3], ARGV[1], ARGV[2], math.max(1, tonumber(actual)))
return { gen, entry, state[1], state[2], state[3] }
`;

export const CHARGED_GET = luaScript(CHARGED_GET_LUA);

/** A bucket to charge a current entry to. */
export interface HitCharge { bucketKey: string; capacity: number; refillPerSecond: number }

export interface ChargedGet {
  generation: number;
  value: string | undefined;
  /** How the bucket stood after the charge; absent when nothing was charged. */
  charged?: { allowed: boolean; tokens: number; now: number };
}

export function readChargedGet(reply: unknown[]): ChargedGet {
  const [gen, value, allowed, tokens, now] = reply as [string, string | null | undefined, number | undefined, string | undefined, string | undefined];
  const out: ChargedGet = { generation: Number(gen), value: value ?? undefined };
  if (allowed !== undefined) out.charged = { allowed: allowed === 1, tokens: Number(tokens), now: Number(now) };
  return out;
}
