import { createConnection, type Socket } from "node:net";

/**
 * INCRs one Redis key over a bare connection, fire and forget: the load generator bumps the cold
 * gateway's cache generation before every request, on the same cores as the servers it measures,
 * and node-redis spent ~0.1 ms of CPU per bump there (a command object, a promise, reply parsing);
 * this writes pre-encoded bytes and only counts error replies. For URLs without credentials or a
 * database number (the bench's own Redis); anything else is refused.
 */
export class GenerationBumper {
  failures = 0;
  private socket?: Socket;
  private readonly command: Buffer;
  private partial = "";

  constructor(private readonly url: string, key: string) {
    this.command = Buffer.from(`*2\r\n$4\r\nINCR\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n`);
  }

  async connect(): Promise<void> {
    const u = new URL(this.url);
    if (u.protocol !== "redis:" || u.username || u.password || (u.pathname && u.pathname !== "/")) {
      const given = `${u.protocol}//${u.username || u.password ? "<credentials>@" : ""}${u.host}${u.pathname}`;
      throw new Error(`bench.bumper: expected redis://host:port without credentials or database, got "${given}"`);
    }
    const socket = createConnection({ host: u.hostname || "127.0.0.1", port: Number(u.port || 6379) });
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.read(chunk.toString("latin1")));
    socket.on("error", () => (this.failures += 1));
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    this.socket = socket;
  }

  bump(): void {
    if (!this.socket || !this.socket.writable) {
      this.failures += 1;
      return;
    }
    this.socket.write(this.command);
  }

  /** Replies are `:<n>\r\n`, or `-<error>\r\n` for a failed bump. */
  private read(text: string): void {
    const lines = (this.partial + text).split("\r\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("-")) this.failures += 1;
  }

  close(): void {
    this.socket?.end();
    this.socket = undefined;
  }
}
