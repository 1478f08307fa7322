import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Route { status?: number; type?: string; body: string | Buffer; headers?: Record<string, string> }
/** A route computed from the request (query string, headers). */
export type Handler = (req: http.IncomingMessage, url: URL) => Route;

/** A 127.0.0.1 server whose routes tests change between refreshes; it honours If-None-Match. */
export async function startLocalServer(): Promise<{ url: string; routes: Map<string, Route | Handler>; hits: Map<string, number>; close(): Promise<void> }> {
  const routes = new Map<string, Route | Handler>();
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const entry = routes.get(path);
    const r = typeof entry === "function" ? entry(req, new URL(req.url ?? "/", "http://127.0.0.1")) : entry;
    if (!r) {
      res.writeHead(404).end("not found");
      return;
    }
    const etag = `"${Buffer.from(r.body).length}-${Buffer.from(r.body).subarray(0, 64).toString("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(r.status ?? 200, { "content-type": r.type ?? "text/html; charset=utf-8", etag, ...r.headers }).end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, routes, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
