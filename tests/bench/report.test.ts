import { checkTargets, markdownTable, summarise } from "../../bench/run/report";
import { serverOrder } from "../../bench/run/runner";
import { median, percentile, Samples } from "../../bench/run/stats";
import type { Measurement } from "../../bench/run/types";

function m(server: string, workload: string, round: number, over: Partial<Measurement> = {}): Measurement {
  return {
    server, workload, round, durationS: 15, requests: 1000, rps: 100 * round, latencyMs: { p50: round, p90: 2 * round, p99: 3 * round, max: 50, mean: round },
    errors: 0, timeouts: 0, non2xx: 0, mismatches: 0, sqlPerRequest: 5, sqlSingleRequest: 5, cpuMsPerRequest: round, dbCpuMsPerRequest: 1,
    loadGeneratorCpuMsPerRequest: 0.5, rssMb: 100, peakRssMb: 120 + round, responseBytes: 1000, ...over,
  };
}

describe("statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const xs = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(new Float64Array(0), 99)).toBe(0);
  });

  it("takes medians of odd and even counts and ignores missing values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 7])).toBe(7);
    expect(median([null])).toBeNull();
  });

  it("grows past its initial capacity and sorts numerically", () => {
    const s = new Samples();
    for (let i = 10_000; i > 0; i--) s.add(i / 10);
    expect(s.size).toBe(10_000);
    expect(s.sorted()[0]).toBe(0.1);
    expect(s.sorted()[9_999]).toBe(1000);
    expect(s.mean()).toBeCloseTo(500.05, 5);
  });
});

describe("summaries and targets", () => {
  const runs = [1, 2, 3].flatMap((r) => [
    m("khabar-cold", "front", r), m("khabar-cold", "front10", r), m("khabar-cold", "front100", r),
    m("khabar-warm", "front", r, { sqlPerRequest: 0, sqlSingleRequest: 0 }),
  ]);

  it("reports the median of each figure over rounds and sums failures", () => {
    const withFailure = [...runs, m("khabar-warm", "person", 1, { non2xx: 2, errors: 1, timeouts: 1 })];
    const rows = summarise(withFailure);
    const front = rows.find((r) => r.server === "khabar-cold" && r.workload === "front")!;
    expect(front.rounds).toBe(3);
    expect(front.rps).toBe(200);
    expect(front.p99).toBe(6);
    expect(front.peakRssMb).toBe(123);
    const person = rows.find((r) => r.workload === "person")!;
    expect(person.non2xx).toBe(2);
    expect(person.errors).toBe(2);
  });

  it("meets the targets when statements are bounded, the warm p99 is low and nothing failed", () => {
    const checks = checkTargets(summarise(runs));
    expect(checks.map((c) => c.met)).toEqual([true, true, true]);
    expect(checks[0].detail).toMatch(/constant across page sizes/);
  });

  it("misses the statement target when a page size needs more statements", () => {
    const more = runs.map((r) => (r.workload === "front100" ? { ...r, sqlPerRequest: 9, sqlSingleRequest: 9 } : r));
    const [statements] = checkTargets(summarise(more));
    expect(statements.met).toBe(false);
    expect(statements.detail).toMatch(/varies with page size/);
  });

  it("misses the latency target at a p99 of 20 ms or more, and reports what was not measured", () => {
    const slow = runs.map((r) => (r.server === "khabar-warm" ? { ...r, latencyMs: { ...r.latencyMs, p99: 20 } } : r));
    expect(checkTargets(summarise(slow))[1].met).toBe(false);
    expect(checkTargets(summarise(runs.filter((r) => r.server === "khabar-cold")))[1].met).toBeNull();
  });

  it("prints one table row per server and workload", () => {
    const table = markdownTable(summarise(runs)).split("\n");
    expect(table).toHaveLength(2 + 4);
    expect(table[0]).toMatch(/^\| workload \| server \| req\/s \| p50 ms \| p99 ms \|/);
    expect(table[2]).toMatch(/^\| front \| khabar-cold \| 200 \|/);
  });
});

describe("rounds", () => {
  it("rotate the server order so each server leads a round in turn", () => {
    const s = ["a", "b", "c"];
    expect(serverOrder(s, 1)).toEqual(["a", "b", "c"]);
    expect(serverOrder(s, 2)).toEqual(["b", "c", "a"]);
    expect(serverOrder(s, 4)).toEqual(["a", "b", "c"]);
  });
});
