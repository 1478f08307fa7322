import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import zlib from "node:zlib";

/** Compresses `size` zero bytes as a stream (never holding them in memory): a decompression bomb. */
export async function makeBomb(kind: "gzip" | "deflate" | "deflate-raw" | "br", size: number): Promise<Buffer> {
  const zeros = Buffer.alloc(1024 * 1024);
  let left = size;
  const source = Readable.from(
    (function* () {
      while (left > 0) {
        const n = Math.min(left, zeros.length);
        left -= n;
        yield zeros.subarray(0, n);
      }
    })(),
  );
  const compressor =
    kind === "gzip"
      ? zlib.createGzip({ level: 9 })
      : kind === "deflate"
        ? zlib.createDeflate({ level: 9 })
        : kind === "deflate-raw"
          ? zlib.createDeflateRaw({ level: 9 })
          : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
  return buffer(source.pipe(compressor));
}
