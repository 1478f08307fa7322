import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import path from "node:path";

// Compiled copies run from dist/scripts/eval, sources from scripts/eval.
const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");

/** The third-party corpus lives outside the repo: KHABAR_CORPUS_DIR, else ../shared/corpus. */
export function corpusDir(): string {
  const dir = process.env.KHABAR_CORPUS_DIR ?? path.resolve(REPO_ROOT, "../shared/corpus");
  if (!existsSync(dir)) {
    throw new Error(
      `scripts/eval/corpus: corpus directory not found at ${dir}; set KHABAR_CORPUS_DIR ` +
        `or KHABAR_SKIP_CORPUS=1 to skip corpus-scored tests`,
    );
  }
  return dir;
}

/** Corpus-scored suites run unless explicitly skipped (CI sets this only when the corpus is absent). */
export const corpusEnabled = process.env.KHABAR_SKIP_CORPUS !== "1";

/** Reads `rel` under the corpus, or `rel.gz` gunzipped when only the compressed copy is stored. */
export function readCorpusFile(rel: string): Buffer {
  const file = path.join(corpusDir(), rel);
  if (existsSync(file)) return readFileSync(file);
  if (existsSync(`${file}.gz`)) return gunzipSync(readFileSync(`${file}.gz`));
  throw new Error(`scripts/eval/corpus: no file ${rel} (nor ${rel}.gz) under ${corpusDir()}`);
}

export function readCorpusJson<T>(rel: string): T {
  return JSON.parse(readCorpusFile(rel).toString("utf8")) as T;
}
