import http from "node:http";
import type { AddressInfo } from "node:net";
import { measure, WorkloadError } from "../../bench/run/drive";
import { dataVerifier, firstDifference, matchPrefix } from "../../bench/run/verify";
import type { Server, Workload, WorkloadContext } from "../../bench/run/types";

const ctx: WorkloadContext = { articles: 10, popularPersonId: 1, popularPersonMentions: 3, deepArticleId: 1, searchWords: { en: "imports", ar: "الواردات" } };
const workload: Workload = { name: "front", description: "test", body: () => ({ query: "{ articles { id } }" }) };

/** A stand-in server: each request "runs" `perRequest` statements; `answer` decides the body. */
async function fakeServer(perRequest: number, answer: (n: number) => { status: number; body: string }): Promise<Server & { bumps: number; close(): Promise<void> }> {
  let statements = 0;
  let requests = 0;
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests += 1;
      statements += perRequest;
      const { status, body } = answer(requests);
      res.writeHead(status, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const fake = {
    name: "fake",
    description: "fake",
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    graphqlPath: "/graphql",
    pid: process.pid,
    bumps: 0,
    async start() {},
    async stop() {},
    async statements() {
      return statements;
    },
    beforeRequest() {
      fake.bumps += 1;
    },
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
  return fake;
}

const options = { connections: 4, durationS: 1, warmupS: 0, databasePids: async () => [] };
const ok = JSON.stringify({ data: { articles: [{ id: "1" }] } });

describe("measuring one workload on one server", () => {
  it("counts responses, statements per request and failures, calling the per-request hook each time", async () => {
    const server = await fakeServer(3, () => ({ status: 200, body: ok }));
    try {
      const m = await measure(server, workload, ctx, 1, options);
      expect(m.requests).toBeGreaterThan(0);
      expect(m.errors + m.non2xx + m.mismatches).toBe(0);
      expect(m.sqlSingleRequest).toBe(3);
      expect(m.sqlPerRequest).toBeGreaterThan(2.5);
      expect(m.sqlPerRequest).toBeLessThanOrEqual(3);
      expect(m.responseBytes).toBe(Buffer.byteLength(ok));
      expect(server.bumps).toBeGreaterThanOrEqual(m.requests);
      expect(m.latencyMs.p99).toBeGreaterThanOrEqual(m.latencyMs.p50);
      expect(m.cpuMsPerRequest).not.toBeNull();
    } finally {
      await server.close();
    }
  });

  it("refuses a workload whose answer carries GraphQL errors", async () => {
    const server = await fakeServer(1, () => ({ status: 200, body: JSON.stringify({ data: null, errors: [{ message: "too complex" }] }) }));
    try {
      await expect(measure(server, workload, ctx, 1, options)).rejects.toThrow(WorkloadError);
      await expect(measure(server, workload, ctx, 1, options)).rejects.toThrow(/too complex/);
    } finally {
      await server.close();
    }
  });

  it("refuses a workload whose answer is null data", async () => {
    const server = await fakeServer(1, () => ({ status: 200, body: JSON.stringify({ data: { person: null } }) }));
    try {
      await expect(measure(server, workload, ctx, 1, options)).rejects.toThrow(/expected HTTP 200 with data/);
    } finally {
      await server.close();
    }
  });

  it("counts bodies that differ from the probed answer as mismatches and non-2xx answers as such", async () => {
    const server = await fakeServer(1, (n) => (n <= 2 ? { status: 200, body: ok } : n % 2 ? { status: 503, body: "{}" } : { status: 200, body: '{"data":{}}' }));
    try {
      const m = await measure(server, workload, ctx, 1, options);
      expect(m.non2xx).toBeGreaterThan(0);
      expect(m.mismatches).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe("the response check", () => {
  const data = { articles: [{ id: "1", title: "Cairo" }] };
  const verify = dataVerifier(data);

  it("accepts the expected data with or without extensions after it", () => {
    expect(verify(JSON.stringify({ data }))).toBe(true);
    expect(verify(JSON.stringify({ data, extensions: { cost: { requested: 20, remaining: 1500 } } }))).toBe(true);
  });

  it("rejects other data, errors, and bodies that only start like the expected data", () => {
    expect(verify(JSON.stringify({ data: { articles: [{ id: "2", title: "Cairo" }] } }))).toBe(false);
    expect(verify(JSON.stringify({ data, errors: [{ message: "boom" }] }))).toBe(false);
    expect(verify(JSON.stringify({ errors: [{ message: "boom" }], data }))).toBe(false);
    expect(verify(`{"data":${JSON.stringify(data)}x}`)).toBe(false);
  });
});

describe("bodies decoded one chunk at a time", () => {
  const data = { title: "وزير الخارجية في القاهرة", id: "7" };
  const body = JSON.stringify({ data, extensions: { cost: 3 } });
  const bytes = Buffer.from(body);
  // Decoding two halves separately, as autocannon does, splits the character at the cut.
  const chunked = (cut: number) => bytes.subarray(0, cut).toString() + bytes.subarray(cut).toString();
  const splitting = [...Array(bytes.length).keys()].filter((cut) => chunked(cut).includes("\uFFFD"));

  it("still match the expected data when a character was split between reads", () => {
    expect(splitting.length).toBeGreaterThan(5);
    const verify = dataVerifier(data);
    for (const cut of splitting) expect(verify(chunked(cut))).toBe(true);
  });

  it("do not excuse a different character elsewhere", () => {
    const verify = dataVerifier(data);
    const cut = splitting[0];
    const altered = chunked(cut).replace('"7"', '"8"');
    expect(verify(altered)).toBe(false);
    expect(matchPrefix("\uFFFD\uFFFDbc", "abc")).toBe(4);
    expect(matchPrefix("\uFFFDxc", "abc")).toBe(-1);
  });
});

describe("reporting where two answers differ", () => {
  it("names the first differing path and both values", () => {
    expect(firstDifference({ a: [1, { b: "x" }] }, { a: [1, { b: "y" }] })).toBe('$.a.1.b: "x" vs "y"');
    expect(firstDifference({ a: 1 }, { a: 1 })).toBeUndefined();
    expect(firstDifference({ a: 1 }, { a: 1, c: 2 })).toBe("$.c: undefined vs 2");
  });
});
