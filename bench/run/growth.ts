import { databaseName } from "../db";
import { databaseForSize, ensureDataset } from "./dataset";
import { fmt, summarise, type Summary } from "./report";
import { runSession, type SessionOptions } from "./session";

/** Cost growth: the same workloads over one database per corpus size (khabar_bench_10k, _100k, _1m). */

export interface GrowthRow {
  articles: number;
  database: string;
  /** Minutes the corpus took to generate (now or when it was made), from the dataset's own report. */
  generationMinutes: number | null;
  generatedNow: boolean;
  summaries: Summary[];
}

export interface GrowthOptions extends Omit<SessionOptions, "settings"> {
  sizes: number[];
  baseDatabaseUrl: string;
  seed: number;
  settings: Omit<SessionOptions["settings"], "databaseUrl">;
}

export async function runGrowth(o: GrowthOptions, log: (line: string) => void): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  for (const articles of o.sizes) {
    const databaseUrl = databaseForSize(o.baseDatabaseUrl, articles);
    const started = Date.now();
    const report = await ensureDataset(databaseUrl, articles, o.seed, log);
    const generatedNow = Date.now() - started > 5_000;
    log(`growth: ${articles} articles in ${databaseName(databaseUrl)}`);
    const session = await runSession({ ...o, settings: { ...o.settings, databaseUrl } }, log);
    rows.push({
      articles,
      database: databaseName(databaseUrl),
      generationMinutes: report ? report.totalMs / 60_000 : null,
      generatedNow,
      summaries: summarise(session.measurements),
    });
  }
  return rows;
}

export function growthTable(rows: GrowthRow[]): string {
  const head = ["articles", "generated in (min)", "workload", "server", "req/s", "p50 ms", "p99 ms", "SQL/req", "SQL ms/req (DB CPU)", "gateway CPU ms/req", "req/s ÷ smallest"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const row of rows) {
    for (const s of row.summaries) {
      const first = rows[0].summaries.find((x) => x.workload === s.workload && x.server === s.server);
      const rel = first?.rps && s.rps !== null ? s.rps / first.rps : null;
      lines.push(`| ${[row.articles.toLocaleString("en"), fmt(row.generationMinutes, 1) + (row.generatedNow ? " (this run)" : ""), s.workload, s.server,
        fmt(s.rps, 0), fmt(s.p50, 2), fmt(s.p99, 2), fmt(s.sqlPerRequest, 2), fmt(s.dbCpuMsPerRequest, 2), fmt(s.cpuMsPerRequest, 2), fmt(rel, 2)].join(" | ")} |`);
    }
  }
  return lines.join("\n");
}
