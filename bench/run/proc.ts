import { execFileSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import type { ProcessSample } from "./types";

let ticksPerSecond: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat times (100 on practically every Linux). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process in ms, from /proc/<pid>/stat; undefined when it is gone or not on Linux. */
export function cpuMsOf(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name may contain spaces and parentheses; fields are counted after its closing ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clockTicks();
}

function statusKb(pid: number, field: string): number | undefined {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function sampleProcess(pid: number): ProcessSample | undefined {
  const cpuMs = cpuMsOf(pid);
  if (cpuMs === undefined) return undefined;
  return { cpuMs, rssMb: (statusKb(pid, "VmRSS") ?? 0) / 1024, peakRssMb: (statusKb(pid, "VmHWM") ?? 0) / 1024 };
}

/**
 * CPU of a changing set of processes (PostgreSQL backends come and go with the pool): processes
 * alive at both ends count their difference, ones that appeared count all their time.
 */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

export function cpuOfAll(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const ms = cpuMsOf(pid);
    if (ms !== undefined) out.set(pid, ms);
  }
  return out;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited (at once when it already has). */
export async function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
