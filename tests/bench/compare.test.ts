import { checkComparisonTargets, checkFasterThan, comparisonTable } from "../../bench/run/compare";
import { databaseForSize, sizeLabel } from "../../bench/run/dataset";
import { growthTable } from "../../bench/run/growth";
import { checkTargets, summarise } from "../../bench/run/report";
import type { Measurement } from "../../bench/run/types";

function m(server: string, workload: string, rps: number, p99: number, over: Partial<Measurement> = {}): Measurement {
  return {
    server, workload, round: 1, durationS: 10, requests: rps * 10, rps, latencyMs: { p50: p99 / 2, p90: p99, p99, max: p99, mean: p99 / 2 },
    errors: 0, timeouts: 0, non2xx: 0, mismatches: 0, sqlPerRequest: 3, sqlSingleRequest: 3, cpuMsPerRequest: 1, dbCpuMsPerRequest: 1,
    loadGeneratorCpuMsPerRequest: 0.1, rssMb: 100, peakRssMb: 100, responseBytes: 100, ...over,
  };
}

const pass = [
  m("khabar-cold", "front", 300, 10), m("postgraphile", "front", 100, 40, { sqlPerRequest: 1, sqlSingleRequest: 1 }),
  m("khabar-cold", "person", 500, 5), m("postgraphile", "person", 200, 20),
  m("khabar-warm", "front", 1000, 5), m("redis-ceiling", "front", 1500, 4),
  m("khabar-cold", "search-en", 400, 5), m("postgraphile", "search-en", 200, 9),
];

describe("the comparison with PostGraphile", () => {
  it("meets every target when the gateway is fast enough against PostGraphile and the ceiling", () => {
    const checks = checkComparisonTargets(summarise(pass));
    expect(checks.map((c) => c.met)).toEqual([true, true, true, true, true]);
    expect(checks[0].detail).toBe("front: 3.00× (300 vs 100); person: 2.50× (500 vs 200)");
  });

  it("misses a target when any one workload falls short of it", () => {
    const slowPerson = pass.map((x) => (x.server === "khabar-cold" && x.workload === "person" ? { ...x, rps: 300, sqlSingleRequest: 5 } : x));
    const [rps, sql, p99] = checkComparisonTargets(summarise(slowPerson));
    expect(rps.met).toBe(false);
    expect(sql.met).toBe(false);
    expect(p99.met).toBe(true);
  });

  it("reports targets it could not measure as such", () => {
    const checks = checkComparisonTargets(summarise(pass.filter((x) => x.server !== "postgraphile")));
    expect(checks.filter((c) => c.met === null)).toHaveLength(4);
    expect(checks[3].met).toBe(true);
  });

  it("prints each server's req/s and p99 as a ratio to PostGraphile's", () => {
    const row = comparisonTable(summarise(pass)).split("\n").find((l) => l.startsWith("| front | khabar-cold"));
    expect(row).toBe("| front | khabar-cold | 300 | 5.00 | 10.00 | 3.00 | 1.00 | 1.00 | 3.00 | 0.25 | 0 |");
  });

  it("counts answers whose normalised shape differs from the first server's as a failure", () => {
    const differs = [...pass, m("postgraphile", "deep", 10, 10, { shapeMismatch: true })];
    const rows = summarise(differs);
    expect(rows.find((r) => r.workload === "deep")!.shapeMismatches).toBe(1);
    expect(checkTargets(rows).at(-1)!.met).toBe(false);
  });
});

describe("the comparison with Mercurius", () => {
  it("is met only when the gateway answers every workload both ran at least as fast", () => {
    const rows = [m("khabar-cold", "front", 300, 10), m("mercurius", "front", 250, 12), m("khabar-cold", "search-en", 800, 5), m("mercurius", "search-en", 1000, 4)];
    const slower = checkFasterThan(summarise(rows), "mercurius");
    expect(slower.met).toBe(false);
    expect(slower.detail).toBe("front: 1.20× (300 vs 250); search-en: 0.80× (800 vs 1000)");
    expect(checkFasterThan(summarise(rows.slice(0, 2)), "mercurius").met).toBe(true);
    expect(checkFasterThan(summarise(rows.filter((r) => r.server !== "mercurius")), "mercurius").met).toBeNull();
  });
});

describe("cost growth", () => {
  it("names one database per size after the base database", () => {
    expect([10_000, 100_000, 1_000_000, 2500].map(sizeLabel)).toEqual(["10k", "100k", "1m", "2500"]);
    expect(databaseForSize("postgres://postgres@127.0.0.1:5432/khabar_bench", 100_000)).toBe("postgres://postgres@127.0.0.1:5432/khabar_bench_100k");
  });

  it("prints req/s relative to the smallest corpus", () => {
    const small = summarise([m("khabar-cold", "front", 100, 10)]);
    const big = summarise([m("khabar-cold", "front", 50, 20)]);
    const table = growthTable([
      { articles: 10_000, database: "b_10k", generationMinutes: 0.2, generatedNow: false, summaries: small },
      { articles: 1_000_000, database: "b_1m", generationMinutes: 8, generatedNow: true, summaries: big },
    ]).split("\n");
    expect(table[3]).toBe("| 1,000,000 | 8.0 (this run) | front | khabar-cold | 50 | 10.00 | 20.00 | 3.00 | 1.00 | 1.00 | 0.50 |");
  });
});
