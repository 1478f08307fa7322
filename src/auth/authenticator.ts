import type { Logger } from "pino";
import type { Cache } from "../cache";
import type { Config } from "../config/config";
import { uncounted } from "../db/statement-counter";
import { parseApiKey, sameSecret, secretMatches } from "./api-key";
import type { Buckets } from "./bucket";
import { addressBucketKey } from "./budget";
import { AuthError, AuthThrottledError } from "./errors";
import type { ApiKeyRecord, KeyStore } from "./key.store";
import { ANONYMOUS, type Principal } from "./roles";

type CachedKey = Pick<ApiKeyRecord, "name" | "role" | "secretHash" | "budget" | "safelistOnly"> & { revokedAt: string | null };

/** Failed attempts per address: a burst of 10, then one every 10 s. */
const FAILURE_POLICY = { capacity: 10, refillPerSecond: 0.1 };
const TOUCH_EVERY_MS = 60_000;

export const keyCacheKey = (id: string) => `apikey:${id}`;

export interface AuthenticatorDeps {
  store: KeyStore;
  cache: Cache;
  buckets: Buckets;
  log: Logger;
  config: Pick<Config, "anonymousAccess" | "adminKey" | "apiKeyCacheSeconds">;
}

/** Turns a presented API key (or none) into a Principal, or refuses with AuthError. */
export class Authenticator {
  private readonly touched = new Map<string, number>();

  constructor(private readonly deps: AuthenticatorDeps) {}

  async authenticate(token: string | undefined, ip: string | undefined): Promise<Principal> {
    const { config } = this.deps;
    if (token === undefined) {
      if (config.anonymousAccess) return ANONYMOUS;
      throw new AuthError("auth: this gateway requires an API key (Authorization: Bearer <key> or x-api-key: <key>)", "missing");
    }
    if (config.adminKey && sameSecret(token, config.adminKey)) return { role: "admin", keyId: "admin-env", name: "ADMIN_KEY (development)" };
    const parsed = parseApiKey(token);
    if (!parsed) return this.fail(ip, new AuthError("auth: not a Khabar API key (expected khb_<id>_<secret>)", "malformed"));
    const record = await this.lookup(parsed.id, ip);
    // Unknown ids and wrong secrets get the same answer, so ids cannot be probed.
    if (!record || !secretMatches(parsed.secret, record.secretHash)) {
      return this.fail(ip, new AuthError(`auth: invalid API key khb_${parsed.id}_…`, "invalid"));
    }
    if (record.revokedAt) return this.fail(ip, new AuthError(`auth: API key khb_${parsed.id}_… was revoked at ${record.revokedAt}`, "revoked"));
    this.touch(parsed.id);
    return { role: record.role, keyId: parsed.id, name: record.name, budget: record.budget, safelistOnly: record.safelistOnly };
  }

  private async lookup(id: string, ip: string | undefined): Promise<CachedKey | undefined> {
    const { cache, store, config, buckets } = this.deps;
    const hit = await cache.get(keyCacheKey(id));
    if (hit !== undefined) return (JSON.parse(hit) as { key?: CachedKey }).key;
    // Only uncached lookups reach the database; an address that keeps failing is stopped first.
    const peek = await buckets.take(failureKey(ip), 0, FAILURE_POLICY);
    if (peek.remaining < 1) throw new AuthThrottledError(Math.ceil((1 - peek.remaining) / FAILURE_POLICY.refillPerSecond));
    const row = await store.find(id);
    const key: CachedKey | undefined = row && {
      name: row.name, role: row.role, secretHash: row.secretHash, budget: row.budget, safelistOnly: row.safelistOnly,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
    if (config.apiKeyCacheSeconds > 0) await cache.set(keyCacheKey(id), JSON.stringify({ key }), config.apiKeyCacheSeconds);
    return key;
  }

  private async fail(ip: string | undefined, error: AuthError): Promise<never> {
    const state = await this.deps.buckets.take(failureKey(ip), 1, FAILURE_POLICY);
    if (!state.allowed) throw new AuthThrottledError(Math.ceil(state.retryAfterMs / 1000));
    throw error;
  }

  /** Records last use at most once a minute per key, off the request's statement count. */
  private touch(id: string) {
    const now = Date.now();
    if (now - (this.touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    uncounted(() => {
      this.deps.store.touch(id, new Date(now)).catch((err: Error) => this.deps.log.warn({ err: err.message, keyId: id }, "auth: could not record last use"));
    });
  }
}

const failureKey = (ip: string | undefined) => `authfail:${addressBucketKey(ip)}`;
