import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { analyseAll, analyseItem, type AnalyseJob, type Analysed } from "./analyse";
import { extractArticle } from "../sources/extract/article.extractor";
import type { ParsedArticle } from "../sources/types";
import type { AnalyseReply, AnalyseRequest, AnalyseWorkerData, ThrownError } from "./analyse.worker";
import type { EntityMatcher } from "./entities";

/** The pure, CPU-heavy steps of a refresh — page extraction, normalising and entities: on the event loop, or on analysis threads. */
export interface Analyser {
  /** Threads doing the work; 0 when it runs on the calling thread. */
  readonly threads: number;
  analyse(job: AnalyseJob): Promise<Analysed[]>;
  /** `extractArticle` of a fetched HTML page. */
  extract(html: string, url: string): Promise<ParsedArticle>;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class AnalyseThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalyseThreadError";
  }
}

export function inProcessAnalyser(matcher: EntityMatcher): Analyser {
  return {
    threads: 0,
    analyse: (job) => analyseAll(job.items, (item) => analyseItem(item, job, matcher)),
    extract: async (html, url) => extractArticle(html, url),
    close: async () => undefined,
  };
}

/** The compiled thread script beside this module; undefined when running from TypeScript sources (jest). */
export function analyseWorkerScript(dir: string = __dirname): string | undefined {
  const script = path.join(dir, "analyse.worker.js");
  return existsSync(script) ? script : undefined;
}

interface Pending { resolve(v: unknown): void; reject(e: Error): void }

/** An error the work threw on its thread, as the caller would have seen it on the loop: same name, message and code. */
function rethrown(e: ThrownError): Error {
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code !== undefined) err.code = e.code;
  return err;
}

interface Slot { worker?: Worker; pending: Map<number, Pending> }

export interface ThreadOptions {
  threads: number;
  script: string;
  data: AnalyseWorkerData;
  /** Young generation per thread, MB: 24 (8 MB semi-spaces) kept the ingest bench's process under 400 MB. */
  youngGenerationMb?: number;
}

/**
 * A fixed pool of analysis threads. A job goes to the thread with the fewest jobs waiting; a thread
 * that dies fails only its own jobs (their refreshes are recorded as failed and retried) and is
 * started again for the next one. Idle threads do not keep the process alive.
 */
export function threadedAnalyser(o: ThreadOptions): Analyser {
  if (!Number.isInteger(o.threads) || o.threads < 1) throw new RangeError(`ingest.analyser: expected at least 1 thread, got ${o.threads}`);
  const slots: Slot[] = Array.from({ length: o.threads }, () => ({ pending: new Map() }));
  let nextId = 0;
  let closing = false;

  const failAll = (slot: Slot, message: string) => {
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    slot.worker = undefined;
    for (const p of pending) p.reject(new AnalyseThreadError(message));
  };

  const spawn = (slot: Slot): Worker => {
    const worker = new Worker(o.script, { workerData: o.data, resourceLimits: { maxYoungGenerationSizeMb: o.youngGenerationMb ?? 24 } });
    worker.on("message", (reply: AnalyseReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if ("error" in reply) p.reject(rethrown(reply.error));
      else p.resolve(reply.value);
    });
    worker.on("error", (err) => failAll(slot, `ingest.analyser: an analysis thread failed: ${err.message}`));
    worker.on("exit", (code) => {
      if (slot.worker === worker) failAll(slot, `ingest.analyser: an analysis thread exited with code ${code} before answering`);
    });
    worker.unref();
    return worker;
  };

  const call = <T>(request: DistributiveOmit<AnalyseRequest, "id">): Promise<T> => {
    if (closing) return Promise.reject(new AnalyseThreadError("ingest.analyser: the analyser is closed"));
    const slot = slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
    const worker = (slot.worker ??= spawn(slot));
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      try {
        worker.postMessage({ ...request, id });
      } catch (err) {
        reject(new AnalyseThreadError(`ingest.analyser: a ${request.op} request could not be sent to an analysis thread: ${(err as Error).message}`));
        return;
      }
      slot.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref();
    });
  };

  const analyse = (job: AnalyseJob): Promise<Analysed[]> => (job.items.length === 0 ? Promise.resolve([]) : call<Analysed[]>({ op: "analyse", job }));
  const extract = (html: string, url: string): Promise<ParsedArticle> => call<ParsedArticle>({ op: "extract", html, url });

  const close = async () => {
    closing = true;
    const workers = slots.flatMap((s) => (s.worker ? [s.worker] : []));
    for (const s of slots) failAll(s, "ingest.analyser: the analyser closed before answering");
    await Promise.all(workers.map((w) => w.terminate()));
  };

  return { threads: o.threads, analyse, extract, close };
}
