import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { Command, InvalidArgumentError } from "commander";
import { graphql, type GraphQLSchema } from "graphql";
import { Client } from "pg";
import type { DataSource, EntityManager } from "typeorm";
import { MemoryCache } from "../src/cache/memory.cache";
import type { Cache } from "../src/cache";
import { loadConfig } from "../src/config/config";
import { openDatabase } from "../src/db/data-source";
import type { Context } from "../src/graphql/context";
import { toGlobalId } from "../src/graphql/global-id";
import { RequestCache } from "../src/graphql/loaders/cached-batch";
import { Loaders } from "../src/graphql/loaders/loaders";
import { buildKhabarSchema } from "../src/graphql/schema";
import { analysedOf, type Analysed } from "../src/ingest/analyse";
import { articleStatKeys, assignToEvent, type ClusterArticle } from "../src/ingest/cluster";
import { pgDedup } from "../src/ingest/cluster/pg.dedup";
import { PgEntityStats } from "../src/ingest/cluster/pg.stats";
import { PgEventStore } from "../src/ingest/cluster/pg.store";
import { PeopleLinker, refKey } from "../src/ingest/link/people.linker";
import { persistArticle, persistArticles, type PersistDeps, type PersistStep } from "../src/ingest/persist";
import { articlesUnderEvents, rebuildRollups, syncRollups } from "../src/ingest/rollups";
import { storeArticle } from "../src/ingest/store/article.store";
import { createLogger } from "../src/logging";
import { countArticles, databaseName, ensureDatabase } from "./db";
import { DEFAULTS, generateDataset } from "./generate/load";

/**
 * Entity-graph benchmark: relations queries for the most-mentioned person (executed in-process
 * through the GraphQL schema and resolvers, no HTTP), and the per-article cost clustering and rollup
 * maintenance add at ingest (phases of the persist path timed on a throwaway copy of the dataset).
 * Run: npm run build && node dist/bench/relations.js --database-url postgres://postgres@127.0.0.1:5432/khabar_relations
 */

const int = (name: string) => (raw: string) => {
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name}: expected a positive whole number, got "${raw}"`);
  return n;
};

interface Stats { p50: number; p95: number; p99: number; mean: number }

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

/** A cache that never answers: every request runs its SQL (PostgreSQL's buffers are still warm). */
const NO_CACHE: Cache = {
  kind: "memory",
  get: async () => undefined,
  mget: async (keys) => keys.map(() => undefined),
  set: async () => undefined,
  mset: async () => undefined,
  del: async () => undefined,
  generation: async () => undefined,
  mgetWithGeneration: async () => undefined,
  bumpGeneration: async () => undefined,
  ping: async () => true,
  close: async () => undefined,
};

async function ensureDataset(url: string, articles: number, log: (l: string) => void): Promise<boolean> {
  await ensureDatabase(url);
  const have = await countArticles(url);
  if (have !== undefined && have >= articles) return false;
  log(`generating ${articles} articles (the database has ${have ?? 0})`);
  await generateDataset({ ...DEFAULTS, articles, databaseUrl: url, reset: true, keepIndexes: false, verify: false }, log);
  return true;
}

interface Workload { name: string; query: string; variables: Record<string, unknown> }

async function workloads(db: DataSource): Promise<{ list: Workload[]; person: { id: number; mentions: number }; end: Date }> {
  const [person] = await db.query(`SELECT id, mention_count AS mentions FROM person WHERE merged_into_id IS NULL ORDER BY mention_count DESC, id LIMIT 1`);
  const [{ end }] = await db.query(`SELECT max(published_at) AS end FROM article`);
  const [mid] = await db.query(`SELECT id FROM person WHERE merged_into_id IS NULL AND mention_count > 0 ORDER BY mention_count, id LIMIT 1 OFFSET 200`);
  const [article] = await db.query(`SELECT article_id AS id FROM article_person WHERE person_id = $1 ORDER BY published_at DESC LIMIT 1`, [person.id]);
  const e = toGlobalId("Person", person.id);
  const to = new Date(end);
  const days = (n: number) => new Date(to.getTime() - n * 86_400_000).toISOString();
  const CO = `query($e: ID!, $from: DateTimeISO, $to: DateTimeISO) { coMentions(entity: $e, from: $from, to: $to, first: 20) {
    count firstSeen lastSeen entity { id name } articles(first: 3) { id title } } }`;
  const TL = `query($e: ID!, $i: TimelineInterval!, $from: DateTimeISO, $to: DateTimeISO) { timeline(entity: $e, interval: $i, from: $from, to: $to) { start count } }`;
  const list: Workload[] = [
    { name: "coMentions, 30 days", query: CO, variables: { e, from: days(30), to: to.toISOString() } },
    { name: "coMentions, 365 days", query: CO, variables: { e, from: days(365), to: to.toISOString() } },
    { name: "coMentions, all time", query: CO, variables: { e } },
    { name: "timeline DAY, 365 days", query: TL, variables: { e, i: "DAY", from: days(365), to: to.toISOString() } },
    { name: "timeline HOUR, 31 days", query: TL, variables: { e, i: "HOUR", from: days(31), to: to.toISOString() } },
    { name: "timeline WEEK, 5 years", query: TL, variables: { e, i: "WEEK", from: days(5 * 365), to: to.toISOString() } },
    { name: "trending PERSON", query: `query($at: DateTimeISO) { trending(kind: PERSON, window: { at: $at }) { entity { id name } score } }`, variables: { at: to.toISOString() } },
    { name: "path to a rarer person", query: `query($a: ID!, $b: ID!) { path(from: $a, to: $b) { hops nodes { id } links { count articles(first: 1) { id } } } }`, variables: { a: e, b: toGlobalId("Person", mid.id) } },
    { name: "Article.related(10)", query: `query($id: ID!) { article(id: $id) { related(first: 10) { id title } duplicates { id } } }`, variables: { id: toGlobalId("Article", article.id) } },
  ];
  return { list, person, end: to };
}

function contextFor(db: DataSource, cache: Cache): Context {
  const config = loadConfig({ NODE_ENV: "production" });
  return {
    requestId: "bench", config, db, cache, log: createLogger({ ...config, logLevel: "silent" }),
    loaders: new Loaders(db, new RequestCache(cache, 300)), auth: { role: "public" }, services: {},
  };
}

async function runOnce(schema: GraphQLSchema, db: DataSource, w: Workload, cache: Cache): Promise<number> {
  const t = performance.now();
  const res = await graphql({ schema, source: w.query, variableValues: w.variables, contextValue: contextFor(db, cache) });
  if (res.errors?.length) throw new Error(`bench.relations: ${w.name}: ${res.errors[0].message}`);
  return performance.now() - t;
}

type Mode = "sqlEveryRequest" | "warmCache";

/**
 * Every workload in both cache modes, in alternating rounds (the machine is shared: a burst of load
 * then spreads over all of them instead of landing on one); percentiles over all rounds' samples.
 */
async function measureAll(schema: GraphQLSchema, db: DataSource, list: Workload[], iterations: number, rounds: number) {
  const caches: Record<Mode, Cache> = { sqlEveryRequest: NO_CACHE, warmCache: new MemoryCache(100_000) };
  const samples = new Map<string, number[]>();
  for (const w of list) for (const mode of Object.keys(caches) as Mode[]) for (let i = 0; i < 3; i++) await runOnce(schema, db, w, caches[mode]);
  for (let r = 0; r < rounds; r++) {
    for (const w of list) {
      for (const mode of Object.keys(caches) as Mode[]) {
        const got = samples.get(`${w.name}|${mode}`) ?? [];
        for (let i = 0; i < Math.ceil(iterations / rounds); i++) got.push(await runOnce(schema, db, w, caches[mode]));
        samples.set(`${w.name}|${mode}`, got);
      }
    }
  }
  return list.map((w) => ({ name: w.name, sqlEveryRequest: stats(samples.get(`${w.name}|sqlEveryRequest`)!), warmCache: stats(samples.get(`${w.name}|warmCache`)!) }));
}

/** New articles shaped like recent ones (same text, entities and languages), arriving after the last. */
async function ingestItems(db: DataSource, count: number, end: Date): Promise<{ sourceId: number; item: Analysed }[]> {
  const rows = await db.query(
    `SELECT a.id, a.source_id AS "sourceId", a.title, a.summary, a.body_text AS "bodyText", a.language, a.word_count AS "wordCount",
       (SELECT json_agg(json_build_object('id', person_id, 'count', count, 'salience', salience)) FROM article_person WHERE article_id = a.id) AS people,
       (SELECT json_agg(json_build_object('code', country_code, 'count', count, 'salience', salience)) FROM article_country WHERE article_id = a.id) AS countries
     FROM article a WHERE a.original_id IS NULL ORDER BY a.published_at DESC LIMIT $1`, [count]);
  const run = Date.now().toString(36);
  return rows.reverse().map((r: any, i: number) => {
    const url = `https://bench.relations.example/${run}/${i}`;
    const at = new Date(end.getTime() + (i + 1) * 60_000);
    const item: Analysed = analysedOf(
      {
        url, canonicalUrl: url, title: r.title, summary: r.summary ?? undefined, bodyHtml: "", bodyText: r.bodyText, language: r.language,
        direction: r.language === "ar" ? "rtl" : "ltr", publishedAt: at, fetchedAt: at, authors: [], tags: [],
        contentHash: `${run}-${i}`, wordCount: r.wordCount, seeAlso: [], relatedLinks: [], images: [],
      },
      {
        people: (r.people ?? []).map((p: any) => ({ ref: { kind: "kb", id: `db:${p.id}` }, count: p.count, salience: p.salience, firstOffset: 0, surfaces: [] })),
        countries: (r.countries ?? []).map((c: any) => ({ code: c.code.trim(), via: [], count: c.count, salience: c.salience, firstOffset: 0, surfaces: [] })),
        places: [], orgs: [], regions: [], suggestions: [], credited: { orgs: [], names: [] },
      },
    );
    return { sourceId: r.sourceId, item };
  });
}

type Phase = "link" | "store" | "cluster" | "rollups";

/** persistArticle's steps, one by one, each timed (kept in step with src/ingest/persist.ts). */
async function persistTimed(em: EntityManager, sourceId: number, { draft, entities }: Analysed, linker: PeopleLinker, codes: Set<string>, t: Record<Phase, number>) {
  let mark = performance.now();
  const lap = (p: Phase) => {
    const now = performance.now();
    t[p] += now - mark;
    mark = now;
  };
  const ids = await linker.resolve(em, entities.people.map((p) => p.ref));
  const people = entities.people.map((p) => ({ personId: ids.get(refKey(p.ref))!, count: p.count, salience: p.salience, firstOffset: p.firstOffset }))
    .filter((p, i, all) => p.personId !== undefined && all.findIndex((q) => q.personId === p.personId) === i);
  const countries = entities.countries.filter((c) => codes.has(c.code)).map((c) => ({ code: c.code, count: c.count, salience: c.salience, firstOffset: c.firstOffset }));
  lap("link");
  const stored = await storeArticle(em, { ...draft, sourceId, people, countries }, pgDedup(draft.bodyText, draft.wordCount));
  lap("store");
  const article: ClusterArticle = {
    id: String(stored.articleId), sourceId: String(sourceId), language: draft.language, publishedAt: draft.publishedAt, title: draft.title,
    summary: draft.summary, bodyText: draft.bodyText, places: [],
    people: people.map((p) => ({ id: String(p.personId), salience: p.salience, count: p.count })),
    countries: countries.map((c) => ({ code: c.code, salience: c.salience, count: c.count })),
    ...(stored.originalId !== undefined ? { duplicateOf: String(stored.originalId) } : {}),
  };
  const keys = articleStatKeys(article);
  const result = await assignToEvent(article, new PgEventStore(em), await PgEntityStats.forKeys(em, keys), { windowHours: 72, newEventId: (a) => a.id });
  if (article.duplicateOf === undefined) await PgEntityStats.observe(em, keys);
  lap("cluster");
  const moved = await articlesUnderEvents(em, Number(result.eventId), result.merged.map(Number));
  await syncRollups(em, [stored.articleId, ...moved]);
  lap("rollups");
}

/**
 * A throwaway copy of the dataset (CREATE DATABASE … TEMPLATE), so ingest can commit like the
 * pipeline does — one transaction per feed-sized batch — and the dataset stays as generated.
 */
async function withClone<T>(url: string, fn: (db: DataSource) => Promise<T>): Promise<T> {
  const source = databaseName(url);
  const cloneUrl = new URL(url);
  cloneUrl.pathname = `/${source}_ingest_bench`;
  const clone = databaseName(cloneUrl.toString());
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = async (q: string) => {
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await sql(`DROP DATABASE IF EXISTS "${clone}"`);
  await sql(`CREATE DATABASE "${clone}" TEMPLATE "${source}"`);
  const db = await openDatabase({ databaseUrl: cloneUrl.toString(), dataDir: "memory://", dbPoolSize: 2 }, {});
  try {
    return await fn(db.dataSource);
  } finally {
    await db.close();
    await sql(`DROP DATABASE IF EXISTS "${clone}"`);
  }
}

interface IngestCost {
  articles: number;
  batch: number;
  msPerArticle: Record<Phase | "persistArticle", number>;
  /** The pipeline's path: each transaction's articles as one persistArticles batch per source. */
  batchedMsPerArticle: Record<PersistStep | "persistArticles", number>;
  /** CPU of the same steps, this process and the transaction's PostgreSQL backend (wall time moves with the neighbours' load). */
  batchedCpuMsPerArticle: Record<PersistStep, { worker: number; pg: number }>;
}

/** Feed-sized transactions: the pipeline commits once per source refresh. */
const BATCH = 50;

async function inBatches(db: DataSource, items: { sourceId: number; item: Analysed }[], fn: (em: EntityManager, sourceId: number, item: Analysed) => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < items.length; i += BATCH) {
    await db.transaction(async (em) => {
      for (const { sourceId, item } of items.slice(i, i + BATCH)) await fn(em, sourceId, item);
    });
  }
  return performance.now() - started;
}

/** CPU ms a backend has used so far (/proc, so only when PostgreSQL runs on this machine; else 0). */
function backendCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const workerCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type StepCpu = Record<PersistStep, { worker: number; pg: number }>;

/** Steps of persistArticles timed: `start` before each call, `done` (its stepDone) as each step ends; CPU too, given the backend. */
function stepTimer(into: Record<PersistStep, number>, cpu: StepCpu) {
  let mark = performance.now();
  let pid: number | undefined;
  let cpuMark = { worker: 0, pg: 0 };
  return {
    start: (backendPid?: number) => {
      pid = backendPid;
      cpuMark = { worker: workerCpuMs(), pg: backendCpuMs(pid) };
      mark = performance.now();
    },
    done: (step: PersistStep) => {
      const now = performance.now();
      into[step] += now - mark;
      mark = now;
      const at = { worker: workerCpuMs(), pg: backendCpuMs(pid) };
      cpu[step].worker += at.worker - cpuMark.worker;
      cpu[step].pg += at.pg - cpuMark.pg;
      cpuMark = at;
    },
  };
}

/** Transactions of BATCH items; in each, one persistArticles call per source, as a refresh does. */
async function persistBatches(db: DataSource, items: { sourceId: number; item: Analysed }[], deps: PersistDeps, timer: ReturnType<typeof stepTimer>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < items.length; i += BATCH) {
    const bySource = new Map<number, Analysed[]>();
    for (const { sourceId, item } of items.slice(i, i + BATCH)) bySource.set(sourceId, [...(bySource.get(sourceId) ?? []), item]);
    await db.transaction(async (em) => {
      const [{ pid }] = await em.query(`SELECT pg_backend_pid() AS pid`);
      for (const [sourceId, group] of bySource) {
        timer.start(pid);
        const outcomes = await persistArticles(em, sourceId, group, { ...deps, stepDone: timer.done });
        for (const [k, o] of outcomes.entries()) if (o.outcome !== "created") {
          const [row] = await em.query(`SELECT canonical_url, content_hash, published_at FROM article WHERE id = $1`, [o.articleId]);
          throw new Error(`bench.relations: expected new articles in the batched run, got ${o.outcome} for article ${o.articleId} ${JSON.stringify(row)} item ${group[k].draft.canonicalUrl} ${group[k].draft.contentHash} ${group[k].draft.publishedAt.toISOString()}`);
        }
      }
    });
  }
  return performance.now() - started;
}

/**
 * Per-article cost of each persist phase over `count` new articles, after a warm-up that fills the
 * event index the generator leaves empty; then the same count through the real persistArticle.
 */
async function ingestCost(db: DataSource, end: Date, count: number, warmup: number): Promise<IngestCost> {
  const items = await ingestItems(db, warmup + 3 * count, end);
  const linker = await PeopleLinker.load(db);
  const codes = new Set<string>((await db.query(`SELECT code FROM country`)).map((c: { code: string }) => c.code));
  const phases: Record<Phase, number> = { link: 0, store: 0, cluster: 0, rollups: 0 };
  const discard: Record<Phase, number> = { link: 0, store: 0, cluster: 0, rollups: 0 };
  await inBatches(db, items.slice(0, warmup), (em, sourceId, item) => persistTimed(em, sourceId, item, linker, codes, discard));
  await inBatches(db, items.slice(warmup, warmup + count), (em, sourceId, item) => persistTimed(em, sourceId, item, linker, codes, phases));
  const deps = { linker, countryCodes: codes, windowHours: 72 };
  const whole = await inBatches(db, items.slice(warmup + count, warmup + 2 * count), async (em, sourceId, item) => {
    await persistArticle(em, sourceId, item, deps);
  });
  const per = (ms: number) => Math.round((ms / count) * 100) / 100;
  const steps: Record<PersistStep, number> = { link: 0, store: 0, cluster: 0, rollups: 0 };
  const cpu: StepCpu = { link: { worker: 0, pg: 0 }, store: { worker: 0, pg: 0 }, cluster: { worker: 0, pg: 0 }, rollups: { worker: 0, pg: 0 } };
  const batched = await persistBatches(db, items.slice(warmup + 2 * count), deps, stepTimer(steps, cpu));
  const perCpu = (c: { worker: number; pg: number }) => ({ worker: per(c.worker), pg: per(c.pg) });
  return {
    articles: count, batch: BATCH,
    msPerArticle: { link: per(phases.link), store: per(phases.store), cluster: per(phases.cluster), rollups: per(phases.rollups), persistArticle: per(whole) },
    batchedMsPerArticle: { link: per(steps.link), store: per(steps.store), cluster: per(steps.cluster), rollups: per(steps.rollups), persistArticles: per(batched) },
    batchedCpuMsPerArticle: { link: perCpu(cpu.link), store: perCpu(cpu.store), cluster: perCpu(cpu.cluster), rollups: perCpu(cpu.rollups) },
  };
}

async function main(): Promise<void> {
  const o = new Command("relations")
    .description("Measure the entity-graph queries and the ingest cost of clustering and rollups.")
    .option("--database-url <url>", "PostgreSQL URL (generated into when it has too few articles)", process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/khabar_relations")
    .option("--articles <n>", "articles the dataset needs", int("--articles"), 100_000)
    .option("--iterations <n>", "timed runs per query and cache mode", int("--iterations"), 200)
    .option("--rounds <n>", "alternating rounds the iterations are spread over", int("--rounds"), 5)
    .option("--ingest <n>", "articles timed through the persist path", int("--ingest"), 500)
    .option("--rebuild", "rebuild the rollups even when they look current", false)
    .option("--no-queries", "skip the relations queries: time the write path only")
    .option("--json <file>", "also write the results as JSON")
    .parse()
    .opts();
  const log = (line: string) => console.error(line);
  const generated = await ensureDataset(o.databaseUrl, o.articles, log);
  const db = await openDatabase({ databaseUrl: o.databaseUrl, dataDir: "memory://", dbPoolSize: 4 }, { migrate: true });
  const ds = db.dataSource;
  try {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM article_rollup LIMIT 1) x`);
    const rebuild = generated || o.rebuild || n === 0 ? await rebuildRollups(ds) : undefined;
    if (rebuild) log(`rebuildRollups: ${rebuild.articles} articles, ${rebuild.entityDays} entity-days, ${rebuild.pairDays} pair-days, ${rebuild.pairTotals} pairs in ${(rebuild.ms / 1000).toFixed(1)} s`);
    const [{ articles }] = await ds.query(`SELECT count(*)::int AS articles FROM article`);
    const { list, person, end } = await workloads(ds);
    const queries = o.queries ? await measureAll(buildKhabarSchema(), ds, list, o.iterations, o.rounds) : [];
    await db.close();
    const ingest = await withClone(o.databaseUrl, (clone) => ingestCost(clone, end, o.ingest, 200));
    const result = { date: new Date().toISOString(), articles, person, rebuild, queries, ingest };
    console.log(`Entity graph on ${articles} articles; most-mentioned person ${person.id} (${person.mentions} articles).`);
    console.log("\n| query | SQL every request p50 / p95 / p99 ms | warm cache p50 / p95 / p99 ms |\n|---|---|---|");
    for (const q of queries) {
      const f = (s: Stats) => `${s.p50} / ${s.p95} / ${s.p99}`;
      console.log(`| ${q.name} | ${f(q.sqlEveryRequest)} | ${f(q.warmCache)} |`);
    }
    const m = ingest.msPerArticle;
    console.log(`\nIngest, ${ingest.articles} articles in transactions of ${ingest.batch} (ms/article): link ${m.link}, store+dedup ${m.store}, ` +
      `clustering ${m.cluster}, rollups ${m.rollups}; whole persistArticle ${m.persistArticle}.`);
    const b = ingest.batchedMsPerArticle;
    console.log(`The same through persistArticles, one batch per source and transaction (ms/article): link ${b.link}, store+dedup ${b.store}, ` +
      `clustering ${b.cluster}, rollups ${b.rollups}; whole ${b.persistArticles}.`);
    const c = ingest.batchedCpuMsPerArticle;
    const cpu = (x: { worker: number; pg: number }) => `${x.worker} + ${x.pg}`;
    console.log(`Their CPU, this process + PostgreSQL backend (ms/article): link ${cpu(c.link)}, store+dedup ${cpu(c.store)}, ` +
      `clustering ${cpu(c.cluster)}, rollups ${cpu(c.rollups)}.`);
    if (o.json) await writeFile(o.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    if (ds.isInitialized) await db.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
