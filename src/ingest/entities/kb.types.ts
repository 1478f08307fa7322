/** Surface forms per language; "en" covers Latin-script forms, "ar" Arabic-script ones. */
export interface LangForms {
  en?: string[];
  ar?: string[];
}

export interface LangText {
  en?: string;
  ar?: string;
}

/** A city or region inside a country: a place, not a mention of the state. */
export interface CityEntry {
  id?: string;
  en?: string[];
  ar?: string[];
}

export interface CountryEntry {
  /** ISO 3166-1 alpha-2 ("XK" for Kosovo). */
  code: string;
  alpha3: string;
  name: LangText;
  /** Every name of the country itself: official, short, common alternatives (US, America, أمريكا). */
  names: LangForms;
  /** Adjectives and people-nouns: Russian, Russians, روسي, الروسية, الروس. */
  demonyms?: LangForms;
  /** The capital: counts as the state when used as an actor, as a place after "in"/"في". */
  capitals?: LangForms;
  /** Seats of power used for the state: the Kremlin, the White House, الإليزيه. Always the state. */
  metonyms?: LangForms;
  cities?: CityEntry[];
  /** Forms that are also common words (مالي "financial", Chad): counted only after a place cue. */
  weak?: string[];
}

export interface PersonEntry {
  /** Stable slug ("sergei-lavrov"); unverified people from text get "new:<key>" ids from the lead. */
  id: string;
  name: LangText;
  /** Full-name variants: other transliterations, middle names, Zelensky/Zelenskyy, سيرجي/سيرغي. */
  aliases?: LangForms;
  /** Surnames distinctive enough to stand alone (Putin, لافروف); others resolve only after the full name. */
  short?: LangForms;
  wikidata?: string;
  country?: string;
  description?: LangText;
  /** "kb" for curated rows, "unverified" for people found in text and added at run time. */
  status?: "kb" | "unverified";
  /** A name many people share (محمد حسن, Mike Johnson): linked only when the article also names `country`. */
  ambiguous?: boolean;
}

export interface OrgEntry {
  id: string;
  name: LangText;
  aliases?: LangForms;
  /** intergovernmental, agency (news agency), government, party, militant, company, sports… */
  kind?: string;
  country?: string;
}

/** A region (Middle East, الخليج) or a former state (Soviet Union): named places that are no ISO country. */
export interface RegionEntry {
  id: string;
  kind: "region" | "continent" | "historical";
  name: LangText;
  aliases?: LangForms;
}

export type KbEntry =
  | ({ type: "person" } & PersonEntry)
  | ({ type: "country" } & CountryEntry)
  | ({ type: "org" } & OrgEntry)
  | ({ type: "region" } & RegionEntry);

export interface KbError {
  file: string;
  line: number;
  problem: string;
}

export interface KnowledgeBase {
  countries: CountryEntry[];
  people: PersonEntry[];
  orgs: OrgEntry[];
  regions: RegionEntry[];
  errors: KbError[];
}
