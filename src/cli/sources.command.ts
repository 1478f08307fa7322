import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { SingleBar, Presets } from "cli-progress";
import { decodeBody } from "../sources/fetch";
import { createIngestRuntime } from "../ingest/runtime";
import { ingestDocument, refreshSource, type RefreshReport } from "../ingest/pipeline";
import { publishNowhere } from "../ingest/ingest-events";
import { SourcesService } from "../ingest/sources.service";
import type { CliContext } from "./context";

const positiveInt = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be a positive integer, got "${v}"`);
  return Number(v);
};

function printReport(r: RefreshReport): void {
  if (r.error) console.error(`source ${r.sourceId}: failed — ${r.error}`);
  else console.log(`source ${r.sourceId}: ${r.notModified ? "not modified" : `${r.itemsRead} read, ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged`}`);
  for (const p of r.problems) console.log(`  note: ${p}`);
  if (r.error) process.exitCode = 1;
}

function readLocalFile(target: string): Buffer {
  try {
    return readFileSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a directory, not a file" : (err as Error).message;
    throw new Error(`ingest: cannot read "${target}": ${why} (give a file or an http(s) URL)`);
  }
}

function progressBar(label: string) {
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} items`, hideCursor: true, noTTYOutput: false }, Presets.shades_classic);
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

/** The service the admin mutations use, over the CLI's database and cache, with the operator's mapping directory. */
async function sourcesService(ctx: CliContext): Promise<SourcesService> {
  return new SourcesService((await ctx.openDb()).dataSource, await ctx.openCache(), undefined, ctx.config.apiMappingsDir, ctx.config.fetchAllowHosts);
}

async function runtimeFor(ctx: CliContext) {
  const db = await ctx.openDb();
  const cache = await ctx.openCache();
  return { db, runtime: await createIngestRuntime({ config: ctx.config, db: db.dataSource, cache, log: ctx.log, publish: publishNowhere }) };
}

/** `khabar sources add|list|remove`, `khabar ingest <url|file>`, `khabar refresh <id>`. */
export function registerSourceCommands(program: Command, ctx: CliContext): void {
  const sources = program.command("sources").description("manage the sources Khabar polls");

  sources.command("add <url>").description("add a feed, sitemap, API or page to poll")
    .option("--name <name>", "display name")
    .option("--kind <kind>", "force a kind: rss, rdf, atom, jsonfeed, sitemap, html, api")
    .option("--mapping <file>", "API mapping name: <file>.json in API_MAPPINGS_DIR or the bundled mappings (newsapi, guardian)")
    .option("--no-full-text", "do not fetch article pages for teaser items")
    .option("--interval <seconds>", "fixed polling interval", positiveInt("--interval"))
    .action(async (url: string, o: { name?: string; kind?: string; mapping?: string; fullText: boolean; interval?: number }) => {
      const service = await sourcesService(ctx);
      const { id } = await service.add({ url, name: o.name, kind: o.kind as never, mapping: o.mapping, fetchFullText: o.fullText, intervalSeconds: o.interval });
      console.log(`added source ${id}: ${url} (first refresh on the next worker tick, or run \`khabar refresh ${id}\`)`);
    });

  sources.command("list").description("list sources and their health").action(async () => {
    const db = await ctx.openDb();
    const rows: Record<string, unknown>[] = await db.dataSource.query(
      `SELECT id, kind, name, url, active, consecutive_errors AS errors, items_last_run AS items, last_success_at AS "lastSuccess", next_fetch_at AS "nextFetch", last_error AS "lastError" FROM source ORDER BY id`);
    console.table(rows.map((r) => ({ ...r, lastError: typeof r.lastError === "string" ? r.lastError.slice(0, 60) : r.lastError })));
  });

  sources.command("remove <id>").description("remove a source (articles other sources carried stay)")
    .action(async (id: string) => {
      const removed = await (await sourcesService(ctx)).remove(positiveInt("id")(id));
      console.log(removed ? `removed source ${id}` : `no source ${id}`);
      if (!removed) process.exitCode = 1;
    });

  program.command("refresh <id>").description("refresh one source now and print what happened").action(async (id: string) => {
    const { runtime } = await runtimeFor(ctx);
    const bar = progressBar(`source ${id}`);
    try {
      const report = await refreshSource(runtime.deps, positiveInt("id")(id), (d, t) => bar.update(d, t));
      bar.stop();
      printReport(report);
    } finally {
      bar.stop();
      await runtime.close();
    }
  });

  program.command("ingest <urlOrFile>").description("ingest a URL (added as a source) or a local feed/HTML file, with a progress bar")
    .action(async (target: string) => {
      const isUrl = /^https?:\/\//i.test(target);
      // A file is read before anything is stored: a wrong path must leave no source behind.
      const file = isUrl ? undefined : readLocalFile(target);
      const { db, runtime } = await runtimeFor(ctx);
      const bar = progressBar("ingest");
      try {
        const url = isUrl ? target : pathToFileURL(path.resolve(target)).toString();
        const existing: { id: number }[] = await db.dataSource.query(`SELECT id FROM source WHERE url = $1`, [url]);
        const id = existing[0]?.id ?? (isUrl
          ? (await (await sourcesService(ctx)).add({ url })).id
          : (await db.dataSource.query(`INSERT INTO source (url, name, active) VALUES ($1, $2, false) RETURNING id`, [url, path.basename(target)]))[0].id);
        const report = isUrl
          ? await refreshSource(runtime.deps, id, (d, t) => bar.update(d, t))
          : await ingestDocument(runtime.deps, id, decodeBody(file!).text, url, (d, t) => bar.update(d, t));
        bar.stop();
        printReport(report);
      } finally {
        bar.stop();
        await runtime.close();
      }
    });
}
