/**
 * An analysis thread: builds the same matcher as the ingest runtime (bundled knowledge base plus
 * the people found in text earlier, sent as workerData) and answers analysis and page-extraction
 * requests. An error thrown by the work comes back as its name, message and code.
 */
import { parentPort, workerData } from "node:worker_threads";
import { extractArticle } from "../sources/extract/article.extractor";
import { analyseItem, type AnalyseJob } from "./analyse";
import { EntityMatcher, loadKnowledgeBase } from "./entities";
import type { KbEntry } from "./entities/kb.types";

export interface AnalyseWorkerData { knownPeople: KbEntry[]; kbDir?: string }
export type AnalyseRequest = { id: number; op: "analyse"; job: AnalyseJob } | { id: number; op: "extract"; html: string; url: string };
export interface ThrownError { name: string; message: string; code?: string }
export type AnalyseReply = { id: number; value: unknown } | { id: number; error: ThrownError };

function thrown(err: unknown): ThrownError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(typeof code === "string" ? { code } : {}) };
}

function start(port: NonNullable<typeof parentPort>, data: AnalyseWorkerData): void {
  const matcher = new EntityMatcher(loadKnowledgeBase(data.kbDir));
  for (const entry of data.knownPeople) matcher.add(entry);
  const run = (req: AnalyseRequest): unknown =>
    req.op === "analyse" ? req.job.items.map((item) => analyseItem(item, req.job, matcher)) : extractArticle(req.html, req.url);
  port.on("message", (req: AnalyseRequest) => {
    let reply: AnalyseReply;
    try {
      reply = { id: req.id, value: run(req) };
    } catch (err) {
      reply = { id: req.id, error: thrown(err) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) start(parentPort, workerData as AnalyseWorkerData);
