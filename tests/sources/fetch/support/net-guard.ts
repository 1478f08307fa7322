import net from "node:net";

export interface OutboundGuard {
  /** Hosts a socket tried to connect to that were neither loopback nor a *.test name. */
  refused: string[];
  restore(): void;
}

const LOCAL = /^(?:127\.\d+\.\d+\.\d+|::1|localhost|[a-z0-9.-]+\.test)$/i;

/**
 * Makes sure a test can never send a packet off this machine, even if the SSRF guard under test
 * is broken: any socket aimed elsewhere is destroyed before it connects, and the attempt recorded.
 */
// connect(options), connect([options, cb]) (what the http agent uses), connect(port, host) or connect(path).
function targetHost(args: unknown[]): string {
  const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; path?: string } | number | string;
  if (typeof first === "number") return String(args[1] ?? "localhost");
  if (typeof first === "object" && !first.path) return first.host ?? "localhost";
  return "local-path";
}

export function guardOutbound(): OutboundGuard {
  const refused: string[] = [];
  const original = net.Socket.prototype.connect;
  const patched = function (this: net.Socket, ...args: unknown[]) {
    const host = targetHost(args);
    if (host !== "local-path" && !LOCAL.test(host.replace(/^\[|\]$/g, ""))) {
      refused.push(host);
      process.nextTick(() => this.destroy(new Error(`test guard: refused outbound connection to ${host}`)));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = patched as typeof original;
  return { refused, restore: () => void (net.Socket.prototype.connect = original) };
}
