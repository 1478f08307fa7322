import { existsSync } from "node:fs";
import path from "node:path";
import type { ClusterArticle } from "../../src/ingest/cluster/types";
import type { LoadedFixture } from "./events.fixtures";

/** The part of the entities module's result the clusterer reads (see its brief). */
interface Mention {
  salience: number;
  count: number;
}
interface EntityResult {
  people: (Mention & { ref: { kind: "kb"; id: string } | { kind: "new"; key: string; name: string } })[];
  countries: (Mention & { code: string })[];
  places: (Mention & { name: string; country: string })[];
}
interface EntityInput {
  language?: string;
  title?: string;
  summary?: string;
  bodyText?: string;
}
type Extract = (input: EntityInput) => EntityResult;

const ENTITIES_DIR = path.resolve(__dirname, "../../src/ingest/entities");

/**
 * The entities module is built in parallel; it is loaded at run time so this eval works with or
 * without it. Returns undefined when it (or a way to build its matcher) is not there yet.
 */
function loadExtractor(): Extract | undefined {
  if (!existsSync(path.join(ENTITIES_DIR, "index.ts")) && !existsSync(path.join(ENTITIES_DIR, "index.js"))) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(ENTITIES_DIR) as Record<string, unknown>;
  const extract = mod.extractEntities as ((input: EntityInput, matcher: unknown) => EntityResult) | undefined;
  if (typeof extract !== "function") return undefined;
  const createMatcher = mod.createMatcher as (() => unknown) | undefined;
  if (typeof createMatcher !== "function") return undefined;
  const matcher = createMatcher();
  return (input) => extract(input, matcher);
}

/** Fixture articles with the extractor's entities in place of the gold ones; person ids as `kb:`/`new:`. */
export function extractedArticles(loaded: LoadedFixture[]): ClusterArticle[] | undefined {
  const extract = loadExtractor();
  if (!extract) return undefined;
  return loaded.map(({ article: a }) => {
    const r = extract({ language: a.language, title: a.title, summary: a.summary, bodyText: a.bodyText });
    return {
      ...a,
      people: r.people.map((p) => ({
        id: p.ref.kind === "kb" ? `kb:${p.ref.id}` : `new:${p.ref.key}`,
        salience: p.salience,
        count: p.count,
      })),
      countries: r.countries.map((c) => ({ code: c.code, salience: c.salience, count: c.count })),
      places: r.places.map((p) => ({ name: p.name, country: p.country, salience: p.salience })),
    };
  });
}
