import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction, Socket } from "node:net";
import { readBody, tooLarge } from "./body.reader";
import { contentDecoders, gunzipIfMagic } from "./decoders";
import { FetchError } from "./errors";

export interface HopRequest {
  url: URL;
  headers: Record<string, string>;
  lookup: LookupFunction;
  agent: http.Agent;
  connectTimeoutMs: number;
  /** performance.now() value by which the whole fetch must be over. */
  deadline: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
}

export type HopResult =
  | { kind: "redirect"; status: number; location: string; headers: IncomingHttpHeaders }
  | { kind: "final"; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { kind: "refused"; status: number; statusText: string; headers: IncomingHttpHeaders };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const SUCCESS = new Set([200, 203]);

/** One request/response: redirects and error statuses are reported to the caller, not followed or thrown. */
export async function performHop(hop: HopRequest): Promise<HopResult> {
  const guard = new HopGuard(hop);
  try {
    const res = await guard.open();
    return await readResponse(res, hop);
  } catch (error) {
    // Whatever failed, the connection may still carry an unread body: never hand it back to the pool.
    guard.destroy();
    throw guard.reason ?? asFetchError(error, hop.url.href);
  } finally {
    guard.dispose();
  }
}

async function readResponse(res: IncomingMessage, hop: HopRequest): Promise<HopResult> {
  const status = res.statusCode ?? 0;
  const url = hop.url.href;
  if (REDIRECTS.has(status) && res.headers.location) {
    // A redirect's body is never wanted; reading it would let a server stall or flood us.
    res.destroy();
    return { kind: "redirect", status, location: res.headers.location, headers: res.headers };
  }
  if (status === 304) {
    res.resume();
    return { kind: "final", status, headers: res.headers, body: Buffer.alloc(0) };
  }
  if (!SUCCESS.has(status)) {
    res.destroy();
    return { kind: "refused", status, statusText: res.statusMessage ?? "", headers: res.headers };
  }
  const limits = { maxBodyBytes: hop.maxBodyBytes, url };
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > hop.maxBodyBytes) {
    res.destroy();
    throw tooLarge(limits, "declared by Content-Length", declared);
  }
  const decoders = contentDecoders(res.headers["content-encoding"], url);
  if (looksLikeGzipFile(hop.url, res.headers)) decoders.push(gunzipIfMagic());
  const body = await readBody(res, decoders, limits);
  return { kind: "final", status, headers: res.headers, body };
}

function looksLikeGzipFile(url: URL, headers: IncomingHttpHeaders): boolean {
  const mime = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  return /gzip/.test(mime) || url.pathname.toLowerCase().endsWith(".gz");
}

/** Owns the request and its two timers; whichever fires first becomes the reason every later error is reported as. */
class HopGuard {
  reason: FetchError | undefined;
  private req: http.ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly hop: HopRequest) {}

  open(): Promise<IncomingMessage> {
    const { url, headers, lookup, agent } = this.hop;
    const remaining = this.hop.deadline - performance.now();
    if (remaining <= 0) return Promise.reject(this.abort("TIMEOUT"));
    const transport = url.protocol === "https:" ? https : http;
    const options: http.RequestOptions = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      headers,
      agent,
      lookup,
      joinDuplicateHeaders: true,
    };
    return new Promise((resolve, reject) => {
      const req = transport.request(options);
      this.req = req;
      this.timers.push(setTimeout(() => this.abort("TIMEOUT"), remaining));
      // The connect budget starts when the agent hands over a socket, so waiting in its queue is not
      // mistaken for a dead host; it covers DNS, TCP and the TLS handshake.
      req.on("socket", (socket: Socket) => {
        // A kept-alive socket (reused at once or handed over from the agent's queue) is already connected.
        if (!socket.connecting) return;
        const connectTimer = setTimeout(() => this.abort("CONNECT_TIMEOUT"), this.hop.connectTimeoutMs);
        this.timers.push(connectTimer);
        socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
        req.once("response", () => clearTimeout(connectTimer));
      });
      req.on("response", (res) => {
        this.res = res;
        resolve(res);
      });
      req.on("error", (error) => reject(this.reason ?? error));
      req.end();
    });
  }

  abort(code: "TIMEOUT" | "CONNECT_TIMEOUT"): FetchError {
    const url = this.hop.url.href;
    this.reason ??=
      code === "TIMEOUT"
        ? new FetchError("TIMEOUT", `fetch: expected the whole exchange within ${this.hop.totalTimeoutMs} ms, still running at ${url}`, { url })
        : new FetchError("CONNECT_TIMEOUT", `fetch: expected a connection within ${this.hop.connectTimeoutMs} ms, got none from ${url}`, { url });
    this.res?.destroy(this.reason);
    this.req?.destroy(this.reason);
    return this.reason;
  }

  destroy(): void {
    this.res?.destroy();
    this.req?.destroy();
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }
}

export function asFetchError(error: unknown, url: string): FetchError {
  if (error instanceof FetchError) return error;
  const e = error as { code?: string; message?: string };
  const what = [e.code, e.message].filter(Boolean).join(" ") || String(error);
  return new FetchError("NETWORK", `fetch: network error talking to ${url}: ${what}`, { url, cause: error });
}
