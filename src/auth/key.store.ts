import type { DataSource } from "typeorm";
import { generateApiKey } from "./api-key";
import type { BudgetOverrides, Role } from "./roles";

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  secretHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  budget: BudgetOverrides;
  safelistOnly: boolean;
}

export interface CreateKeyInput {
  name: string;
  role: Role;
  budget?: BudgetOverrides;
  safelistOnly?: boolean;
}

const COLUMNS = `id, name, role, secret_hash AS "secretHash", created_at AS "createdAt", last_used_at AS "lastUsedAt",
  revoked_at AS "revokedAt", rate_capacity AS "capacity", rate_refill_per_second AS "refillPerSecond", max_cost AS "maxCost",
  safelist_only AS "safelistOnly"`;

interface Row extends Omit<ApiKeyRecord, "budget"> { capacity: number | null; refillPerSecond: number | null; maxCost: number | null }

function toRecord({ capacity, refillPerSecond, maxCost, ...rest }: Row): ApiKeyRecord {
  const budget: BudgetOverrides = {};
  if (capacity != null) budget.capacity = capacity;
  if (refillPerSecond != null) budget.refillPerSecond = Number(refillPerSecond);
  if (maxCost != null) budget.maxCost = maxCost;
  return { ...rest, budget };
}

/** The api_key table. Only the sha256 of a secret is stored; the whole key exists once, in `create`'s result. */
export class KeyStore {
  constructor(private readonly db: DataSource) {}

  async create(input: CreateKeyInput): Promise<{ record: ApiKeyRecord; token: string }> {
    const key = generateApiKey();
    const b = input.budget ?? {};
    const [row] = await this.db.query(
      `INSERT INTO api_key (id, name, role, secret_hash, rate_capacity, rate_refill_per_second, max_cost, safelist_only)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [key.id, input.name, input.role, key.secretHash, b.capacity ?? null, b.refillPerSecond ?? null, b.maxCost ?? null, input.safelistOnly ?? false],
    );
    return { record: toRecord(row), token: key.token };
  }

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM api_key WHERE id = $1`, [id]);
    return row ? toRecord(row) : undefined;
  }

  async list(options: { includeRevoked?: boolean } = {}): Promise<ApiKeyRecord[]> {
    const where = options.includeRevoked ? "" : "WHERE revoked_at IS NULL";
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM api_key ${where} ORDER BY created_at, id`);
    return rows.map(toRecord);
  }

  /** Marks the key revoked; `undefined` when there is no such key. Revoking twice keeps the first time. */
  async revoke(id: string): Promise<ApiKeyRecord | undefined> {
    // Through a CTE because TypeORM returns [rows, count] for a bare UPDATE.
    const [row] = await this.db.query(
      `WITH u AS (UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *) SELECT ${COLUMNS} FROM u`, [id]);
    return row ? toRecord(row) : undefined;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE api_key SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`, [id, at]);
  }
}
