import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { KbLoadError } from "./errors";
import type { CountryEntry, KbError, KnowledgeBase, OrgEntry, PersonEntry, RegionEntry } from "./kb.types";
import { validateKbRow, type KbKind } from "./kb.validate";

/** The shipped knowledge base; compiled code finds it too, since the build copies non-TS files. */
export const DEFAULT_KB_DIR = path.join(__dirname, "kb");

const FILES: { file: string; kind: KbKind }[] = [
  { file: "countries.jsonl", kind: "country" },
  { file: "people.jsonl", kind: "person" },
  { file: "orgs.jsonl", kind: "org" },
  { file: "regions.jsonl", kind: "region" },
];

function keyOf(kind: KbKind, row: Record<string, unknown>): string {
  return String(kind === "country" ? row.code : row.id);
}

/** Parses one JSONL text; bad rows become errors naming file and line, good rows are kept. */
export function parseKbJsonl(text: string, file: string, kind: KbKind): { rows: unknown[]; errors: KbError[] } {
  const rows: unknown[] = [];
  const errors: KbError[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (e) {
      errors.push({ file, line, problem: `invalid JSON (${(e as Error).message})` });
      return;
    }
    const problems = validateKbRow(kind, row);
    if (problems.length > 0) {
      errors.push({ file, line, problem: problems.join("; ") });
      return;
    }
    const key = keyOf(kind, row as Record<string, unknown>);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ file, line, problem: `duplicate ${kind} "${key}" (first on line ${first})` });
      return;
    }
    seen.set(key, line);
    rows.push(row);
  });
  return { rows, errors };
}

/**
 * Loads countries.jsonl, people.jsonl, orgs.jsonl and regions.jsonl from `dir`. A malformed row is reported
 * in `errors` (file, line, problem) and skipped; a missing directory throws KbLoadError.
 */
export function loadKnowledgeBase(dir: string = DEFAULT_KB_DIR): KnowledgeBase {
  if (!existsSync(dir)) throw new KbLoadError(dir, "directory not found");
  const kb: KnowledgeBase = { countries: [], people: [], orgs: [], regions: [], errors: [] };
  for (const { file, kind } of FILES) {
    const full = path.join(dir, file);
    if (!existsSync(full)) {
      kb.errors.push({ file, line: 0, problem: "file not found; no rows of this kind loaded" });
      continue;
    }
    const { rows, errors } = parseKbJsonl(readFileSync(full, "utf8"), file, kind);
    kb.errors.push(...errors);
    if (kind === "country") kb.countries.push(...(rows as CountryEntry[]));
    else if (kind === "person") kb.people.push(...(rows as PersonEntry[]));
    else if (kind === "region") kb.regions.push(...(rows as RegionEntry[]));
    else kb.orgs.push(...(rows as OrgEntry[]));
  }
  return kb;
}
