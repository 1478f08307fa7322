import { parseFeed } from "../../src/sources/parsers/feed.parser";
import { billionLaughs, externalEntity, PROTO_FEED, quadraticBlowup } from "./feeds/hostile";

/**
 * Measures time and extra heap for hostile XML (the limits the brief sets: < 1 s, < 64 MB).
 * Run with --expose-gc for stable heap figures: node --expose-gc dist/scripts/eval/feeds-safety.js
 */
function measure(name: string, text: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
  const start = process.hrtime.bigint();
  let outcome: string;
  try {
    const feed = parseFeed(text);
    outcome = `parsed, title ${JSON.stringify((feed.title ?? "").slice(0, 40))} (${(feed.title ?? "").length} chars)`;
  } catch (err) {
    outcome = `${(err as { code?: string }).code ?? "error"}: ${(err as Error).message.slice(0, 90)}`;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  clearInterval(sampler);
  console.log(`${name.padEnd(22)} ${ms.toFixed(1).padStart(7)} ms  +${((peak - heapBefore) / 1e6).toFixed(1).padStart(5)} MB heap  ${outcome}`);
}

measure("billion laughs", billionLaughs());
measure("quadratic blowup", quadraticBlowup());
measure("external entity", externalEntity("http://127.0.0.1:9/x", "SYSTEM"));
measure("__proto__ tags", PROTO_FEED);
console.log(`Object.prototype polluted: ${String(({} as Record<string, unknown>).polluted !== undefined)}`);
