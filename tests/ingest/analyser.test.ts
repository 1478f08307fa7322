import { readFileSync } from "node:fs";
import path from "node:path";
import { analyseWorkerScript, AnalyseThreadError, inProcessAnalyser, threadedAnalyser, type Analyser } from "../../src/ingest/analyser";
import type { AnalyseJob } from "../../src/ingest/analyse";
import { createMatcher } from "../../src/ingest/entities";
import type { KbEntry } from "../../src/ingest/entities/kb.types";
import { readDocument } from "../../src/ingest/read-source";
import { extractArticle } from "../../src/sources/extract/article.extractor";

const fixture = (...p: string[]) => path.resolve(__dirname, "../fixtures", ...p);
// `npm test` builds dist first; the thread runs the compiled script, as in production.
const script = analyseWorkerScript(path.resolve(__dirname, "../../dist/src/ingest"));

const invented: KbEntry = { type: "person", id: "db:999", name: { en: "Zorbul Quentaxi" }, aliases: { en: ["Zorbul Quentaxi"], ar: [] }, status: "unverified" };

async function jobOf(file: string, url: string): Promise<AnalyseJob> {
  const read = await readDocument(readFileSync(fixture(file), "utf8"), url, undefined, null, extractArticle);
  return { items: read.items, ctx: { sourceUrl: url, sourceLanguage: read.feed.language, fetchedAt: new Date("2026-11-30T12:00:00Z") }, fromPage: read.fromPage };
}

const inventedJob: AnalyseJob = {
  items: [{ guid: "z1", title: "Zorbul Quentaxi visits Cairo", url: "https://example.org/z1", bodyHtml: "<p>Zorbul Quentaxi met ministers in Cairo on Monday. Quentaxi said talks went well.</p>",
    authors: [], images: [], seeAlso: [], related: [], isTeaser: false }],
  ctx: { sourceUrl: "https://example.org/feed", sourceLanguage: "en", fetchedAt: new Date("2026-11-30T12:00:00Z") },
  fromPage: false,
};

describe("threaded analyser", () => {
  let threaded: Analyser;
  const local = createMatcher();
  local.add(invented);
  const inProcess = inProcessAnalyser(local);

  beforeAll(() => {
    if (!script) throw new Error("analyser.test: dist/src/ingest/analyse.worker.js is missing; run `npm run build` first");
    threaded = threadedAnalyser({ threads: 2, script, data: { knownPeople: [invented] } });
  });
  afterAll(() => threaded.close());

  it.each([
    ["an Arabic RSS feed", "sources/parsers/arabic-rss.xml", "https://example.org/ar/rss"],
    ["an Arabic Atom feed", "sources/parsers/arabic-atom.xml", "https://example.org/ar/atom"],
    ["the seed article page", "seed/khabarain-lavrov-rubio.html", "https://www.khabarain.example/world/lavrov-rubio"],
  ])("gives exactly what the event loop gives for %s", async (_what, file, url) => {
    const job = await jobOf(file, url);
    expect(job.items.length).toBeGreaterThan(0);
    const [onThread, onLoop] = await Promise.all([threaded.analyse(job), inProcess.analyse(job)]);
    expect(onThread).toEqual(onLoop);
    expect(onThread.some((a) => a.entities.people.length + a.entities.countries.length > 0)).toBe(true);
  });

  it("finds the people the runtime learnt from earlier text, as the event loop's matcher does", async () => {
    const [a] = await threaded.analyse(inventedJob);
    expect(a.entities.people.map((p) => p.ref)).toContainEqual({ kind: "kb", id: "db:999" });
  });

  it("answers jobs sent at once, each with its own items in order", async () => {
    const jobs = [await jobOf("sources/parsers/arabic-rss.xml", "https://example.org/a"), inventedJob, await jobOf("sources/parsers/arabic-atom.xml", "https://example.org/b")];
    const out = await Promise.all(jobs.map((j) => threaded.analyse(j)));
    out.forEach((analysed, i) => expect(analysed.map((a) => a.draft.guid)).toEqual(jobs[i].items.map((it) => it.guid)));
  });

  it("rejects a job its thread cannot analyse with the error the event loop throws, and keeps serving", async () => {
    const bad = { ...inventedJob, items: [null] } as unknown as AnalyseJob;
    const onLoop = await inProcess.analyse(bad).then(() => undefined, (e: Error) => e);
    expect(onLoop).toBeInstanceOf(TypeError);
    await expect(threaded.analyse(bad)).rejects.toMatchObject({ name: "TypeError", message: onLoop!.message });
    await expect(threaded.analyse(inventedJob)).resolves.toHaveLength(1);
  });

  it("extracts an article page on a thread exactly as on the event loop", async () => {
    const html = readFileSync(fixture("seed/khabarain-lavrov-rubio.html"), "utf8");
    const url = "https://www.khabarain.example/world/lavrov-rubio";
    const [onThread, onLoop] = await Promise.all([threaded.extract(html, url), inProcess.extract(html, url)]);
    expect(onThread).toEqual(onLoop);
    expect(onThread.images.length).toBeGreaterThan(0);
  });

  it("rejects a page it cannot extract with the extractor's own error name, code and message", async () => {
    await expect(threaded.extract("<html><body><p>x</p></body></html>", "not a url")).rejects.toMatchObject({
      name: "ExtractError",
      code: "EXTRACT_BAD_URL",
      message: 'extract.dom: expected an absolute page URL, got "not a url"',
    });
  });

  it("gives back an empty list for a refresh without items, without a thread", async () => {
    await expect(threaded.analyse({ ...inventedJob, items: [] })).resolves.toEqual([]);
  });
});

describe("threaded analyser whose thread dies", () => {
  it("fails that thread's job with the exit code, and starts a new thread for the next", async () => {
    const dying = threadedAnalyser({ threads: 1, script: fixture("ingest/analyse-exit.worker.js"), data: { knownPeople: [] } });
    try {
      await expect(dying.analyse(inventedJob)).rejects.toThrow(new AnalyseThreadError("ingest.analyser: an analysis thread exited with code 3 before answering"));
      // A second job reaches a fresh thread (which dies too): the pool never stays broken.
      await expect(dying.analyse(inventedJob)).rejects.toThrow(/exited with code 3/);
    } finally {
      await dying.close();
    }
  });

  it("refuses jobs once closed", async () => {
    const closed = threadedAnalyser({ threads: 1, script: fixture("ingest/analyse-exit.worker.js"), data: { knownPeople: [] } });
    await closed.close();
    await expect(closed.analyse(inventedJob)).rejects.toThrow("ingest.analyser: the analyser is closed");
  });

  it("refuses a pool of no threads", () => {
    expect(() => threadedAnalyser({ threads: 0, script: "x.js", data: { knownPeople: [] } })).toThrow("ingest.analyser: expected at least 1 thread, got 0");
  });
});
