export type CurationErrorCode = "CURATION_NOT_FOUND" | "CURATION_MERGED" | "CURATION_CONFLICT" | "CURATION_BAD_VALUE";

/** A curation request that cannot be carried out; `argument` names the input at fault. */
export class CurationError extends Error {
  constructor(
    readonly code: CurationErrorCode,
    readonly argument: string,
    readonly detail: string,
  ) {
    super(`curation: ${argument}: ${detail}`);
    this.name = "CurationError";
  }
}

/** How errors name a person: numeric ids by default; the API passes its global ids. */
export type IdLabel = (personId: number) => string;
export const numericLabel: IdLabel = (id) => `person ${id}`;
