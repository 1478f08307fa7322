import type { CountryVia, Target } from "./matcher";

/** What the knowledge-base pass learnt about each token, read by the discovery rules. */
export interface TokenNotes {
  /** For the first token of a knowledge-base match: index after its last token; 0 elsewhere. Inner tokens hold -1. */
  kbEnd: Int32Array;
  kbKind: (Target["kind"] | undefined)[];
  kbVia: (CountryVia | "city" | "team" | undefined)[];
}

/** A person found by a cue, as a token range [start, end). */
export interface Discovered {
  start: number;
  end: number;
  cue: "title" | "speech" | "nationality" | "given" | "apposition" | "surname" | "list" | "shape";
  lang: "ar" | "en";
  /** A name-shaped run with a dictionary word in it: kept only when a list confirms it. */
  loose?: boolean;
}
