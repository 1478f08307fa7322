import ipaddr from "ipaddr.js";
import type { Config, RatePolicy } from "../config/config";
import type { Principal } from "./roles";

/** What one client may spend: its bucket, where the bucket lives, and the largest single query. */
export interface Budget {
  bucketKey: string;
  policy: RatePolicy;
  maxCost: number;
}

/**
 * Anonymous clients are counted per address; an IPv6 client per /64, since one host
 * usually holds a whole /64 and could otherwise rotate through fresh buckets.
 */
export function addressBucketKey(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return "ip:unknown";
  let addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  if (addr.kind() === "ipv4") return `ip:${addr.toString()}`;
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `ip6:${parts.join(":")}::/64`;
}

export function budgetFor(principal: Principal, ip: string | undefined, config: Pick<Config, "rateLimits" | "maxCost">): Budget {
  const base = config.rateLimits[principal.role];
  const o = principal.budget ?? {};
  const policy = { capacity: o.capacity ?? base.capacity, refillPerSecond: o.refillPerSecond ?? base.refillPerSecond };
  // A query dearer than the whole bucket could never run, so the bucket also caps the query cost.
  const maxCost = Math.min(o.maxCost ?? config.maxCost, policy.capacity);
  return { bucketKey: principal.keyId ? `key:${principal.keyId}` : addressBucketKey(ip), policy, maxCost };
}
