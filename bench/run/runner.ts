import { measure, type DriveOptions } from "./drive";
import type { Measurement, Server, Workload, WorkloadContext } from "./types";

export interface RoundsOptions extends DriveOptions {
  rounds: number;
}

type Log = (line: string) => void;

/** Server order per round: rotated, so no server always runs first (or right after another's load). */
export function serverOrder<T>(servers: T[], round: number): T[] {
  const shift = (round - 1) % servers.length;
  return [...servers.slice(shift), ...servers.slice(0, shift)];
}

/**
 * Starts every server, then for each round runs every workload against every server in rotating
 * order, and stops them all whatever happens.
 */
export async function runRounds(servers: Server[], workloads: Workload[], ctx: WorkloadContext, o: RoundsOptions, log: Log): Promise<Measurement[]> {
  const out: Measurement[] = [];
  const started: Server[] = [];
  // Interrupted runs still stop their child servers (and clear their Redis keys).
  const interrupt = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping servers`);
    void Promise.allSettled(started.map((s) => s.stop())).then(() => process.exit(130));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    for (const s of servers) {
      log(`starting ${s.name} (${s.description})`);
      await s.start();
      started.push(s);
    }
    for (let round = 1; round <= o.rounds; round++) {
      for (const w of workloads) {
        for (const s of serverOrder(servers, round)) {
          if (!(w.dialects ?? ["khabar"]).includes(s.dialect ?? "khabar")) continue;
          const m = await measure(s, w, ctx, round, o);
          // The first server to answer a workload in a round sets the shape the others must match.
          const reference = out.find((x) => x.round === round && x.workload === w.name && x.shapeHash);
          if (m.shapeHash && reference) m.shapeMismatch = m.shapeHash !== reference.shapeHash;
          log(`round ${round}/${o.rounds} ${w.name.padEnd(9)} ${s.name.padEnd(12)} ${m.rps.toFixed(0).padStart(6)} req/s  ` +
            `p50 ${m.latencyMs.p50.toFixed(2)} ms  p99 ${m.latencyMs.p99.toFixed(2)} ms  SQL/req ${m.sqlPerRequest?.toFixed(2) ?? "–"}  ` +
            `CPU ${m.cpuMsPerRequest?.toFixed(2) ?? "–"} ms/req  errors ${m.errors + m.timeouts} non-2xx ${m.non2xx} mismatches ${m.mismatches}` +
            (m.shapeMismatch ? `  SHAPE DIFFERS from ${reference?.server}` : ""));
          out.push(m);
        }
      }
    }
    return out;
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    for (const s of started.reverse()) await s.stop().catch((err) => log(`stopping ${s.name} failed: ${(err as Error).message}`));
  }
}
