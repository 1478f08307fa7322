import { cannon, probe } from "./drive";
import { sampleProcess } from "./proc";
import { median } from "./stats";
import type { Server, Workload, WorkloadContext } from "./types";
import { dataVerifier } from "./verify";

/** Memory under sustained load: one server, one workload for minutes, its RSS sampled at an interval. */

export interface SoakOptions {
  minutes: number;
  intervalS: number;
  connections: number;
  /** Growth from minute 1 to the end that still passes. */
  maxGrowthPercent: number;
}

export interface SoakResult {
  server: string;
  workload: string;
  samples: { atS: number; rssMb: number }[];
  requests: number;
  rps: number;
  errors: number;
  non2xx: number;
  mismatches: number;
  rssMinute1Mb: number | null;
  rssEndMb: number | null;
  /** RSS swings with the garbage collector: the median and peak of the last minute's samples tell drift from noise. */
  rssLastMinuteMedianMb: number | null;
  rssPeakMb: number | null;
  growthPercent: number | null;
  met: boolean | null;
}

export async function runSoak(server: Server, workload: Workload, ctx: WorkloadContext, o: SoakOptions, log: (line: string) => void): Promise<SoakResult> {
  if (!server.pid) throw new Error(`bench.soak: expected ${server.name} to run as a child process with a pid, got none`);
  const pid = server.pid;
  const body = JSON.stringify(workload.body(ctx, server.dialect ?? "khabar"));
  const first = await probe(server, body, `${workload.name} on ${server.name}`);
  const samples: SoakResult["samples"] = [];
  const started = Date.now();
  const sample = () => {
    const s = sampleProcess(pid);
    if (!s) return;
    const atS = Math.round((Date.now() - started) / 1000);
    samples.push({ atS, rssMb: s.rssMb });
    log(`soak: ${atS} s  RSS ${s.rssMb.toFixed(1)} MB`);
  };
  sample();
  const timer = setInterval(sample, o.intervalS * 1000);
  let r;
  try {
    r = await cannon(server, body, o.connections, o.minutes * 60, dataVerifier(first.data));
  } finally {
    clearInterval(timer);
  }
  sample();
  const at = (s: number) => samples.reduce<SoakResult["samples"][number] | undefined>((best, x) =>
    (!best || Math.abs(x.atS - s) < Math.abs(best.atS - s) ? x : best), undefined);
  const m1 = at(60)?.rssMb ?? null;
  const end = samples.at(-1)?.rssMb ?? null;
  const growthPercent = m1 && end !== null ? ((end - m1) / m1) * 100 : null;
  const lastS = samples.at(-1)?.atS ?? 0;
  const lastMinute = samples.filter((x) => x.atS >= lastS - 60).map((x) => x.rssMb);
  return {
    server: server.name,
    workload: workload.name,
    samples,
    requests: r["2xx"] + r.non2xx,
    rps: (r["2xx"] + r.non2xx) / r.duration,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    mismatches: r.mismatches,
    rssMinute1Mb: m1,
    rssEndMb: end,
    rssLastMinuteMedianMb: median(lastMinute),
    rssPeakMb: samples.length ? Math.max(...samples.map((x) => x.rssMb)) : null,
    growthPercent,
    met: growthPercent === null ? null : growthPercent <= o.maxGrowthPercent,
  };
}

export function soakLines(r: SoakResult, o: SoakOptions): string {
  const f = (v: number | null, d = 1) => (v === null ? "–" : v.toFixed(d));
  return [
    `${r.workload} on ${r.server}, ${o.connections} connections for ${o.minutes} min: ${r.requests} requests (${f(r.rps, 0)} req/s), ` +
      `${r.errors} errors, ${r.non2xx} non-2xx, ${r.mismatches} mismatches`,
    `RSS at minute 1: ${f(r.rssMinute1Mb)} MB; at minute ${o.minutes}: ${f(r.rssEndMb)} MB; growth ${f(r.growthPercent)} % ` +
      `(last minute's median ${f(r.rssLastMinuteMedianMb)} MB, peak ${f(r.rssPeakMb)} MB)`,
    `- ${r.met === null ? "NOT MEASURED" : r.met ? "MET" : "MISSED"}: RSS growth from minute 1 to minute ${o.minutes} ≤ ${o.maxGrowthPercent} %`,
    `RSS samples (s: MB): ${r.samples.map((s) => `${s.atS}: ${s.rssMb.toFixed(0)}`).join(", ")}`,
  ].join("\n");
}
