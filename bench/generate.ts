import { Command, InvalidArgumentError } from "commander";
import { DEFAULT_DATABASE_URL } from "./db";
import { DEFAULTS, GenerateError, generateDataset, type GenerateReport } from "./generate/load";

/**
 * Fills a PostgreSQL database with a synthetic, deterministic news corpus for the read-path benchmark.
 * Run: npm run build && node dist/bench/generate.js --articles 100000 --database-url postgres://postgres@127.0.0.1:5432/khabar_bench
 */

const int = (name: string) => (raw: string) => {
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name}: expected a whole number, got "${raw}"`);
  return n;
};


export function formatReport(r: GenerateReport): string {
  const lines = [
    `Generated ${r.options.articles} articles (seed ${r.options.seed}) in ${(r.totalMs / 1000).toFixed(1)} s: ` +
      `${r.totalRows} rows, ${r.rowsPerSecond} rows/s, ${r.articlesPerSecond} articles/s overall.`,
    ...Object.entries(r.rows).map(([t, n]) => `  ${t.padEnd(16)} ${String(n).padStart(10)} rows`),
    ...Object.entries(r.phasesMs).map(([p, ms]) => `  ${p.padEnd(28)} ${(ms / 1000).toFixed(1).padStart(8)} s`),
  ];
  for (const c of r.checks ?? []) lines.push(`  check: ${c.name}: ${c.violations === 0 ? "ok" : `${c.violations} violations`}`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const program = new Command("generate")
    .description("Migrate a PostgreSQL database and fill it with a synthetic Arabic/English news corpus via COPY.")
    .option("--articles <n>", "articles", int("--articles"), 100_000)
    .option("--people <n>", "people", int("--people"), DEFAULTS.people)
    .option("--events <n>", "events", int("--events"), DEFAULTS.events)
    .option("--sources <n>", "sources", int("--sources"), DEFAULTS.sources)
    .option("--days <n>", "days the articles span, ending at --end", int("--days"), DEFAULTS.days)
    .option("--end <iso>", "newest article time", DEFAULTS.end.toISOString())
    .option("--seed <n>", "random seed; the same seed gives the same corpus", int("--seed"), DEFAULTS.seed)
    .option("--database-url <url>", "PostgreSQL URL (the database is created if missing)", DEFAULT_DATABASE_URL)
    .option("--reset", "empty the generated tables first", false)
    .option("--keep-indexes", "load with every index in place (slower; for comparison)", false)
    .option("--article-streams <n>", "parallel COPY streams into article", int("--article-streams"), DEFAULTS.articleStreams)
    .option("--verify", "check the denormalised columns and invariants afterwards", false)
    .option("--json <file>", "also write the report as JSON")
    .parse();
  const o = program.opts();
  const report = await generateDataset({
    articles: o.articles,
    people: o.people,
    events: o.events,
    sources: o.sources,
    days: o.days,
    end: new Date(o.end),
    seed: o.seed,
    eventShare: DEFAULTS.eventShare,
    databaseUrl: o.databaseUrl,
    reset: o.reset,
    keepIndexes: o.keepIndexes,
    articleStreams: o.articleStreams,
    verify: o.verify,
  }, (line) => console.error(line));
  console.log(formatReport(report));
  if (o.json) {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(o.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (report.checks?.some((c) => c.violations > 0)) process.exitCode = 2;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof GenerateError ? err.message : err);
    process.exit(1);
  });
}
