import { MigrationInterface, QueryRunner } from "typeorm";

/** API keys (only the sha256 of each secret is stored) and the safelist of registered operations. */
export class ApiKeys1764374500000 implements MigrationInterface {
  name = "ApiKeys1764374500000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{12}$'),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('public', 'reader', 'integrator', 'admin')),
        secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        rate_capacity integer CHECK (rate_capacity > 0),
        rate_refill_per_second double precision CHECK (rate_refill_per_second > 0),
        max_cost integer CHECK (max_cost > 0),
        safelist_only boolean NOT NULL DEFAULT false
      )`);

    await q.query(`
      CREATE TABLE persisted_query (
        hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
        body text NOT NULL,
        operation_name text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE persisted_query`);
    await q.query(`DROP TABLE api_key`);
  }
}
