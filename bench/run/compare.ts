import { fmt, type Summary, type TargetCheck } from "./report";

/** Side by side with PostGraphile: ratios of the gateway's figures to the baseline's, and the targets. */

export interface CompareOptions {
  baseline: string;
  coldServer: string;
  warmServer: string;
  ceilingServer: string;
  minUncachedRatio: number;
  maxUncachedStatements: number;
  maxP99Ratio: number;
  minWarmToCeiling: number;
  minSearchRatio: number;
}

export const COMPARE_DEFAULTS: CompareOptions = {
  baseline: "postgraphile",
  coldServer: "khabar-cold",
  warmServer: "khabar-warm",
  ceilingServer: "redis-ceiling",
  minUncachedRatio: 2,
  maxUncachedStatements: 4,
  maxP99Ratio: 0.5,
  minWarmToCeiling: 0.5,
  minSearchRatio: 1.5,
};

const ratio = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? null : a / b);

/** One line per workload and server: the usual figures plus req/s and p99 relative to the baseline's. */
export function comparisonTable(rows: Summary[], baseline = COMPARE_DEFAULTS.baseline): string {
  const head = ["workload", "server", "req/s", "p50 ms", "p99 ms", "SQL/req", "server CPU ms/req", "DB CPU ms/req", `req/s ÷ ${baseline}`, `p99 ÷ ${baseline}`, "shape mismatches"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    const base = rows.find((b) => b.workload === r.workload && b.server === baseline);
    lines.push(`| ${[r.workload, r.server, fmt(r.rps, 0), fmt(r.p50, 2), fmt(r.p99, 2), fmt(r.sqlPerRequest, 2), fmt(r.cpuMsPerRequest, 2), fmt(r.dbCpuMsPerRequest, 2),
      fmt(ratio(r.rps, base?.rps), 2), fmt(ratio(r.p99, base?.p99), 2), r.shapeMismatches].join(" | ")} |`);
  }
  return lines.join("\n");
}

function pairs(rows: Summary[], a: string, b: string, workloads: (w: string) => boolean) {
  return rows.filter((r) => r.server === a && workloads(r.workload))
    .map((r) => ({ workload: r.workload, a: r, b: rows.find((x) => x.server === b && x.workload === r.workload) }))
    .filter((p): p is { workload: string; a: Summary; b: Summary } => p.b !== undefined);
}

function check(target: string, ps: ReturnType<typeof pairs>, pass: (p: ReturnType<typeof pairs>[number]) => boolean, show: (p: ReturnType<typeof pairs>[number]) => string): TargetCheck {
  if (!ps.length) return { target, met: null, detail: "not measured" };
  return { target, met: ps.every(pass), detail: ps.map((p) => `${p.workload}: ${show(p)}`).join("; ") };
}

const uncached = (w: string) => /^front\d*$/.test(w) || w === "person";

export function checkComparisonTargets(rows: Summary[], o: CompareOptions = COMPARE_DEFAULTS): TargetCheck[] {
  const vs = pairs(rows, o.coldServer, o.baseline, uncached);
  const sql = (s: Summary) => Math.max(s.sqlPerRequest ?? Infinity, s.sqlSingleRequest ?? Infinity);
  return [
    check(`uncached front + person ≥ ${o.minUncachedRatio}× ${o.baseline} req/s`, vs,
      (p) => (ratio(p.a.rps, p.b.rps) ?? 0) >= o.minUncachedRatio, (p) => `${fmt(ratio(p.a.rps, p.b.rps), 2)}× (${fmt(p.a.rps, 0)} vs ${fmt(p.b.rps, 0)})`),
    check(`uncached front + person ≤ ${o.maxUncachedStatements} SQL/request at any page size`, vs,
      (p) => sql(p.a) <= o.maxUncachedStatements, (p) => `${fmt(p.a.sqlSingleRequest, 0)} alone, ${fmt(p.a.sqlPerRequest, 2)} under load`),
    check(`uncached front + person p99 ≤ ${o.maxP99Ratio}× ${o.baseline}'s`, vs,
      (p) => (ratio(p.a.p99, p.b.p99) ?? Infinity) <= o.maxP99Ratio, (p) => `${fmt(ratio(p.a.p99, p.b.p99), 2)}× (${fmt(p.a.p99, 1)} vs ${fmt(p.b.p99, 1)} ms)`),
    check(`warm cache front page ≥ ${o.minWarmToCeiling}× ${o.ceilingServer} req/s`, pairs(rows, o.warmServer, o.ceilingServer, (w) => /^front\d*$/.test(w)),
      (p) => (ratio(p.a.rps, p.b.rps) ?? 0) >= o.minWarmToCeiling, (p) => `${fmt(ratio(p.a.rps, p.b.rps), 2)}× (${fmt(p.a.rps, 0)} vs ${fmt(p.b.rps, 0)})`),
    check(`search ≥ ${o.minSearchRatio}× ${o.baseline} req/s`, pairs(rows, o.coldServer, o.baseline, (w) => w.startsWith("search")),
      (p) => (ratio(p.a.rps, p.b.rps) ?? 0) >= o.minSearchRatio, (p) => `${fmt(ratio(p.a.rps, p.b.rps), 2)}× (${fmt(p.a.rps, 0)} vs ${fmt(p.b.rps, 0)})`),
  ];
}

/** Every workload both servers ran: the gateway's uncached req/s at least the other server's (the issue: "faster than … Mercurius"). */
export function checkFasterThan(rows: Summary[], baseline: string, coldServer = COMPARE_DEFAULTS.coldServer): TargetCheck {
  return check(`uncached pages ≥ 1× ${baseline} req/s`, pairs(rows, coldServer, baseline, () => true),
    (p) => (ratio(p.a.rps, p.b.rps) ?? 0) >= 1, (p) => `${fmt(ratio(p.a.rps, p.b.rps), 2)}× (${fmt(p.a.rps, 0)} vs ${fmt(p.b.rps, 0)})`);
}
