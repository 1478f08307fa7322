import { readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { MemoryCache } from "../src/cache/memory.cache";
import { loadConfig } from "../src/config/config";
import { openDatabase } from "../src/db/data-source";
import { countStatements } from "../src/db/statement-counter";
import { publishNowhere } from "../src/ingest/ingest-events";
import { ingestDocument, type RefreshReport } from "../src/ingest/pipeline";
import { verifyRollups } from "../src/ingest/rollups";
import { createIngestRuntime } from "../src/ingest/runtime";
import { createLogger } from "../src/logging";

/**
 * `npm run bench:ingest -- [--items 10000] [--per-feed 100] [--concurrency 4] [--verify] [--database-url postgres://…/khabar_bench_ingest]`
 * Generates feed documents (Arabic RSS, English Atom) from the bundled sample articles, then runs
 * each through the whole pipeline (parse → normalise → entities → link → store → dedup → cluster)
 * into a fresh PostgreSQL database, `--concurrency` feeds at a time as a worker does (default: the
 * worker's WORKER_CONCURRENCY), and reports items/s, CPU and statements per refresh, and peak RSS.
 * `--verify` then checks every rollup row against a fresh computation (a full scan).
 */

interface Sample { language: string; title: string; summary: string; body: string[]; publishedAt: string }

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

// Deterministic pseudo-random numbers, so runs compare.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function feedDocument(samples: Sample[], feed: number, perFeed: number, lang: string): string {
  const pool = samples.filter((s) => s.language === lang);
  const items = Array.from({ length: perFeed }, (_, i) => {
    const base = pick(pool);
    const paragraphs = Array.from({ length: 4 + Math.floor(rand() * 5) }, () => pick(pick(pool).body));
    const when = new Date(Date.UTC(2025, 6, 1) + (feed * perFeed + i) * 60_000).toISOString();
    return { id: `bench-${feed}-${i}`, title: `${base.title} (${feed}.${i})`, summary: base.summary, body: paragraphs, when };
  });
  if (lang === "ar") {
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Bench ${feed}</title><link>https://bench${feed}.example/</link><language>ar</language>
${items.map((it) => `<item><guid>${it.id}</guid><title>${esc(it.title)}</title><link>https://bench${feed}.example/${it.id}</link>
<pubDate>${new Date(it.when).toUTCString()}</pubDate><description>${esc(it.summary)}</description>
<content:encoded><![CDATA[${it.body.map((p) => `<p>${p}</p>`).join("")}]]></content:encoded></item>`).join("\n")}</channel></rss>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Bench ${feed}</title>
<id>urn:bench:${feed}</id><updated>2025-07-01T00:00:00Z</updated>
${items.map((it) => `<entry><id>urn:${it.id}</id><title>${esc(it.title)}</title><link href="https://bench${feed}.example/${it.id}"/>
<published>${it.when}</published><updated>${it.when}</updated><summary>${esc(it.summary)}</summary>
<content type="html">${esc(it.body.map((p) => `<p>${p}</p>`).join(""))}</content></entry>`).join("\n")}</feed>`;
}

async function freshDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench/ingest: database name "${name}" must be a plain identifier`);
  target.pathname = "/postgres";
  const admin = new Client({ connectionString: target.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

/** CPU seconds the database server spent in this database's backends, when the server runs on this machine (else undefined). */
async function serverCpuSeconds(q: (sql: string) => Promise<{ pid: number }[]>): Promise<number | undefined> {
  const ticksPerSecond = 100;
  try {
    const rows = await q(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
    let ticks = 0;
    for (const { pid } of rows) {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / ticksPerSecond;
  } catch {
    return undefined;
  }
}

function memory(): string {
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  return `(rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB)`;
}

function peakRssMb(): number {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

interface Tally { created: number; failed: number; refreshes: number; statements: number; maxStatements: number }

async function main(): Promise<void> {
  const total = Number(arg("items", "10000"));
  const perFeed = Number(arg("per-feed", "100"));
  const databaseUrl = arg("database-url", process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/khabar_bench_ingest");
  // ANALYSE_THREADS from the environment, for A/B runs: 0 analyses on the event loop.
  const config = loadConfig({ DATABASE_URL: databaseUrl, NODE_ENV: "production", LOG_LEVEL: "warn", ANALYSE_THREADS: process.env.ANALYSE_THREADS });
  const concurrency = Number(arg("concurrency", String(config.workerConcurrency)));
  const samples: Sample[] = JSON.parse(readFileSync(path.resolve(__dirname, "../src/ingest/samples/articles.json"), "utf8"));
  const feeds = Math.ceil(total / perFeed);
  // Generated one at a time, in feed order whatever the concurrency, so every run ingests the same documents
  // and only the feeds in flight are held (generating takes well under 1% of the time).
  const documentOf = (f: number) => feedDocument(samples, f, Math.min(perFeed, total - f * perFeed), f % 2 ? "en" : "ar");

  await freshDatabase(databaseUrl);
  const log = createLogger(config);
  const db = await openDatabase(config, { migrate: true });
  const runtime = await createIngestRuntime({ config, db: db.dataSource, cache: new MemoryCache(1000), log, publish: publishNowhere });
  const sourceIds: number[] = [];
  for (let f = 0; f < feeds; f++) {
    const [{ id }] = await db.dataSource.query(`INSERT INTO source (url, name, active) VALUES ($1, $2, false) RETURNING id`, [`file:///bench/${f}.xml`, `bench ${f}`]);
    sourceIds.push(id);
  }
  const serverQuery = (sql: string) => db.dataSource.query(sql);
  const serverBefore = await serverCpuSeconds(serverQuery);
  const rssBefore = peakRssMb();
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const tally: Tally = { created: 0, failed: 0, refreshes: 0, statements: 0, maxStatements: 0 };
  let next = 0;
  // A worker refreshes `concurrency` sources at a time: one parses and analyses while another writes.
  const lane = async () => {
    for (let f = next++; f < feeds; f = next++) {
      const document = documentOf(f);
      const { result, statements } = await countStatements(() => ingestDocument(runtime.deps, sourceIds[f], document, `https://bench${f}.example/feed`));
      count(tally, result, statements);
      if (tally.refreshes % 10 === 0) process.stderr.write(`  ${Math.min(tally.refreshes * perFeed, total)} items… ${memory()}\n`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const serverAfter = await serverCpuSeconds(serverQuery);
  const serverMs = serverBefore === undefined || serverAfter === undefined ? "n/a" : ((serverAfter - serverBefore) * 1000 / total).toFixed(2);
  const [{ events }] = await db.dataSource.query(`SELECT count(*)::int AS events FROM event WHERE merged_into_id IS NULL`);
  const [{ dups }] = await db.dataSource.query(`SELECT count(*)::int AS dups FROM article WHERE original_id IS NOT NULL`);
  console.log(`| items | concurrency | created | failed feeds | seconds | items/s | CPU ms/item (this process) | server CPU ms/item | statements/refresh (max) | peak RSS MB | events | near-duplicates |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  console.log(`| ${total} | ${concurrency} | ${tally.created} | ${tally.failed} | ${seconds.toFixed(1)} | ${(total / seconds).toFixed(0)} | ${((cpu.user + cpu.system) / 1000 / total).toFixed(2)} | ${serverMs} | ` +
    `${(tally.statements / Math.max(1, tally.refreshes)).toFixed(1)} (${tally.maxStatements}) | ${peakRssMb()} (${rssBefore} before) | ${events} | ${dups} |`);
  if (process.argv.includes("--verify")) {
    const mismatches = await verifyRollups(db.dataSource);
    console.log(`rollups: ${mismatches.length === 0 ? "exact" : `${mismatches.length} mismatching rows, e.g. ${JSON.stringify(mismatches.slice(0, 3))}`}`);
  }
  await runtime.close();
  await db.close();
}

function count(t: Tally, report: RefreshReport, statements: number): void {
  t.created += report.created;
  t.refreshes += 1;
  t.statements += statements;
  t.maxStatements = Math.max(t.maxStatements, statements);
  if (!report.ok) {
    t.failed += 1;
    process.stderr.write(`  refresh of source ${report.sourceId} failed: ${report.error}\n`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
