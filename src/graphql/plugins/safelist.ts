import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Cache } from "../../cache";

export interface RegisteredOperation {
  /** sha256 (hex) of `body`, as APQ clients compute it. */
  hash: string;
  body: string;
  operationName: string | null;
}

export const queryHash = (body: string) => createHash("sha256").update(body).digest("hex");

/** The persisted_query table: operations registered with `khabar queries register`. */
export class SafelistStore {
  constructor(private readonly db: DataSource) {}

  all(): Promise<RegisteredOperation[]> {
    return this.db.query(`SELECT hash, body, operation_name AS "operationName" FROM persisted_query ORDER BY created_at, hash`);
  }

  /** Registers operations; an operation already registered is kept as it is. Returns the new ones. */
  async register(ops: RegisteredOperation[]): Promise<string[]> {
    if (ops.length === 0) return [];
    const rows: { hash: string }[] = await this.db.query(
      `INSERT INTO persisted_query (hash, body, operation_name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (hash) DO NOTHING RETURNING hash`,
      [ops.map((o) => o.hash), ops.map((o) => o.body), ops.map((o) => o.operationName)],
    );
    return rows.map((r) => r.hash);
  }

  async remove(hash: string): Promise<boolean> {
    const rows: { hash: string }[] = await this.db.query(`WITH d AS (DELETE FROM persisted_query WHERE hash = $1 RETURNING hash) SELECT hash FROM d`, [hash]);
    return rows.length > 0;
  }
}

/**
 * The registered operations of this process, in memory so that checking a request never costs a
 * query; reloaded every `refreshSeconds` so registrations reach every replica.
 */
export class Safelist {
  private ops = new Map<string, string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: Pick<SafelistStore, "all">,
    private readonly log: Logger,
    private readonly refreshSeconds: number,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload(), this.refreshSeconds * 1000);
    this.timer.unref();
  }

  async reload(): Promise<void> {
    try {
      this.ops = new Map((await this.store.all()).map((o) => [o.hash, o.body]));
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, "safelist: reload failed, keeping the previous list");
    }
  }

  has(hash: string | undefined): boolean {
    return hash !== undefined && this.ops.has(hash);
  }

  body(hash: string): string | undefined {
    return this.ops.get(hash);
  }

  get size(): number {
    return this.ops.size;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Apollo's APQ store (a KeyValueCache under "apq:<sha256>"): registered operations first, then
 * queries clients registered automatically, kept in the shared cache (Redis when configured).
 */
export class PersistedQueryStore {
  constructor(
    private readonly cache: Cache,
    private readonly safelist: Safelist,
    private readonly opts: { automatic: boolean; ttlSeconds: number },
  ) {}

  async get(key: string): Promise<string | undefined> {
    const registered = this.safelist.body(key.replace(/^apq:/, ""));
    if (registered !== undefined || !this.opts.automatic) return registered;
    return this.cache.get(key);
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    if (!this.opts.automatic) return;
    await this.cache.set(key, value, options?.ttl ?? this.opts.ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    await this.cache.del(key);
  }
}
