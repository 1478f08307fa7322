import { Transform, Writable, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FetchError } from "./errors";

export interface BodyLimits {
  maxBodyBytes: number;
  url: string;
}

/**
 * Streams a response body through its decoders, refusing it as soon as either the bytes on the
 * wire or the decompressed bytes pass the cap: memory stays bounded by the cap whatever the
 * server sends, a gzip bomb included.
 */
export async function readBody(source: Readable, decoders: Transform[], limits: BodyLimits): Promise<Buffer> {
  const decoderErrors = new WeakSet<object>();
  for (const decoder of decoders) decoder.on("error", (error) => decoderErrors.add(error));
  const sink = new CappedSink(limits, "decompressed");
  try {
    await pipeline([source, new WireCounter(limits), ...decoders, sink]);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const details = { url: limits.url, cause: error };
    if (typeof error === "object" && error !== null && decoderErrors.has(error)) {
      throw new FetchError("DECOMPRESSION", `fetch.body: expected a well-formed compressed body, got ${describe(error)}`, details);
    }
    throw new FetchError("NETWORK", `fetch.body: connection failed while reading the body: ${describe(error)}`, details);
  }
  return Buffer.concat(sink.chunks, sink.total);
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(" ") || String(error);
}

export function tooLarge(limits: BodyLimits, what: string, seen: number): FetchError {
  const got = seen > limits.maxBodyBytes ? "more than that" : String(seen);
  return new FetchError("TOO_LARGE", `fetch.body: expected at most ${limits.maxBodyBytes} bytes, got ${got} (${what})`, { url: limits.url });
}

class WireCounter extends Transform {
  private total = 0;

  constructor(private readonly limits: BodyLimits) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.limits.maxBodyBytes) return callback(tooLarge(this.limits, "on the wire", this.total));
    callback(null, chunk);
  }
}

class CappedSink extends Writable {
  readonly chunks: Buffer[] = [];
  total = 0;

  constructor(
    private readonly limits: BodyLimits,
    private readonly what: string,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.total += chunk.length;
    if (this.total > this.limits.maxBodyBytes) return callback(tooLarge(this.limits, this.what, this.total));
    this.chunks.push(chunk);
    callback();
  }
}
