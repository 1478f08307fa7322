import { Pool } from "pg";
import { databaseName } from "../db";
import { runRounds, type RoundsOptions } from "./runner";
import { selectServers, type ServerSettings } from "./servers";
import type { Measurement, Server, Workload, WorkloadContext } from "./types";
import { gatherContext } from "./workloads";

export interface SessionOptions extends Omit<RoundsOptions, "databasePids"> {
  servers: string[];
  workloads: Workload[];
  settings: ServerSettings;
}

export interface SessionResult {
  ctx: WorkloadContext;
  pgVersion: string;
  servers: Server[];
  measurements: Measurement[];
}

/** Looks up the workload facts of one database, then starts the servers over it and runs the rounds. */
export async function runSession(o: SessionOptions, log: (line: string) => void): Promise<SessionResult> {
  const pool = new Pool({ connectionString: o.settings.databaseUrl, max: 1 });
  const dbName = databaseName(o.settings.databaseUrl);
  try {
    const ctx = await gatherContext(async (sql) => (await pool.query(sql)).rows);
    const pgVersion = (await pool.query<{ server_version: string }>(`SHOW server_version`)).rows[0].server_version;
    // Backends of the benchmark database other than this monitoring connection: the servers' pools.
    const databasePids = async () => (await pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`, [dbName])).rows.map((r) => r.pid);
    const servers = selectServers(o.servers, o.settings);
    log(`dataset: ${ctx.articles} articles; person page uses person ${ctx.popularPersonId} (${ctx.popularPersonMentions} mentions); ` +
      `deep page starts at article ${ctx.deepArticleId}; searches "${ctx.searchWords.en}", "${ctx.searchWords.ar}"`);
    const measurements = await runRounds(servers, o.workloads, ctx, {
      rounds: o.rounds, connections: o.connections, durationS: o.durationS, warmupS: o.warmupS, databasePids,
    }, log);
    return { ctx, pgVersion, servers, measurements };
  } finally {
    await pool.end();
  }
}
