import { ArticleFeatures, heaviestKeys, ledeOf, termKey } from "./features";
import { addParticipants, mergeParticipants } from "./participants";
import type { CentralArticle, ClusterArticle, ClusterOptions, EventCentroid, EventSnapshot, SparseVector } from "./types";
import { addScaled, cosine, sortEntries, topN } from "./vectors";

type Limits = Pick<ClusterOptions, "maxEntities" | "maxTerms" | "maxEventKeys">;

/** Entries kept in a central article's own vectors. */
const CENTRAL_SIZE = 24;
const MAX_PLACES = 16;

export function emptyEvent(id: string, at: Date): EventSnapshot {
  return {
    id,
    titles: {},
    summaries: {},
    firstSeen: at,
    lastSeen: at,
    people: [],
    countries: [],
    articleCount: 0,
    duplicateCount: 0,
    sourceCount: 0,
    sourceIds: [],
    languages: [],
    keys: [],
    centroid: { docs: 0, entities: {}, terms: {}, places: {}, placeNames: {}, central: {}, languageCounts: {} },
  };
}

/** Folds a non-duplicate article into the event: counts, participants, centroid, central article. */
export function addArticle(e: EventSnapshot, a: ClusterArticle, f: ArticleFeatures, limits: Limits): EventSnapshot {
  const c = e.centroid;
  const lang = a.language;
  const centroid: EventCentroid = {
    docs: c.docs + 1,
    entities: topN(addScaled(c.entities, f.entities), limits.maxEntities),
    terms: { ...c.terms, [lang]: topN(addScaled(c.terms[lang] ?? {}, f.terms), limits.maxTerms) },
    ...withPlaces(c, f.places, f.placeNames),
    central: c.central,
    languageCounts: { ...c.languageCounts, [lang]: (c.languageCounts[lang] ?? 0) + 1 },
  };
  centroid.central = { ...c.central, [lang]: pickCentral(centroid, lang, c.central[lang], centralOf(a, f)) };
  const sourceIds = e.sourceIds.includes(a.sourceId) ? e.sourceIds : [...e.sourceIds, a.sourceId];
  return finish({
    ...e,
    firstSeen: minDate(e.firstSeen, a.publishedAt),
    lastSeen: maxDate(e.lastSeen, a.publishedAt),
    people: addParticipants(e.people, a.people),
    countries: addParticipants(e.countries, a.countries.map((x) => ({ id: x.code.toUpperCase(), salience: x.salience }))),
    articleCount: e.articleCount + 1,
    sourceIds,
    centroid,
  }, limits);
}

/** A near-duplicate widens the time span and the languages but adds no article, source or centroid weight. */
export function addDuplicate(e: EventSnapshot, a: ClusterArticle, limits: Limits): EventSnapshot {
  const languageCounts = { ...e.centroid.languageCounts };
  if (!(a.language in languageCounts)) languageCounts[a.language] = 0;
  return finish({
    ...e,
    firstSeen: minDate(e.firstSeen, a.publishedAt),
    lastSeen: maxDate(e.lastSeen, a.publishedAt),
    duplicateCount: e.duplicateCount + 1,
    centroid: { ...e.centroid, languageCounts },
  }, limits);
}

/** `from` absorbed into `into`: sums add, central articles are re-ranked against the joint centroid. */
export function mergeEvents(into: EventSnapshot, from: EventSnapshot, limits: Limits): EventSnapshot {
  const a = into.centroid;
  const b = from.centroid;
  const terms: Record<string, SparseVector> = { ...a.terms };
  for (const lang in b.terms) terms[lang] = topN(addScaled(terms[lang] ?? {}, b.terms[lang]), limits.maxTerms);
  const languageCounts = { ...a.languageCounts };
  for (const lang in b.languageCounts) languageCounts[lang] = (languageCounts[lang] ?? 0) + b.languageCounts[lang];
  const centroid: EventCentroid = {
    docs: a.docs + b.docs,
    entities: topN(addScaled(a.entities, b.entities), limits.maxEntities),
    terms,
    ...withPlaces(a, b.places, b.placeNames),
    central: {},
    languageCounts,
  };
  for (const lang of new Set([...Object.keys(a.central), ...Object.keys(b.central)])) {
    centroid.central[lang] = pickCentral(centroid, lang, a.central[lang], b.central[lang]);
  }
  return finish({
    ...into,
    firstSeen: minDate(into.firstSeen, from.firstSeen),
    lastSeen: maxDate(into.lastSeen, from.lastSeen),
    people: mergeParticipants(into.people, from.people),
    countries: mergeParticipants(into.countries, from.countries),
    articleCount: into.articleCount + from.articleCount,
    duplicateCount: into.duplicateCount + from.duplicateCount,
    sourceIds: [...new Set([...into.sourceIds, ...from.sourceIds])],
    centroid,
  }, limits);
}

/** How close an article (or a central article's stored vectors) is to the centroid in one language. */
export function centralitySimilarity(c: EventCentroid, lang: string, entities: SparseVector, terms: SparseVector): number {
  const ent = cosine(entities, c.entities);
  const txt = cosine(terms, c.terms[lang] ?? {});
  return Object.keys(entities).length === 0 ? txt : 0.5 * ent + 0.5 * txt;
}

function centralOf(a: ClusterArticle, f: ArticleFeatures): CentralArticle {
  const lede = ledeOf(a);
  return {
    articleId: a.id,
    title: a.title,
    ...(lede ? { summary: lede } : {}),
    similarity: 0,
    entities: topN(f.entities, CENTRAL_SIZE),
    terms: topN(f.terms, CENTRAL_SIZE),
  };
}

function pickCentral(c: EventCentroid, lang: string, ...options: (CentralArticle | undefined)[]): CentralArticle {
  let best: CentralArticle | undefined;
  for (const o of options) {
    if (!o) continue;
    const ranked = { ...o, similarity: round(centralitySimilarity(c, lang, o.entities, o.terms)) };
    // Ties keep the earlier candidate: the incumbent, so a central article does not flap.
    if (!best || ranked.similarity > best.similarity) best = ranked;
  }
  if (!best) throw new Error("cluster.event: pickCentral needs at least one candidate article");
  return best;
}

/** Recomputes every derived field from the counts and the centroid. */
function finish(e: EventSnapshot, limits: Limits): EventSnapshot {
  const c = e.centroid;
  const languages = sortEntries(Object.entries(c.languageCounts)).map(([l]) => l);
  const titles: Record<string, string> = {};
  const summaries: Record<string, string> = {};
  for (const lang of languages) {
    const central = c.central[lang];
    if (!central) continue;
    titles[lang] = central.title;
    if (central.summary) summaries[lang] = central.summary;
  }
  const main = languages.find((l) => summaries[l] !== undefined);
  const place = eventPlace(e);
  const out: EventSnapshot = {
    ...e,
    titles,
    summaries,
    languages,
    sourceCount: e.sourceIds.length,
    keys: eventKeys(c, limits.maxEventKeys),
  };
  if (main) out.summary = summaries[main];
  else delete out.summary;
  if (place) out.place = place;
  else delete out.place;
  return out;
}

function withPlaces(c: EventCentroid, places: SparseVector, names: Record<string, string>): Pick<EventCentroid, "places" | "placeNames"> {
  const kept = topN(addScaled(c.places, places), MAX_PLACES);
  const placeNames: Record<string, string> = {};
  for (const id in kept) placeNames[id] = c.placeNames[id] ?? names[id] ?? id.split("|")[1];
  return { places: kept, placeNames };
}

/** Average salience a place needs across the event's articles to be called the event's place. */
const PLACE_MIN_SALIENCE = 0.08;

/**
 * Where the event happened: the heaviest place, unless it is only a passing mention (average
 * salience under 0.08 per article); else a country that clearly dominates the event (in three
 * quarters of its articles, with twice the runner-up's weight: Iran in a story about Tehran's
 * decisions); else unknown — the nationality of the protagonists is not a venue.
 */
export function eventPlace(e: Pick<EventSnapshot, "centroid" | "countries" | "articleCount">): { country: string; city?: string } | undefined {
  const [top] = sortEntries(Object.entries(e.centroid.places));
  if (top && top[1] >= PLACE_MIN_SALIENCE * Math.max(1, e.centroid.docs)) {
    const [country] = top[0].split("|");
    const city = e.centroid.placeNames[top[0]];
    return city ? { country, city } : { country };
  }
  const [first, second] = e.countries;
  if (!first || first.articles * 4 < e.articleCount * 3) return undefined;
  if (second && first.weight < 2 * second.weight) return undefined;
  return { country: first.id };
}

/** Index keys: the heaviest entities, then each language's heaviest terms, within the key budget. */
export function eventKeys(c: EventCentroid, max: number): string[] {
  const keys = heaviestKeys(c.entities, Math.ceil(max / 2));
  const langs = Object.keys(c.terms).sort();
  const perLang = langs.length ? Math.floor((max - keys.length) / langs.length) : 0;
  for (const lang of langs) keys.push(...heaviestKeys(c.terms[lang], perLang).map((t) => termKey(lang, t)));
  return keys;
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
