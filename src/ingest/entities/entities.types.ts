import type { CountryVia } from "./matcher";

/** The parts of one article the extractor reads. */
export interface EntityInput {
  /** BCP-47 primary tag; "ar" and "en" have discovery rules, other languages get knowledge-base matching only. */
  language?: string;
  title?: string;
  summary?: string;
  bodyText?: string;
  captions?: string[];
  /** Photo credits ("Fazry Ismail/EPA"): never mentions, and their names are excluded everywhere. */
  credits?: string[];
  /** Bylines: never mentions, and their names are excluded everywhere. */
  authors?: string[];
}

/**
 * `firstOffset` is a UTF-16 offset into `title + "\n\n" + summary + "\n\n" + bodyText + "\n\n" +
 * captions.join("\n\n")`, where a missing part is an empty string (its separator stays).
 */
export interface Mention {
  count: number;
  firstOffset: number;
  /** 1 − Π(1 − w) over the mentions, w = 0.6 title, 0.4 summary, 0.15 body, 0.05 caption. */
  salience: number;
  /** Distinct spellings as written. */
  surfaces: string[];
}

export type PersonRef =
  | { kind: "kb"; id: string }
  | { kind: "new"; name: string; lang: string; aliases: string[]; key: string };

/** "team": a national side in a sports report (Sweden beat South Korea 1–0), not the state. */
export type CountryMentionVia = CountryVia | "city" | "team";

export interface EntityResult {
  people: (Mention & { ref: PersonRef })[];
  countries: (Mention & { code: string; via: CountryMentionVia[] })[];
  places: (Mention & { name: string; country: string })[];
  orgs: (Mention & { id: string })[];
  /** Regions and former states (Middle East, الخليج, Soviet Union), ids from regions.jsonl. */
  regions: (Mention & { id: string })[];
  /** Pairs that may be one person (between the suggest and same thresholds): for curation, not merged. */
  suggestions: { a: string; b: string; confidence: number; reason: string }[];
  /** Organisations and names seen only in photo credits or bylines (not mentions). */
  credited: { orgs: string[]; names: string[] };
}

export type SectionName = "title" | "summary" | "body" | "caption";

/** One entity occurrence in the text, before aggregation (what the scorers compare). */
export interface MentionSpan {
  start: number;
  end: number;
  tokenStart: number;
  tokenEnd: number;
  surface: string;
  kind: "person" | "country" | "place" | "org" | "region";
  /** Person id ("kb" people), "new:<key>|<name>" for people found in text, country code, org id, place name. */
  id: string;
  via?: CountryMentionVia;
  /** The country of a place. */
  country?: string;
  section: SectionName;
}
