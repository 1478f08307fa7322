import net from "node:net";
import { DeadlineError, Deadlines } from "../../src/cache/deadlines";
import { RedisCache } from "../../src/cache/redis.cache";
import { createLogger } from "../../src/logging";

describe("deadlines for Redis commands", () => {
  afterEach(() => jest.useRealTimers());

  it("passes an answer through and keeps nothing waiting afterwards", async () => {
    const d = new Deadlines(1000, "test");
    await expect(d.run(Promise.resolve(42))).resolves.toBe(42);
    await expect(d.run(Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    expect(d.waiting).toBe(0);
    d.close();
  });

  it("fails a command with no answer once its time is up, and ignores the answer that comes later", async () => {
    jest.useFakeTimers();
    let now = 0;
    const d = new Deadlines(100, "redis test", () => now);
    let answer!: (v: string) => void;
    const slow = d.run(new Promise<string>((resolve) => (answer = resolve)));
    const fast = d.run(Promise.resolve("quick"));
    await expect(fast).resolves.toBe("quick");
    now = 99;
    jest.advanceTimersByTime(50);
    expect(d.waiting).toBe(1);
    now = 101;
    jest.advanceTimersByTime(50);
    await expect(slow).rejects.toThrow(new DeadlineError("redis test: no answer within 100 ms"));
    answer("too late");
    await Promise.resolve();
    expect(d.waiting).toBe(0);
    d.close();
  });

  it("refuses a timeout that is not a positive number of milliseconds", () => {
    expect(() => new Deadlines(0, "x")).toThrow(/above 0, got 0/);
    expect(() => new Deadlines(Number.NaN, "x")).toThrow(/got NaN/);
  });

  it("makes a cache read from a Redis that accepts but never answers a miss, not a hang, and still closes", async () => {
    // A server that answers node-redis's handshake (HELLO, CLIENT …: one "+OK" each) and then nothing more.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => {
      sockets.push(socket);
      let greeted = false;
      socket.on("data", (chunk) => {
        if (greeted) return;
        greeted = true;
        const commands = chunk.toString().split("\r\n").filter((line) => line.startsWith("*")).length;
        socket.write("+OK\r\n".repeat(commands));
      });
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const cache = await RedisCache.connect(`redis://127.0.0.1:${port}`, "t:", createLogger({ logLevel: "silent", env: "test" }), { commandTimeoutMs: 200 });
    try {
      const started = Date.now();
      expect(await cache.get("k")).toBeUndefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await cache.close();
    }
  });
});
