import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Cache } from "../cache";
import type { Config } from "../config/config";
import { createFetcher, type Fetcher } from "../sources/fetch";
import { analyseWorkerScript, inProcessAnalyser, threadedAnalyser, type Analyser } from "./analyser";
import { EntityMatcher, loadKnowledgeBase, type KnowledgeBase } from "./entities";
import type { KbEntry } from "./entities/kb.types";
import type { Publish } from "./ingest-events";
import { syncKnowledgeBase } from "./link/kb.sync";
import { PeopleLinker } from "./link/people.linker";
import { refreshSource, type IngestDeps, type RefreshReport } from "./pipeline";

export interface IngestRuntime {
  deps: IngestDeps;
  refresh(sourceId: number): Promise<RefreshReport>;
  /** Stops fetching and the analysis threads; what is in flight fails and is retried on the next run. */
  close(): Promise<void>;
}

/** People found in text earlier, as matcher entries: they join the matcher, so their later mentions are found without cues. */
async function knownTextPeople(db: DataSource): Promise<KbEntry[]> {
  const rows: { id: number; names: Record<string, string>; aliases: string[] }[] = await db.query(
    `SELECT id, names, aliases FROM person WHERE kb_id IS NULL AND merged_into_id IS NULL ORDER BY mention_count DESC LIMIT 50000`);
  const out: KbEntry[] = [];
  for (const r of rows) {
    const ar = [r.names.ar, ...r.aliases.filter((a) => /[\u0600-\u06FF]/.test(a))].filter(Boolean) as string[];
    const en = [r.names.en, ...r.aliases.filter((a) => !/[\u0600-\u06FF]/.test(a))].filter(Boolean) as string[];
    if (!en[0] && !ar[0]) continue;
    // The matcher keys every person by an English display name; Arabic-only finds use their Arabic one.
    const name = ar[0] ? { en: en[0] ?? ar[0], ar: ar[0] } : { en: en[0] };
    out.push({ type: "person", id: `db:${r.id}`, name, aliases: { en, ar }, status: "unverified" });
  }
  return out;
}

/**
 * Analysis threads when configured and the compiled thread script is there, else the event loop. Only the
 * event loop's analyser needs a matcher here: each thread builds its own, and an unused one held ~8 MB
 * of this process's old generation, which V8 then lets grow to ~4× that before a full collection.
 */
function createAnalyser(config: Config, kb: KnowledgeBase, knownPeople: KbEntry[]): { analyser: Analyser; matcher?: EntityMatcher } {
  const script = analyseWorkerScript();
  if (config.analyseThreads > 0 && script) return { analyser: threadedAnalyser({ threads: config.analyseThreads, script, data: { knownPeople } }) };
  const matcher = new EntityMatcher(kb);
  for (const entry of knownPeople) matcher.add(entry);
  return { analyser: inProcessAnalyser(matcher), matcher };
}

/** Everything a refresh needs, built once per process: knowledge base synced, matcher and linker loaded. */
export async function createIngestRuntime(args: {
  config: Config;
  db: DataSource;
  cache: Cache;
  log: Logger;
  publish: Publish;
  fetch?: Fetcher;
  clock?: () => Date;
}): Promise<IngestRuntime> {
  const { config, db, log } = args;
  const kb = loadKnowledgeBase();
  for (const e of kb.errors) log.warn({ file: e.file, line: e.line }, `knowledge base: ${e.problem}`);
  await syncKnowledgeBase(db, kb);
  const textPeople = await knownTextPeople(db);
  const { analyser, matcher } = createAnalyser(config, kb, textPeople);
  const linker = await PeopleLinker.load(db);
  const codes: { code: string }[] = await db.query(`SELECT code FROM country`);
  log.info({ people: kb.people.length, countries: kb.countries.length, textPeople: textPeople.length, analyseThreads: analyser.threads }, "knowledge base loaded");
  const fetch = args.fetch ?? createFetcher({ allowHosts: config.fetchAllowHosts, totalTimeoutMs: config.fetchTimeoutMs, maxBodyBytes: config.fetchMaxBytes });
  const deps: IngestDeps = {
    db,
    fetch,
    matcher,
    analyser,
    linker,
    countryCodes: new Set(codes.map((c) => c.code)),
    publish: args.publish,
    cache: args.cache,
    clock: args.clock ?? (() => new Date()),
    log,
    env: process.env,
    apiMappingsDir: config.apiMappingsDir,
    clusterWindowHours: config.clusterWindowHours,
  };
  return {
    deps,
    refresh: (id) => refreshSource(deps, id),
    close: async () => {
      fetch.close();
      await analyser.close();
    },
  };
}
