import type { ClusterArticle } from "../../src/ingest/cluster/types";
import { rng } from "./events.metrics";

export interface EntityNoise {
  /** Chance that each gold person, country or place is missed. */
  drop: number;
  /** Spurious entities added per article, drawn from all entities of the set, with low salience. */
  spurious: number;
  seed: number;
}

/**
 * Gold entities degraded the way an extractor errs — misses, wrong extra entities, salience off by
 * up to ±50 % — independently per article, so parallel Arabic/English articles no longer agree exactly.
 */
export function noisyArticles(articles: ClusterArticle[], noise: EntityNoise): ClusterArticle[] {
  const next = rng(noise.seed);
  const people = [...new Set(articles.flatMap((a) => a.people.map((p) => p.id)))].sort();
  const countries = [...new Set(articles.flatMap((a) => a.countries.map((c) => c.code)))].sort();
  const jitter = (s: number): number => Math.min(1, s * (0.5 + next()));
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  return articles.map((a) => {
    const out: ClusterArticle = {
      ...a,
      people: a.people.filter(() => next() >= noise.drop).map((p) => ({ ...p, salience: jitter(p.salience) })),
      countries: a.countries.filter(() => next() >= noise.drop).map((c) => ({ ...c, salience: jitter(c.salience) })),
      places: a.places.filter(() => next() >= noise.drop).map((p) => ({ ...p, salience: jitter(p.salience) })),
    };
    for (let i = 0; i < noise.spurious; i++) {
      if (next() < 0.5) {
        const id = pick(people);
        if (!out.people.some((p) => p.id === id)) out.people.push({ id, salience: 0.3 * next(), count: 1 });
      } else {
        const code = pick(countries);
        if (!out.countries.some((c) => c.code === code)) out.countries.push({ code, salience: 0.3 * next(), count: 1 });
      }
    }
    return out;
  });
}
