import type { LookupAddress } from "node:dns";
import { isIP } from "node:net";
import type { LookupFunction } from "../../../../src/sources/fetch";

export interface FakeDns {
  lookup: LookupFunction;
  /** Host names asked for, in order. */
  calls: string[];
}

/** A resolver with a fixed table (name → addresses); unknown names fail with ENOTFOUND. `never` names never answer. */
export function fakeDns(table: Record<string, string[]>, never: string[] = []): FakeDns {
  const calls: string[] = [];
  const lookup = (hostname: string, options: unknown, callback?: unknown): void => {
    const cb = (typeof options === "function" ? options : callback) as (...args: unknown[]) => void;
    const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all === true;
    calls.push(hostname);
    if (never.includes(hostname)) return;
    const addresses = table[hostname];
    if (!addresses) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      process.nextTick(cb, error);
      return;
    }
    const list: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) }));
    if (all) process.nextTick(cb, null, list);
    else process.nextTick(cb, null, list[0].address, list[0].family);
  };
  return { lookup: lookup as unknown as LookupFunction, calls };
}
