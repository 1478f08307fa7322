import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { createFetcher, FetchError } from "../../src/sources/fetch";
import { serve } from "./limits.server";

// Measures time and client memory for the hostile bodies the fetcher must survive.
// Run: npm run build && node --expose-gc dist/bench/fetch/limits.js [bombGiB=1]
const MiB = 1024 * 1024;

interface Sample {
  rss: number;
  heap: number;
  buffers: number;
}

function memory(): Sample {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers };
}

async function measure(label: string, run: () => Promise<string>): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = memory();
  const peak = { ...base };
  const timer = setInterval(() => {
    const now = memory();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heap);
    peak.buffers = Math.max(peak.buffers, now.buffers);
  }, 2);
  const start = performance.now();
  const outcome = await run();
  const ms = performance.now() - start;
  clearInterval(timer);
  const mb = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
  const columns = [
    label.padEnd(16),
    outcome.padEnd(14),
    `${ms.toFixed(0).padStart(6)} ms`,
    `peak Δrss ${mb(peak.rss - base.rss).padStart(10)}`,
    `Δheap ${mb(peak.heap - base.heap).padStart(9)}`,
    `Δbuffers ${mb(peak.buffers - base.buffers).padStart(9)}`,
  ];
  console.log(columns.join("  "));
}

async function main(): Promise<void> {
  const bombGiB = Number(process.argv[2] ?? "1");
  const child = fork(__filename, ["--serve", String(bombGiB)], { stdio: "inherit" });
  const ready = await new Promise<{ port: number; sizes: Record<string, number> }>((resolve) => child.once("message", (m) => resolve(m as never)));
  console.log(`bomb: ${bombGiB} GiB of zeros; compressed sizes ${JSON.stringify(ready.sizes)} bytes; cap 15 MiB`);
  const fetcher = createFetcher({ allowHosts: ["127.0.0.1"], totalTimeoutMs: 5000 });
  const url = (path: string) => `http://127.0.0.1:${ready.port}${path}`;
  const outcome = (path: string) => () =>
    fetcher({ url: url(path) }).then(
      (res) => `ok ${(res.body.length / MiB).toFixed(1)} MiB`,
      (error: unknown) => (error instanceof FetchError ? error.code : String(error)),
    );
  for (const path of ["/10mb-ok", "/50mb-declared", "/50mb-chunked", "/bomb-gzip", "/bomb-deflate", "/bomb-br", "/trickle"]) {
    await measure(path, outcome(path));
  }
  fetcher.close();
  child.disconnect();
}

if (process.argv[2] === "--serve") void serve(Number(process.argv[3]) * 1024 * MiB);
else void main();
