import { MemoryBuckets } from "../../src/auth/bucket.memory";
import { RedisBuckets } from "../../src/auth/bucket.redis";
import { addressBucketKey } from "../../src/auth/budget";
import { createLogger } from "../../src/logging";

const policy = { capacity: 100, refillPerSecond: 10 };
const log = createLogger({ logLevel: "silent", env: "test" });

describe("in-process token buckets", () => {
  it("charges, refuses what does not fit, refills over time and caps refunds at capacity", async () => {
    let now = 1_000_000;
    const b = new MemoryBuckets(() => now);
    expect(await b.take("k", 60, policy)).toMatchObject({ allowed: true, remaining: 40, msToFull: 6000, fullAt: now + 6000 });
    const refused = await b.take("k", 50, policy);
    expect(refused).toMatchObject({ allowed: false, remaining: 40, retryAfterMs: 1000 });
    now += 1000;
    expect(await b.take("k", 50, policy)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await b.refund("k", 500, policy)).toMatchObject({ remaining: 100, msToFull: 0 });
  });

  it("gives batched refunds back at once, and reports the state after the refund", async () => {
    const b = new MemoryBuckets(() => 0);
    const charged = await b.take("k", 60, policy);
    expect(await b.refundBatched("k", 25, policy, charged)).toMatchObject({ allowed: true, remaining: 65 });
    expect((await b.take("k", 0, policy)).remaining).toBe(65);
  });

  it("keeps separate buckets per key", async () => {
    const b = new MemoryBuckets(() => 0);
    await b.take("a", 100, policy);
    expect((await b.take("b", 100, policy)).allowed).toBe(true);
    expect((await b.take("a", 1, policy)).allowed).toBe(false);
  });
});

describe("client addresses", () => {
  it("counts IPv4 per address, IPv4-mapped IPv6 as IPv4, and IPv6 per /64", () => {
    expect(addressBucketKey("203.0.113.7")).toBe("ip:203.0.113.7");
    expect(addressBucketKey("::ffff:203.0.113.7")).toBe("ip:203.0.113.7");
    expect(addressBucketKey("2001:db8:1:2:aaaa::1")).toBe(addressBucketKey("2001:db8:1:2:bbbb::9"));
    expect(addressBucketKey("2001:db8:1:2::1")).not.toBe(addressBucketKey("2001:db8:1:3::1"));
    expect(addressBucketKey(undefined)).toBe("ip:unknown");
  });
});

describe("Redis token buckets", () => {
  it("falls back to in-process buckets when Redis cannot be reached", async () => {
    const b = await RedisBuckets.connect("redis://127.0.0.1:1", "khabar:test:", log);
    try {
      expect(await b.take("k", 60, policy)).toMatchObject({ allowed: true, remaining: 40 });
      expect((await b.take("k", 60, policy)).allowed).toBe(false);
    } finally {
      await b.close();
    }
  });

  (process.env.REDIS_URL ? it : it.skip)("shares one budget between replicas: concurrent charges never overspend", async () => {
    const prefix = `khabar:test:${Date.now()}:`;
    const [a, b] = await Promise.all([RedisBuckets.connect(process.env.REDIS_URL!, prefix, log), RedisBuckets.connect(process.env.REDIS_URL!, prefix, log)]);
    try {
      const slow = { capacity: 100, refillPerSecond: 0.001 };
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take("shared", 10, slow)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      const refunded = await a.refund("shared", 30, slow);
      expect(Math.floor(refunded.remaining)).toBe(30);
      expect(Math.floor((await b.take("shared", 0, slow)).remaining)).toBe(30);
    } finally {
      await a.close();
      await b.close();
    }
  });

  (process.env.REDIS_URL ? it : it.skip)("applies the refunds of one turn together before they resolve, and projects the state each gives", async () => {
    const b = await RedisBuckets.connect(process.env.REDIS_URL!, `khabar:test:${Date.now()}:batched:`, log);
    try {
      const slow = { capacity: 100, refillPerSecond: 0.001 };
      const charged = await b.take("k", 60, slow);
      const [first, second] = await Promise.all([b.refundBatched("k", 10, slow, charged), b.refundBatched("k", 15, slow, charged)]);
      expect(Math.floor(first.remaining)).toBe(50);
      expect(Math.floor(second.remaining)).toBe(55);
      expect(Math.floor((await b.take("k", 0, slow)).remaining)).toBe(65);
    } finally {
      await b.close();
    }
  });

  (process.env.REDIS_URL ? it : it.skip)("sends refunds still held when closed", async () => {
    const prefix = `khabar:test:${Date.now()}:close:`;
    const slow = { capacity: 100, refillPerSecond: 0.001 };
    const a = await RedisBuckets.connect(process.env.REDIS_URL!, prefix, log);
    void a.refundBatched("k", 30, slow, await a.take("k", 50, slow));
    await a.close();
    const b = await RedisBuckets.connect(process.env.REDIS_URL!, prefix, log);
    try {
      expect(Math.floor((await b.take("k", 0, slow)).remaining)).toBe(80);
    } finally {
      await b.close();
    }
  });
});
