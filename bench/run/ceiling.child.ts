import { createHash } from "node:crypto";
import http from "node:http";
import { createClient } from "redis";

/**
 * The least a cached GraphQL answer can cost: parse the request, hash its body, one Redis GET,
 * write the stored bytes. A miss is answered once by UPSTREAM (a Khabar gateway) and stored.
 * Started by CeilingServer: PORT, REDIS_URL, REDIS_PREFIX, UPSTREAM.
 */

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`bench.ceiling: expected ${name} in the environment, got none`);
  return v;
};

async function main(): Promise<void> {
  const prefix = env("REDIS_PREFIX");
  const upstream = env("UPSTREAM");
  const redis = createClient({ url: env("REDIS_URL") });
  redis.on("error", (err) => console.error(`bench.ceiling: redis: ${(err as Error).message}`));
  await redis.connect();

  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/readyz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ready"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      answer(Buffer.concat(chunks)).then(
        ({ status, body }) => {
          res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) }).end(body);
        },
        (err: Error) => {
          res.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: err.message }] }));
        },
      );
    });
  });

  async function answer(body: Buffer): Promise<{ status: number; body: string }> {
    const key = prefix + createHash("sha256").update(body).digest("base64url");
    const hit = await redis.get(key);
    if (hit !== null) return { status: 200, body: hit };
    const up = await fetch(`${upstream}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array(body) });
    const text = await up.text();
    if (up.ok) await redis.set(key, text, { EX: 3600 });
    return { status: up.status, body: text };
  }

  server.keepAliveTimeout = 65_000;
  server.listen(Number(env("PORT")), "127.0.0.1");
  process.on("SIGTERM", () => {
    server.close();
    void redis.close().finally(() => process.exit(0));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
