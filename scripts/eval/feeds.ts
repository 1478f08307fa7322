import { evalDateParsers, evalFeedparser } from "./feeds/feedparser";
import { evalGofeedDetection, evalGofeedTranslator } from "./feeds/gofeed";
import { evalRssParser } from "./feeds/rssparser";
import type { SubsetScore } from "./feeds/compare";

/** Scores the feed parsers on other projects' expectations, one row per corpus subset. */
export async function evalFeeds(): Promise<SubsetScore[]> {
  const { excludedReasons: _reasons, ...feedparser } = evalFeedparser();
  return [evalGofeedTranslator(), evalGofeedDetection(), evalRssParser(), feedparser, evalDateParsers()];
}

function printTable(rows: SubsetScore[], verbose: boolean): void {
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${"subset".padEnd(width)}  passed  total   score`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(width)}  ${String(r.passed).padStart(6)}  ${String(r.total).padStart(5)}  ${(r.score * 100).toFixed(1).padStart(5)}%`);
  }
  console.log("");
  for (const r of rows) if (r.notes) console.log(`- ${r.name}: ${verbose ? r.notes : r.notes.slice(0, 400)}`);
}

if (require.main === module) {
  evalFeeds()
    .then((rows) => printTable(rows, process.argv.includes("--verbose")))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
