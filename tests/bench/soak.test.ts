import http from "node:http";
import type { AddressInfo } from "node:net";
import { runSoak, soakLines } from "../../bench/run/soak";
import type { Server, Workload, WorkloadContext } from "../../bench/run/types";

const ctx: WorkloadContext = { articles: 1, popularPersonId: 1, popularPersonMentions: 1, deepArticleId: 1, searchWords: { en: "imports", ar: "الواردات" } };
const workload: Workload = { name: "front", description: "test", body: () => ({ query: "{ x }" }) };

describe("the soak", () => {
  let srv: http.Server;
  let server: Server;

  beforeAll(async () => {
    srv = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => res.end(`{"data":{"x":1}}`));
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const { port } = srv.address() as AddressInfo;
    // This very process stands in for the server child: its RSS is what gets sampled.
    server = { name: "fake", description: "fake", url: `http://127.0.0.1:${port}`, graphqlPath: "/graphql", pid: process.pid, start: async () => undefined, stop: async () => undefined };
  });

  afterAll(() => new Promise<void>((r) => srv.close(() => r())));

  it("samples the server's RSS through the run and reports growth, correct answers and the target", async () => {
    const o = { minutes: 0.05, intervalS: 1, connections: 2, maxGrowthPercent: 10_000 };
    const r = await runSoak(server, workload, ctx, o, () => undefined);
    expect(r.samples.length).toBeGreaterThanOrEqual(3);
    expect(r.requests).toBeGreaterThan(0);
    expect(r.errors + r.non2xx + r.mismatches).toBe(0);
    expect(r.growthPercent).not.toBeNull();
    expect(r.met).toBe(true);
    expect(soakLines(r, o)).toMatch(/RSS at minute 1: [\d.]+ MB; at minute 0.05: [\d.]+ MB; growth -?[\d.]+ %/);
  });

  it("refuses a server without a process to sample", async () => {
    await expect(runSoak({ ...server, pid: undefined }, workload, ctx, { minutes: 0.05, intervalS: 1, connections: 1, maxGrowthPercent: 10 }, () => undefined))
      .rejects.toThrow(/expected fake to run as a child process with a pid/);
  });
});
