import { randomBytes } from "node:crypto";
import { BullRefreshQueue, InProcessQueue, type RefreshQueue } from "../../../src/ingest/schedule/queue";
import { createLogger } from "../../../src/logging";

const log = createLogger({ logLevel: "silent", env: "test" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records how many refreshes of each source overlap in time. */
function tracker() {
  const running = new Map<number, number>();
  let maxOverlap = 0;
  const runs: number[] = [];
  const job = async (id: number) => {
    const n = (running.get(id) ?? 0) + 1;
    running.set(id, n);
    maxOverlap = Math.max(maxOverlap, n);
    runs.push(id);
    await sleep(150);
    running.set(id, (running.get(id) ?? 1) - 1);
  };
  return { job, runs, maxOverlap: () => maxOverlap };
}

async function waitUntilIdle(queue: RefreshQueue, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while ((await queue.pending()) > 0 && Date.now() < end) await sleep(50);
}

describe("in-process queue", () => {
  it("runs each source at most once at a time and drops duplicates while it waits or runs", async () => {
    const q = new InProcessQueue(log);
    const t = tracker();
    q.consume(t.job, 4);
    for (let i = 0; i < 5; i++) {
      await q.enqueue(1);
      await q.enqueue(2);
    }
    await q.drained();
    expect(t.maxOverlap()).toBe(1);
    expect(t.runs.sort()).toEqual([1, 2]);
    await q.close();
  });
});

// BullMQ needs Redis; CI runs with REDIS_URL set, a laptop without Redis uses the in-process queue above.
(process.env.REDIS_URL ? describe : describe.skip)("BullMQ queue", () => {
  it("lets several workers share jobs while never refreshing one source twice at once", async () => {
    const prefix = `khabar:test:${randomBytes(4).toString("hex")}:`;
    const producer = BullRefreshQueue.create(process.env.REDIS_URL!, prefix, log);
    const workers = [BullRefreshQueue.create(process.env.REDIS_URL!, prefix, log), BullRefreshQueue.create(process.env.REDIS_URL!, prefix, log)];
    const t = tracker();
    for (const w of workers) w.consume(t.job, 3);
    for (let round = 0; round < 3; round++) {
      await Promise.all([1, 2, 3, 1, 2, 3].map((id) => producer.enqueue(id)));
      await sleep(30);
    }
    await sleep(300);
    await waitUntilIdle(producer);
    expect(t.maxOverlap()).toBe(1);
    expect(new Set(t.runs)).toEqual(new Set([1, 2, 3]));
    for (const w of workers) await w.close();
    await producer.close();
  });
});

describe("closing the BullMQ queue", () => {
  it("returns after its grace period when Redis cannot be reached, so a worker or gateway can stop", async () => {
    const q = BullRefreshQueue.create("redis://127.0.0.1:1", `khabar:test:${randomBytes(4).toString("hex")}:`, log);
    q.consume(async () => undefined, 1);
    await sleep(100);
    const started = Date.now();
    await q.close(300);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
