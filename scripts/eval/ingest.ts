import { evalBodies } from "./bodies";
import { evalFeeds } from "./feeds";
import { evalMetadata, formatReport } from "./metadata";

/**
 * `npm run eval:ingest`: every ingestion score on other people's test data — article bodies
 * (article-extraction-benchmark, scored like its evaluate.py), titles, dates, authors and language
 * (readability, goose3, newspaper4k, htmldate, trafilatura), and feeds (gofeed, rss-parser, feedparser).
 */
async function main(): Promise<void> {
  console.log("## Article bodies (4-word shingle precision/recall averaged over pages; F1 of the averages)");
  const bodies = await evalBodies();
  console.log(`article-extraction-benchmark: P=${bodies.precision.toFixed(4)} R=${bodies.recall.toFixed(4)} F1=${bodies.score.toFixed(4)} (${bodies.pages} pages; goal ≥ 0.96)`);
  for (const note of (bodies.notes ?? "").split(" | ").filter(Boolean)) console.log(`  ${note}`);

  console.log("\n## Page metadata");
  console.log(formatReport(await evalMetadata(), false));

  console.log("\n## Feeds (share of mapped expectations met; goal ≥ 95% each)");
  for (const r of await evalFeeds()) console.log(`${r.name}: ${r.passed}/${r.total} = ${(r.score * 100).toFixed(1)}%`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
