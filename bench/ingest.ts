import { readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { MemoryCache } from "../src/cache/memory.cache";
import { loadConfig } from "../src/config/config";
import { openDatabase } from "../src/db/data-source";
import { publishNowhere } from "../src/ingest/ingest-events";
import { ingestDocument } from "../src/ingest/pipeline";
import { createIngestRuntime } from "../src/ingest/runtime";
import { createLogger } from "../src/logging";

/**
 * `npm run bench:ingest -- [--items 10000] [--per-feed 100] [--database-url postgres://…/khabar_bench_ingest]`
 * Generates feed documents (Arabic RSS, English Atom) from the bundled sample articles, then runs
 * each through the whole pipeline (parse → normalise → entities → link → store → dedup → cluster)
 * into a fresh PostgreSQL database, and reports items/s and peak RSS.
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

function peakRssMb(): number {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main(): Promise<void> {
  const total = Number(arg("items", "10000"));
  const perFeed = Number(arg("per-feed", "100"));
  const databaseUrl = arg("database-url", process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/khabar_bench_ingest");
  const samples: Sample[] = JSON.parse(readFileSync(path.resolve(__dirname, "../src/ingest/samples/articles.json"), "utf8"));
  const feeds = Math.ceil(total / perFeed);
  const documents = Array.from({ length: feeds }, (_, f) => feedDocument(samples, f, Math.min(perFeed, total - f * perFeed), f % 2 ? "en" : "ar"));

  await freshDatabase(databaseUrl);
  const config = loadConfig({ DATABASE_URL: databaseUrl, NODE_ENV: "production", LOG_LEVEL: "warn" });
  const log = createLogger(config);
  const db = await openDatabase(config, { migrate: true });
  const runtime = await createIngestRuntime({ config, db: db.dataSource, cache: new MemoryCache(1000), log, publish: publishNowhere });
  const rssBefore = peakRssMb();
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let created = 0;
  let failed = 0;
  for (const [f, doc] of documents.entries()) {
    const [{ id }] = await db.dataSource.query(`INSERT INTO source (url, name, active) VALUES ($1, $2, false) RETURNING id`, [`file:///bench/${f}.xml`, `bench ${f}`]);
    const report = await ingestDocument(runtime.deps, id, doc, `https://bench${f}.example/feed`);
    created += report.created;
    if (!report.ok) failed += 1;
    if ((f + 1) % 10 === 0) process.stderr.write(`  ${Math.min((f + 1) * perFeed, total)} items…\n`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const [{ events }] = await db.dataSource.query(`SELECT count(*)::int AS events FROM event WHERE merged_into_id IS NULL`);
  const [{ dups }] = await db.dataSource.query(`SELECT count(*)::int AS dups FROM article WHERE original_id IS NOT NULL`);
  console.log(`| items | created | failed feeds | seconds | items/s | CPU ms/item (this process) | peak RSS MB | events | near-duplicates |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  console.log(`| ${total} | ${created} | ${failed} | ${seconds.toFixed(1)} | ${(total / seconds).toFixed(0)} | ${((cpu.user + cpu.system) / 1000 / total).toFixed(2)} | ${peakRssMb()} (${rssBefore} before) | ${events} | ${dups} |`);
  runtime.close();
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
