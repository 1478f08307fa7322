import { createHash } from "node:crypto";
import autocannon from "autocannon";
import { cpuDelta, cpuOfAll, sampleProcess } from "./proc";
import { percentile, Samples } from "./stats";
import type { Measurement, Server, Workload, WorkloadContext } from "./types";
import { dataVerifier, firstDifference } from "./verify";

type Result = autocannon.Result;

export interface DriveOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  /** PostgreSQL backend processes serving the servers (to account database CPU). */
  databasePids: () => Promise<number[]>;
}

export class WorkloadError extends Error {
  readonly code = "BAD_RESPONSE";
  constructor(message: string) {
    super(message);
    this.name = "WorkloadError";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until requests cut off by the end of a load have finished on the server (its statement
 * counter stops moving), so none of their work lands in the next snapshot.
 */
async function settle(server: Server): Promise<void> {
  if (!server.statements) {
    await sleep(1000);
    return;
  }
  let last = await server.statements();
  for (let i = 0; i < 40; i++) {
    await sleep(250);
    const now = await server.statements();
    if (now === last) return;
    last = now;
  }
}

interface Probe { text: string; data: Record<string, unknown>; statements: number | null }

/** One request on its own: the answer must be data without errors; counts its SQL statements. */
export async function probe(server: Server, body: string, label: string): Promise<Probe> {
  const before = await server.statements?.();
  if (server.beforeRequest) {
    server.beforeRequest();
    await sleep(50);
  }
  const res = await fetch(`${server.url}${server.graphqlPath}`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await res.text();
  const after = await server.statements?.();
  let parsed: { data?: Record<string, unknown> | null; errors?: { message: string }[] };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WorkloadError(`bench.drive: ${label} expected a JSON response, got HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  if (res.status !== 200 || parsed.errors?.length || !parsed.data || Object.values(parsed.data).some((v) => v == null)) {
    throw new WorkloadError(`bench.drive: ${label} expected HTTP 200 with data and no errors, got HTTP ${res.status}: ${text.slice(0, 300)}`);
  }
  return { text, data: parsed.data, statements: before === undefined || after === undefined ? null : after - before };
}

export function cannon(server: Server, body: string, connections: number, durationS: number, verify: (body: string) => boolean, latencies?: Samples): Promise<Result> {
  const before = server.beforeRequest;
  const request: autocannon.Request = { method: "POST", path: server.graphqlPath, headers: { "content-type": "application/json" }, body };
  if (before) {
    request.setupRequest = (req) => {
      before();
      return req;
    };
  }
  return new Promise((resolve, reject) => {
    const verifyBody = (b: unknown) => typeof b === "string" && verify(b);
    const instance = autocannon({ url: server.url, connections, duration: durationS, requests: [request], verifyBody, timeout: 10 }, (err, result) =>
      err ? reject(err) : resolve(result));
    // autocannon emits (client, statusCode, bytes, responseTime); its own histogram rounds to whole ms.
    instance.on("response", ((...args: unknown[]) => {
      const status = Number(args[1]);
      if (latencies && status >= 200 && status < 300) latencies.add(Number(args[3]));
    }) as never);
  });
}

const shapeHash = (shape: unknown) => createHash("sha1").update(JSON.stringify(shape)).digest("hex");

/** Warms up, then drives one workload against one server and accounts requests, SQL, CPU and memory. */
export async function measure(server: Server, workload: Workload, ctx: WorkloadContext, round: number, o: DriveOptions): Promise<Measurement> {
  const dialect = server.dialect ?? "khabar";
  const body = JSON.stringify(workload.body(ctx, dialect));
  const label = `${workload.name} on ${server.name}`;
  await server.prepare?.();
  const first = await probe(server, body, label);
  const second = await probe(server, body, label);
  // Only data must repeat: extensions (a client's remaining cost budget, say) change per request.
  const diff = firstDifference(first.data, second.data, "data");
  if (diff) throw new WorkloadError(`bench.drive: ${label} answered the same request differently twice, first at ${diff}`);
  const verify = dataVerifier(second.data);
  if (!verify(second.text)) throw new WorkloadError(`bench.drive: ${label} serialises its answer in a way the body check cannot follow: ${second.text.slice(0, 120)}`);
  if (o.warmupS > 0) await cannon(server, body, o.connections, o.warmupS, verify);
  await settle(server);

  const sqlBefore = await server.statements?.();
  const procBefore = server.pid ? sampleProcess(server.pid) : undefined;
  const dbBefore = cpuOfAll(await o.databasePids());
  const selfBefore = process.cpuUsage();
  const latencies = new Samples();
  const r = await cannon(server, body, o.connections, o.durationS, verify, latencies);
  const self = process.cpuUsage(selfBefore);
  await settle(server);
  const sqlAfter = await server.statements?.();
  const procAfter = server.pid ? sampleProcess(server.pid) : undefined;
  const dbAfter = cpuOfAll(await o.databasePids());

  // Requests sent but cut off at the end still ran on the server, so per-request costs divide by sent.
  const sent = r.requests.sent || 1;
  const sorted = latencies.sorted();
  return {
    server: server.name,
    workload: workload.name,
    round,
    durationS: r.duration,
    requests: r["2xx"] + r.non2xx,
    rps: (r["2xx"] + r.non2xx) / r.duration,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1] : 0,
      mean: latencies.mean(),
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    mismatches: r.mismatches,
    sqlPerRequest: sqlBefore === undefined || sqlAfter === undefined ? null : (sqlAfter - sqlBefore) / sent,
    sqlSingleRequest: second.statements,
    cpuMsPerRequest: procBefore && procAfter ? (procAfter.cpuMs - procBefore.cpuMs) / sent : null,
    dbCpuMsPerRequest: dbBefore.size || dbAfter.size ? cpuDelta(dbBefore, dbAfter) / sent : null,
    loadGeneratorCpuMsPerRequest: (self.user + self.system) / 1000 / sent,
    rssMb: procAfter?.rssMb ?? null,
    peakRssMb: procAfter?.peakRssMb ?? null,
    responseBytes: Buffer.byteLength(second.text),
    shapeHash: workload.shape ? shapeHash(workload.shape(second.data, dialect)) : undefined,
  };
}
