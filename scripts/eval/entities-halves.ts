/**
 * Arabic person scores on two fixed halves of NewsFANE (even / odd block index), so a rule
 * developed on half A's errors is checked on half B it was not shaped by:
 *   node dist/scripts/eval/entities-halves.js [--errors]   (--errors prints half A's misses and false alarms)
 */
import { createMatcher } from "../../src/ingest/entities";
import type { EntityMatcher } from "../../src/ingest/entities/matcher";
import { predictedSpans, score, type ClassScores } from "./entities";
import { loadNewsfane, type GoldDoc } from "./entities.gold";
import type { Span } from "./entities.metrics";

export function halves(docs: GoldDoc[]): { a: GoldDoc[]; b: GoldDoc[] } {
  return { a: docs.filter((_, i) => i % 2 === 0), b: docs.filter((_, i) => i % 2 === 1) };
}

function row(label: string, s: ClassScores): string {
  const f = (p: ClassScores["exact"]) => `P ${p.precision.toFixed(3)} R ${p.recall.toFixed(3)} F1 ${p.f1.toFixed(3)}`;
  return `${label.padEnd(22)} exact: ${f(s.exact)} | overlap: ${f(s.overlap)}`;
}

function words(doc: GoldDoc, s: Span, pad = 0): string {
  const from = Math.max(0, s.start - pad);
  const to = Math.min(doc.tokens.length, s.end + pad);
  const text = (a: number, b: number) => (a < b ? doc.text.slice(doc.tokens[a].start, doc.tokens[b - 1].end) : "");
  return pad ? `${text(from, s.start)} [${text(s.start, s.end)}] ${text(s.end, to)}`.replace(/\n/g, " ") : text(s.start, s.end);
}

/** Half A's person errors: gold missed, predictions touching no gold, and span mismatches. */
function printErrors(docs: GoldDoc[], matcher: EntityMatcher): void {
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  for (const doc of docs) {
    const pred = predictedSpans(doc, matcher).filter((s) => s.cls === "person");
    const gold = doc.gold.filter((s) => s.cls === "person");
    for (const g of gold) {
      const hit = pred.filter((p) => overlaps(p, g));
      if (hit.length === 0) console.log(`MISS ${doc.id}: ${words(doc, g, 4)}`);
      else if (!hit.some((p) => p.start === g.start && p.end === g.end)) console.log(`SPAN ${doc.id}: gold [${words(doc, g)}] pred ${hit.map((p) => `[${words(doc, p)}]`).join(" ")}`);
    }
    for (const p of pred) if (!gold.some((g) => overlaps(p, g))) console.log(`FP   ${doc.id}: ${words(doc, p, 4)}`);
  }
}

if (require.main === module) {
  const matcher = createMatcher();
  const { a, b } = halves(loadNewsfane());
  if (process.argv.includes("--errors")) printErrors(a, matcher);
  console.log(row(`ar person A (${a.length})`, score(a, matcher).person));
  console.log(row(`ar person B (${b.length})`, score(b, matcher).person));
  console.log(row(`ar country A`, score(a, matcher).country));
  console.log(row(`ar country B`, score(b, matcher).country));
}
