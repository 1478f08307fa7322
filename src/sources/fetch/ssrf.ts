import { lookup as systemLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import type { LookupFunction as NetLookupFunction } from "node:net";
import { AllowList, blockedName, blockedReason, normaliseHost, parseIp } from "./address-policy";
import { FetchError, preview } from "./errors";
import type { LookupFunction } from "./types";

/** A request target the guard has accepted: the parsed URL plus whether its host bypasses the guard by name. */
export interface CheckedTarget {
  url: URL;
  host: string;
  hostAllowed: boolean;
}

/** Parses and vets a URL before any connection: scheme, credentials, literal IPs and metadata names. */
export function checkTarget(raw: string, allow: AllowList): CheckedTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError("BAD_URL", `fetch.ssrf: expected an absolute http(s) URL, got "${preview(raw)}"`, { url: raw });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError("BAD_URL", `fetch.ssrf: expected http: or https:, got ${url.protocol} in ${preview(raw)}`, { url: raw });
  }
  if (url.username !== "" || url.password !== "") {
    throw new FetchError("BAD_URL", `fetch.ssrf: credentials in URLs are refused, got user info in ${url.host}`, { url: raw });
  }
  url.hash = "";
  const host = normaliseHost(url.hostname);
  const hostAllowed = allow.allowsName(host);
  const refused = hostAllowed ? undefined : hostRefusal(host, allow);
  if (refused) throw blocked(url.href, refused.target, refused.reason);
  return { url, host, hostAllowed };
}

/** What the guard refuses before any lookup, and why: a literal address outside the allow-list, or a metadata name. */
export interface HostRefusal { target: string; reason: string }

/** The refusal of a host (as a URL's hostname gives it) that no lookup can lift, or undefined when it may be tried. */
export function hostRefusal(hostname: string, allow: AllowList): HostRefusal | undefined {
  const host = normaliseHost(hostname);
  if (allow.allowsName(host)) return undefined;
  const ip = parseIp(host);
  if (ip) {
    const reason = allow.allowsAddress(ip) ? undefined : blockedReason(ip);
    return reason ? { target: ip.toString(), reason } : undefined;
  }
  const reason = blockedName(host);
  return reason ? { target: host, reason } : undefined;
}

function blocked(url: string, target: string, reason: string): FetchError {
  return new FetchError("BLOCKED_ADDRESS", `fetch.ssrf: refusing to connect to ${target} (${reason}) for ${url}`, { url });
}

/**
 * Wraps a resolver so every address the socket is about to use is vetted at connect time:
 * the answer that is checked is the answer that is connected to, so DNS rebinding cannot slip past.
 */
export function guardedLookup(base: LookupFunction | undefined, allow: AllowList, target: CheckedTarget): NetLookupFunction {
  type AllCallback = (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
  const resolve = (base ?? systemLookup) as (host: string, options: LookupAllOptions, cb: AllCallback) => void;
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = Array.isArray(addresses) ? addresses : [];
      const usable = target.hostAllowed ? list : list.filter((a) => vetAddress(a.address, allow) === undefined);
      if (usable.length === 0) {
        const answers = list.map((a) => `${a.address} (${vetAddress(a.address, allow)})`).join(", ") || "no address";
        const url = target.url.href;
        const error = new FetchError("BLOCKED_ADDRESS", `fetch.ssrf: refusing to connect to ${hostname} resolved to ${answers} for ${url}`, { url });
        return callback(error as NodeJS.ErrnoException, "", 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0].address, usable[0].family);
    });
  };
}

/** Reason a resolved address is refused, or undefined when it may be connected to. */
export function vetAddress(address: string, allow: AllowList): string | undefined {
  const ip = parseIp(address);
  if (!ip) return "unparseable address";
  if (allow.allowsAddress(ip)) return undefined;
  return blockedReason(ip);
}
