import { ARAB_FAMILY, ARAB_FATHER, ARAB_GIVEN, ROLES, WESTERN_FAMILY, WESTERN_GIVEN, type Pair } from "./names";
import { streamRng, type Discrete } from "./random";
import type { CountryName } from "./world";

export interface PersonSpec {
  id: number;
  en: string;
  ar: string;
  aliases: string[];
  country: string | null;
  /** Index into ROLES, -1 for none. */
  role: number;
  wikidataId: string | null;
  verified: boolean;
}

export type People = PersonSpec[];

// Multipliers coprime with each name space, so the k-th person of a style gets a distinct combination.
const ARAB_STEP = 7919;
const WESTERN_STEP = 7907;

function combination(k: number, step: number, sizes: number[]): number[] {
  const space = sizes.reduce((a, b) => a * b, 1);
  let code = (k * step) % space;
  return sizes.map((size) => {
    const part = code % size;
    code = Math.floor(code / size);
    return part;
  });
}

const joinPairs = (parts: Pair[]): Pair => [parts.map((p) => p[0]).join(" "), parts.map((p) => p[1]).join(" ")];

/** People with Arab three-part names (given, father, family) and Western ones, in both scripts. */
export function buildPeople(seed: number, count: number, countries: CountryName[], countryRank: Discrete): People {
  const out: People = [];
  let arab = 0;
  let western = 0;
  for (let i = 0; i < count; i++) {
    const rng = streamRng(seed, "person", i);
    const isArab = rng.chance(0.72);
    let full: Pair;
    let short: Pair;
    if (isArab) {
      const [g, f, l] = combination(arab++, ARAB_STEP, [ARAB_GIVEN.length, ARAB_FATHER.length, ARAB_FAMILY.length]);
      full = joinPairs([ARAB_GIVEN[g], ARAB_FATHER[f], ARAB_FAMILY[l]]);
      short = joinPairs([ARAB_GIVEN[g], ARAB_FAMILY[l]]);
    } else {
      const [g, m, l] = combination(western++, WESTERN_STEP, [WESTERN_GIVEN.length, WESTERN_GIVEN.length, WESTERN_FAMILY.length]);
      full = joinPairs([WESTERN_GIVEN[g], WESTERN_GIVEN[m], WESTERN_FAMILY[l]]);
      short = joinPairs([WESTERN_GIVEN[g], WESTERN_FAMILY[l]]);
    }
    const country = rng.chance(0.8) ? countries[countryRank.sample(rng)].code : null;
    out.push({
      id: i + 1,
      en: full[0],
      ar: full[1],
      aliases: rng.chance(0.15) ? [short[0], short[1]] : [],
      country,
      role: rng.chance(0.6) ? rng.int(ROLES.length) : -1,
      // Not real Wikidata items: a distinct Q-number per person, in the real format.
      wikidataId: rng.chance(0.4) ? `Q${90_000_000 + (i + 1) * 7}` : null,
      verified: rng.chance(0.9),
    });
  }
  return out;
}

export function describe(p: PersonSpec, country: CountryName | undefined): Record<string, string> {
  if (p.role < 0) return {};
  const [en, ar] = ROLES[p.role];
  return country ? { en: `${en}, ${country.en}`, ar: `${ar}، ${country.ar}` } : { en, ar };
}
