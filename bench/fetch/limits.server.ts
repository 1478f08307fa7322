import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import zlib from "node:zlib";

const MiB = 1024 * 1024;

/** Streams `total` zero bytes through a compressor, collecting only the compressed output. */
async function bomb(kind: "gzip" | "br" | "deflate", total: number): Promise<Buffer> {
  const zeros = Buffer.alloc(MiB);
  let left = total;
  const source = Readable.from(
    (function* () {
      for (; left > 0; left -= MiB) yield left >= MiB ? zeros : zeros.subarray(0, left);
    })(),
  );
  const compressor =
    kind === "gzip"
      ? zlib.createGzip({ level: 9 })
      : kind === "deflate"
        ? zlib.createDeflate({ level: 9 })
        : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
  const chunks: Buffer[] = [];
  for await (const chunk of source.pipe(compressor)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function stream(res: http.ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** The hostile server for bench/fetch/limits, run in its own process so its memory is not counted. */
export async function serve(bombBytes: number): Promise<void> {
  const bombs = { gzip: await bomb("gzip", bombBytes), br: await bomb("br", bombBytes), deflate: await bomb("deflate", bombBytes) };
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/50mb-declared") {
      res.writeHead(200, { "content-length": 50 * 1000 * 1000 });
      return stream(res, 50 * 1000 * 1000);
    }
    if (path === "/50mb-chunked") return void (res.writeHead(200), stream(res, 50 * 1000 * 1000));
    if (path === "/10mb-ok") return void (res.writeHead(200), stream(res, 10 * MiB));
    const kind = /^\/bomb-(gzip|br|deflate)$/.exec(path)?.[1] as keyof typeof bombs | undefined;
    if (kind) return void res.writeHead(200, { "content-encoding": kind, "content-length": bombs[kind].length }).end(bombs[kind]);
    if (path === "/trickle") {
      res.writeHead(200);
      const timer = setInterval(() => res.write("x"), 1000);
      return void res.on("close", () => clearInterval(timer));
    }
    res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1", () => {
    const sizes = Object.fromEntries(Object.entries(bombs).map(([k, v]) => [k, v.length]));
    process.send?.({ port: (server.address() as AddressInfo).port, sizes });
  });
  process.on("disconnect", () => process.exit(0));
}
