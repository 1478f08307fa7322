import { median } from "./stats";
import type { Measurement } from "./types";

/** Medians over rounds for one server and workload; failures are summed, never medianed away. */
export interface Summary {
  server: string;
  workload: string;
  rounds: number;
  rps: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  sqlPerRequest: number | null;
  sqlSingleRequest: number | null;
  cpuMsPerRequest: number | null;
  dbCpuMsPerRequest: number | null;
  loadGeneratorCpuMsPerRequest: number | null;
  rssMb: number | null;
  peakRssMb: number | null;
  requests: number;
  errors: number;
  non2xx: number;
  mismatches: number;
  /** Rounds in which this server's normalised answer differed from the first server's. */
  shapeMismatches: number;
}

export interface TargetCheck { target: string; met: boolean | null; detail: string }

export function summarise(ms: Measurement[]): Summary[] {
  const keys = [...new Set(ms.map((m) => `${m.workload}\u0000${m.server}`))];
  return keys.map((key) => {
    const [workload, server] = key.split("\u0000");
    const runs = ms.filter((m) => m.workload === workload && m.server === server);
    const med = (f: (m: Measurement) => number | null) => median(runs.map(f));
    const sum = (f: (m: Measurement) => number) => runs.reduce((a, m) => a + f(m), 0);
    return {
      server,
      workload,
      rounds: runs.length,
      rps: med((m) => m.rps),
      p50: med((m) => m.latencyMs.p50),
      p90: med((m) => m.latencyMs.p90),
      p99: med((m) => m.latencyMs.p99),
      sqlPerRequest: med((m) => m.sqlPerRequest),
      sqlSingleRequest: med((m) => m.sqlSingleRequest),
      cpuMsPerRequest: med((m) => m.cpuMsPerRequest),
      dbCpuMsPerRequest: med((m) => m.dbCpuMsPerRequest),
      loadGeneratorCpuMsPerRequest: med((m) => m.loadGeneratorCpuMsPerRequest),
      rssMb: med((m) => m.rssMb),
      peakRssMb: Math.max(...runs.map((m) => m.peakRssMb ?? 0)) || null,
      requests: sum((m) => m.requests),
      errors: sum((m) => m.errors + m.timeouts),
      non2xx: sum((m) => m.non2xx),
      mismatches: sum((m) => m.mismatches),
      shapeMismatches: sum((m) => (m.shapeMismatch ? 1 : 0)),
    };
  });
}

export const fmt = (v: number | null, digits = 1) => (v === null ? "–" : v.toFixed(digits));

export function markdownTable(rows: Summary[]): string {
  const head = ["workload", "server", "req/s", "p50 ms", "p99 ms", "SQL/req (load)", "SQL/req (alone)", "gateway CPU ms/req",
    "DB CPU ms/req", "load-gen CPU ms/req", "RSS MB", "errors", "non-2xx", "mismatches", "shape mismatches"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    lines.push(`| ${[r.workload, r.server, fmt(r.rps, 0), fmt(r.p50, 2), fmt(r.p99, 2), fmt(r.sqlPerRequest, 2), fmt(r.sqlSingleRequest, 0),
      fmt(r.cpuMsPerRequest, 2), fmt(r.dbCpuMsPerRequest, 2), fmt(r.loadGeneratorCpuMsPerRequest, 2), fmt(r.rssMb, 0), r.errors, r.non2xx, r.mismatches, r.shapeMismatches].join(" | ")} |`);
  }
  return lines.join("\n");
}

export interface TargetOptions {
  /** Server whose every request reaches the database. */
  coldServer: string;
  /** Server answering from its response cache. */
  warmServer: string;
  maxFrontPageStatements: number;
  maxWarmFrontPageP99Ms: number;
}

export const DEFAULT_TARGETS: TargetOptions = { coldServer: "khabar-cold", warmServer: "khabar-warm", maxFrontPageStatements: 6, maxWarmFrontPageP99Ms: 20 };

/** The "Foundation" targets: bounded statements per front page at any size; a fast warm front page. */
export function checkTargets(rows: Summary[], t: TargetOptions = DEFAULT_TARGETS): TargetCheck[] {
  const out: TargetCheck[] = [];
  const front = rows.filter((r) => r.server === t.coldServer && /^front\d*$/.test(r.workload));
  if (front.length) {
    const worst = Math.max(...front.map((r) => Math.max(r.sqlPerRequest ?? Infinity, r.sqlSingleRequest ?? Infinity)));
    const singles = [...new Set(front.map((r) => r.sqlSingleRequest))];
    out.push({
      target: `≤ ${t.maxFrontPageStatements} SQL statements per front-page request at any page size`,
      met: worst <= t.maxFrontPageStatements,
      detail: front.map((r) => `${r.workload}: ${fmt(r.sqlSingleRequest, 0)} alone, ${fmt(r.sqlPerRequest, 2)} under load`).join("; ") +
        (singles.length === 1 ? " (constant across page sizes)" : " (varies with page size)"),
    });
  } else {
    out.push({ target: `≤ ${t.maxFrontPageStatements} SQL statements per front-page request`, met: null, detail: `not measured (needs ${t.coldServer} and a front workload)` });
  }
  const warm = rows.find((r) => r.server === t.warmServer && r.workload === "front");
  out.push({
    target: `warm-cache front page p99 < ${t.maxWarmFrontPageP99Ms} ms`,
    met: warm?.p99 == null ? null : warm.p99 < t.maxWarmFrontPageP99Ms,
    detail: warm ? `p99 ${fmt(warm.p99, 2)} ms at ${fmt(warm.rps, 0)} req/s` : `not measured (needs ${t.warmServer} and the front workload)`,
  });
  const failures = rows.filter((r) => r.errors + r.non2xx + r.mismatches + r.shapeMismatches > 0);
  out.push({
    target: "no errors, non-2xx or unexpected bodies, and every server answers with the same articles",
    met: failures.length === 0,
    detail: failures.length
      ? failures.map((r) => `${r.workload} on ${r.server}: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.mismatches} mismatches, ${r.shapeMismatches} shape mismatches`).join("; ")
      : "none",
  });
  return out;
}

export function targetLines(checks: TargetCheck[]): string {
  return checks.map((c) => `- ${c.met === null ? "NOT MEASURED" : c.met ? "MET" : "MISSED"}: ${c.target} — ${c.detail}`).join("\n");
}
