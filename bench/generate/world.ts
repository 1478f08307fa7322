import { CATEGORY_WEIGHTS, CITIES, POPULAR_COUNTRIES, SOURCES, TOPICS, type SourceSpec } from "./names";
import { buildPeople, type People } from "./people";
import { Discrete, permutation, streamRng, zipf } from "./random";

export interface WorldOptions {
  articles: number;
  people: number;
  events: number;
  sources: number;
  seed: number;
  /** Newest article time (exclusive); articles spread evenly over `days` before it. */
  end: Date;
  days: number;
  /** Share of articles that belong to an event. */
  eventShare: number;
}

export interface CountryName { code: string; en: string; ar: string }

export interface EventPlan {
  id: number;
  topic: number;
  city: number;
  category: string;
  start: number;
  end: number;
  cast: number[];
  weight: number;
}

export interface Outlet extends SourceSpec { id: number; host: string }

/** Everything articles refer to, plus each article's time, source and event, decided up front. */
export interface World {
  options: WorldOptions;
  begin: number;
  outlets: Outlet[];
  countries: CountryName[];
  countryByCode: Map<string, CountryName>;
  /** Countries in order of news popularity, drawn with `countryRank`. */
  countryOrder: CountryName[];
  countryRank: Discrete;
  people: People;
  /** Person ids by popularity rank, drawn with `personRank`. */
  personByRank: Int32Array;
  personRank: Discrete;
  categories: Discrete;
  events: EventPlan[];
  times: Float64Array;
  sourceOf: Uint8Array;
  /** Event index per article, -1 for none. */
  eventOf: Int32Array;
}

const DAY = 86_400_000;

function outlets(count: number): Outlet[] {
  return Array.from({ length: count }, (_, i) => {
    const spec = SOURCES[i % SOURCES.length];
    const round = Math.floor(i / SOURCES.length);
    const slug = round ? `${spec.slug}-${round + 1}` : spec.slug;
    return { ...spec, id: i + 1, slug, name: round ? `${spec.name} ${round + 1}` : spec.name, host: `${slug}.news.invalid` };
  });
}

function countryOrder(countries: CountryName[]): CountryName[] {
  const byCode = new Map(countries.map((c) => [c.code, c]));
  const popular = POPULAR_COUNTRIES.filter((c) => byCode.has(c)).map((c) => byCode.get(c)!);
  const rest = countries.filter((c) => !POPULAR_COUNTRIES.includes(c.code)).sort((a, b) => a.code.localeCompare(b.code));
  return [...popular, ...rest];
}

/** Story windows: most last a few days, some weeks, a few run for months. */
function planEvents(o: WorldOptions, begin: number, personByRank: Int32Array, personRank: Discrete, categories: Discrete): EventPlan[] {
  const topicRank = zipf(TOPICS.length, 0.8);
  const cityRank = zipf(CITIES.length, 0.9);
  const weightOrder = permutation(o.events, streamRng(o.seed, "event-weights"));
  const span = o.end.getTime() - begin;
  return Array.from({ length: o.events }, (_, i) => {
    const rng = streamRng(o.seed, "event", i);
    const r = rng.next();
    const days = r < 0.7 ? rng.between(1, 4) : r < 0.95 ? rng.between(5, 14) : rng.between(15, 60);
    const start = begin + rng.next() * span;
    const cast: number[] = [];
    const castSize = rng.between(1, 3);
    while (cast.length < castSize) {
      const id = personByRank[personRank.sample(rng)];
      if (!cast.includes(id)) cast.push(id);
    }
    return {
      id: i + 1,
      topic: topicRank.sample(rng),
      city: cityRank.sample(rng),
      category: CATEGORY_WEIGHTS[categories.sample(rng)][0],
      start,
      end: start + days * DAY,
      cast,
      weight: 1 / Math.pow(weightOrder[i] + 1, 0.6),
    };
  });
}

/** Walks articles in time order, keeping the events open at each moment, and draws one by weight. */
function assignEvents(o: WorldOptions, times: Float64Array, events: EventPlan[]): Int32Array {
  const eventOf = new Int32Array(times.length).fill(-1);
  const byStart = events.map((_, i) => i).sort((a, b) => events[a].start - events[b].start);
  const rng = streamRng(o.seed, "event-assignment");
  let open: number[] = [];
  let next = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    while (next < byStart.length && events[byStart[next]].start <= t) open.push(byStart[next++]);
    open = open.filter((e) => events[e].end >= t);
    if (open.length === 0 || !rng.chance(o.eventShare)) continue;
    let total = 0;
    for (const e of open) total += events[e].weight;
    let u = rng.next() * total;
    let chosen = open[open.length - 1];
    for (const e of open) {
      u -= events[e].weight;
      if (u < 0) {
        chosen = e;
        break;
      }
    }
    eventOf[i] = chosen;
  }
  giveEveryEventAnArticle(times, events, eventOf);
  return eventOf;
}

/** An event exists because articles told it: one with none takes the free article nearest its start. */
function giveEveryEventAnArticle(times: Float64Array, events: EventPlan[], eventOf: Int32Array): void {
  const counts = new Int32Array(events.length);
  for (const e of eventOf) if (e >= 0) counts[e]++;
  for (let e = 0; e < events.length; e++) {
    if (counts[e] > 0) continue;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] < events[e].start) lo = mid + 1;
      else hi = mid;
    }
    for (let d = 0; d < times.length; d++) {
      const candidates = [lo + d, lo - d - 1].filter((i) => i >= 0 && i < times.length);
      const free = candidates.find((i) => eventOf[i] < 0 || counts[eventOf[i]] > 1);
      if (free !== undefined) {
        if (eventOf[free] >= 0) counts[eventOf[free]]--;
        eventOf[free] = e;
        counts[e] = 1;
        break;
      }
    }
  }
}

export function buildWorld(o: WorldOptions, countries: CountryName[]): World {
  if (o.events > o.articles) throw new Error(`bench.generate: ${o.events} events need at least as many articles, got ${o.articles}`);
  if (o.sources < 1 || o.sources > 255) throw new Error(`bench.generate: sources must be 1..255, got ${o.sources}`);
  if (countries.length === 0) throw new Error("bench.generate: the country table is empty (did the seed-countries migration run?)");
  const begin = o.end.getTime() - o.days * DAY;
  const order = countryOrder(countries);
  const countryRank = zipf(order.length, 1.1, 1);
  const people = buildPeople(o.seed, o.people, order, countryRank);
  const personByRank = permutation(o.people, streamRng(o.seed, "person-popularity"));
  for (let i = 0; i < personByRank.length; i++) personByRank[i] += 1;
  // Zipf–Mandelbrot with an offset: the most mentioned person appears in a few percent of articles, not a quarter.
  const personRank = zipf(o.people, 1, 3);
  const categories = new Discrete(CATEGORY_WEIGHTS.map(([, w]) => w));
  const sources = outlets(o.sources);
  const sourceRank = new Discrete(Array.from(permutation(o.sources, streamRng(o.seed, "source-weights")), (r) => 1 / Math.pow(r + 1, 0.6)));

  const times = new Float64Array(o.articles);
  const sourceOf = new Uint8Array(o.articles);
  const step = (o.end.getTime() - begin) / o.articles;
  const rng = streamRng(o.seed, "timeline");
  for (let i = 0; i < o.articles; i++) {
    // Whole seconds, as feeds give them; strictly increasing, so article ids follow time.
    times[i] = Math.floor((begin + (i + rng.next()) * step) / 1000) * 1000;
    sourceOf[i] = sourceRank.sample(rng);
  }
  const events = planEvents(o, begin, personByRank, personRank, categories);
  return {
    options: o,
    begin,
    outlets: sources,
    countries,
    countryByCode: new Map(countries.map((c) => [c.code, c])),
    countryOrder: order,
    countryRank,
    people,
    personByRank,
    personRank,
    categories,
    events,
    times,
    sourceOf,
    eventOf: assignEvents(o, times, events),
  };
}
