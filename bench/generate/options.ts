import type { CheckResult } from "./denormalise";
import type { WorldOptions } from "./world";

export interface GenerateOptions extends WorldOptions {
  databaseUrl: string;
  /** Empty the generated tables first; without it a database that already has articles is refused. */
  reset: boolean;
  /** Keep indexes and keys during the load instead of dropping and rebuilding them (foreign keys are set aside either way). */
  keepIndexes: boolean;
  /** Parallel COPY streams for the article table (its generated tsvector columns dominate the load). */
  articleStreams: number;
  verify: boolean;
}

export interface GenerateReport {
  options: Omit<GenerateOptions, "databaseUrl">;
  rows: Record<string, number>;
  totalRows: number;
  phasesMs: Record<string, number>;
  totalMs: number;
  rowsPerSecond: number;
  articlesPerSecond: number;
  checks?: CheckResult[];
}

export class GenerateError extends Error {
  constructor(readonly code: "NOT_EMPTY" | "BAD_OPTION", message: string) {
    super(message);
    this.name = "GenerateError";
  }
}

export const DEFAULTS = { people: 20_000, events: 5_000, sources: 20, seed: 1, days: 365, eventShare: 0.6, articleStreams: 2, end: new Date("2025-11-28T00:00:00Z") };

export function validateOptions(o: GenerateOptions): void {
  const problems: string[] = [];
  const positive = (name: keyof GenerateOptions, min = 1) => {
    const v = o[name] as number;
    if (!Number.isInteger(v) || v < min) problems.push(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  positive("articles");
  positive("people");
  positive("events");
  positive("sources");
  positive("days");
  positive("articleStreams");
  if (!(o.eventShare > 0 && o.eventShare <= 1)) problems.push(`eventShare must be in (0, 1], got ${o.eventShare}`);
  if (o.events > o.articles * o.eventShare) problems.push(`${o.events} events need at least ${Math.ceil(o.events / o.eventShare)} articles, got ${o.articles}`);
  if (Number.isNaN(o.end.getTime())) problems.push("end must be a valid date");
  if (problems.length) throw new GenerateError("BAD_OPTION", `bench.generate: ${problems.join("; ")}`);
}
