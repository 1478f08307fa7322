import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { GenerationBumper } from "../../bench/run/bumper";

const withRedis = process.env.REDIS_URL ? describe : describe.skip;

withRedis("the benchmark's generation bumper", () => {
  it("increments its key once per bump and counts error replies as failures", async () => {
    const key = `khabar-bench-test:${randomBytes(6).toString("hex")}:gen`;
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    const bumper = new GenerationBumper(process.env.REDIS_URL!, key);
    const wrongType = new GenerationBumper(process.env.REDIS_URL!, `${key}:list`);
    try {
      await redis.lPush(`${key}:list`, "x");
      await bumper.connect();
      await wrongType.connect();
      for (let i = 0; i < 5; i++) bumper.bump();
      wrongType.bump();
      // PING after the bumps on another connection does not order them; poll until they land.
      for (let i = 0; i < 50 && ((await redis.get(key)) !== "5" || wrongType.failures === 0); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await redis.get(key)).toBe("5");
      expect(bumper.failures).toBe(0);
      expect(wrongType.failures).toBe(1);
    } finally {
      bumper.close();
      wrongType.close();
      await redis.del([key, `${key}:list`]);
      await redis.close();
    }
  });

  it("refuses a URL with credentials, which it would not send", async () => {
    await expect(new GenerationBumper("redis://user:secret@127.0.0.1:6379", "k").connect()).rejects.toThrow('without credentials or database, got "redis://<credentials>@127.0.0.1:6379"');
  });
});
