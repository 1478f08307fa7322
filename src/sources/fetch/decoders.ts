import { Transform, type TransformCallback } from "node:stream";
import zlib from "node:zlib";
import { FetchError, preview } from "./errors";

// Lenient like browsers: a gzip/deflate stream cut short without its trailer still yields what arrived.
const ZLIB_OPTIONS: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS: zlib.BrotliOptions = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/**
 * Decoders for a Content-Encoding list, in the order to apply them (the header lists them in the
 * order they were applied). Unknown codings are refused: we only advertise gzip, deflate and br.
 */
export function contentDecoders(header: string | undefined, url: string): Transform[] {
  const codings = (header ?? "").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "" && c !== "identity");
  return codings.reverse().map((coding) => decoderFor(coding, url));
}

function decoderFor(coding: string, url: string): Transform {
  if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip(ZLIB_OPTIONS);
  if (coding === "br") return zlib.createBrotliDecompress(BROTLI_OPTIONS);
  // "deflate" is meant to be zlib-wrapped, but many servers send raw deflate; the first two bytes tell.
  if (coding === "deflate") return new SniffingDecoder((head) => (isZlibHeader(head) ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS)));
  throw new FetchError("DECOMPRESSION", `fetch.decoders: expected gzip, deflate or br content-encoding, got "${preview(coding, 40)}"`, { url });
}

function isZlibHeader(head: Buffer): boolean {
  return head.length >= 2 && (head[0] & 0x0f) === 8 && ((head[0] << 8) | head[1]) % 31 === 0;
}

/** For .gz files served without Content-Encoding (sitemaps): gunzip when the gzip magic is there, else pass through. */
export function gunzipIfMagic(): Transform {
  return new SniffingDecoder((head) => (head[0] === 0x1f && head[1] === 0x8b ? zlib.createGunzip(ZLIB_OPTIONS) : null));
}

/** Chooses its inner decoder from the first two bytes, then streams through it (or passes bytes on unchanged). */
class SniffingDecoder extends Transform {
  private inner: Transform | null | undefined;
  private head: Buffer[] = [];

  constructor(private readonly choose: (head: Buffer) => Transform | null) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner === undefined) {
      this.head.push(chunk);
      if (this.head.reduce((n, b) => n + b.length, 0) < 2) return callback();
      chunk = this.decide();
    }
    this.forward(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    const rest = this.inner === undefined ? this.decide() : Buffer.alloc(0);
    if (!this.inner) {
      if (rest.length > 0) this.push(rest);
      return callback();
    }
    this.inner.once("end", () => callback());
    this.inner.end(rest);
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }

  private decide(): Buffer {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.inner = this.choose(head);
    this.inner?.on("data", (data: Buffer) => this.push(data));
    this.inner?.on("error", (error) => this.destroy(error));
    return head;
  }

  private forward(chunk: Buffer, callback: TransformCallback): void {
    if (!this.inner) return callback(null, chunk);
    if (this.inner.write(chunk)) callback();
    else this.inner.once("drain", () => callback());
  }
}
