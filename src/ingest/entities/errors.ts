/** A knowledge-base row that could not be read; the loader collects these and keeps going. */
export class KbRowError extends Error {
  readonly code = "ENTITIES_KB_ROW";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`entities.kb: ${file}:${line}: ${problem}`);
    this.name = "KbRowError";
  }
}

/** A knowledge-base directory or file that is missing or unreadable as a whole. */
export class KbLoadError extends Error {
  readonly code = "ENTITIES_KB_LOAD";
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`entities.kb: cannot load ${path}: ${problem}`);
    this.name = "KbLoadError";
  }
}

/** An entry given to matcher.add() that does not fit the entry contract. */
export class EntityEntryError extends Error {
  readonly code = "ENTITIES_BAD_ENTRY";
  constructor(problem: string) {
    super(`entities.matcher: ${problem}`);
    this.name = "EntityEntryError";
  }
}
