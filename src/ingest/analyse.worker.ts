/**
 * An analysis thread: builds the same matcher as the ingest runtime (bundled knowledge base plus
 * the people found in text earlier, sent as workerData) and answers AnalyseJobs with Analysed[].
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyseItem, type AnalyseJob, type Analysed } from "./analyse";
import { EntityMatcher, loadKnowledgeBase } from "./entities";
import type { KbEntry } from "./entities/kb.types";

export interface AnalyseWorkerData { knownPeople: KbEntry[]; kbDir?: string }
export type AnalyseRequest = { id: number; job: AnalyseJob };
export type AnalyseReply = { id: number; analysed: Analysed[] } | { id: number; error: string };

function start(port: NonNullable<typeof parentPort>, data: AnalyseWorkerData): void {
  const matcher = new EntityMatcher(loadKnowledgeBase(data.kbDir));
  for (const entry of data.knownPeople) matcher.add(entry);
  port.on("message", ({ id, job }: AnalyseRequest) => {
    let reply: AnalyseReply;
    try {
      reply = { id, analysed: job.items.map((item) => analyseItem(item, job, matcher)) };
    } catch (err) {
      reply = { id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) start(parentPort, workerData as AnalyseWorkerData);
