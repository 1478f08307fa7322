import { createHash } from "node:crypto";
import { ARAB_FAMILY, ARAB_GIVEN, CATEGORY_WEIGHTS, CITIES, CREDITS, SECTIONS, TOPICS, WESTERN_FAMILY, WESTERN_GIVEN } from "./names";
import { Discrete, streamRng, type Rng } from "./random";
import { writers, type Language } from "./text";
import type { Outlet, World } from "./world";

export interface Mention<K> { key: K; count: number; salience: number; firstOffset: number }
export interface Link { url: string; title: string }
export interface Image { position: number; url: string; alt: string | null; caption: string | null; credit: string | null; width: number | null; height: number | null }
export interface Carrier { sourceId: number; url: string; guid: string; firstSeenAt: number }

/** What identifies an article and decides its mentions; cheap enough to recompute for links to it. */
export interface ArticleDraft {
  id: number;
  index: number;
  outlet: Outlet;
  language: Language;
  publishedAt: number;
  /** Event index, -1 for none. */
  event: number;
  category: string;
  people: number[];
  countries: string[];
  title: string;
  url: string;
  rng: Rng;
}

export interface Article extends ArticleDraft {
  summary: string | null;
  bodyText: string;
  bodyHtml: string;
  wordCount: number;
  updatedAt: number | null;
  fetchedAt: number;
  sourceCategory: string | null;
  authors: string[];
  tags: string[];
  contentHash: string;
  seeAlso: Link[];
  relatedLinks: Link[];
  originalId: number | null;
  images: Image[];
  carriers: Carrier[];
  personMentions: Mention<number>[];
  countryMentions: Mention<string>[];
  eventSalience: number;
}

const PEOPLE_PER_ARTICLE = new Discrete([30, 25, 18, 12, 9, 6]);
const COUNTRIES_PER_ARTICLE = new Discrete([45, 30, 15, 10]);
const IMAGES_PER_ARTICLE = new Discrete([20, 50, 20, 10]);
const AUTHORS_PER_ARTICLE = new Discrete([30, 55, 15]);
const CATEGORY_IDS = CATEGORY_WEIGHTS.map(([id]) => id);
const SIZES: [number, number][] = [[1200, 675], [1024, 768], [800, 450], [1600, 900]];
const MINUTE = 60_000;

const pad = (n: number) => String(n).padStart(2, "0");
const col = (language: Language) => (language === "en" ? 0 : 1);

function articleUrl(outlet: Outlet, category: string, at: number, id: number): string {
  const d = new Date(at);
  return `https://${outlet.host}/${category}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${id}`;
}

/** `wanted` distinct values: the given ones first, then draws (bounded, so a tiny pool cannot loop). */
function distinct<T>(wanted: number, first: T[], draw: () => T): T[] {
  const out: T[] = [];
  for (const v of first) if (out.length < wanted && !out.includes(v)) out.push(v);
  for (let tries = 0; out.length < wanted && tries < 50; tries++) {
    const v = draw();
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

const personName = (w: World, id: number, language: Language) => w.people[id - 1][language];
const countryName = (w: World, code: string, language: Language) => w.countryByCode.get(code)![language];

function topicLabel(topic: number, language: Language): string {
  const text = TOPICS[topic][col(language)];
  return language === "en" ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export function draftArticle(w: World, index: number): ArticleDraft {
  const rng = streamRng(w.options.seed, "article", index);
  const outlet = w.outlets[w.sourceOf[index]];
  const language = outlet.language;
  const event = w.eventOf[index];
  const plan = event >= 0 ? w.events[event] : undefined;
  const category = plan?.category ?? CATEGORY_IDS[w.categories.sample(rng)];
  const cast = plan ? plan.cast.slice(0, rng.between(1, plan.cast.length)) : [];
  const people = distinct(PEOPLE_PER_ARTICLE.sample(rng) + 1, cast, () => w.personByRank[w.personRank.sample(rng)]);
  const lead = plan ? [CITIES[plan.city].country] : [];
  const ofPerson = w.people[people[0] - 1].country;
  if (ofPerson && rng.chance(0.7)) lead.push(ofPerson);
  const countries = distinct(COUNTRIES_PER_ARTICLE.sample(rng) + 1, lead.filter((c) => w.countryByCode.has(c)),
    () => w.countryOrder[w.countryRank.sample(rng)].code);
  const subject = rng.chance(0.5) ? personName(w, people[0], language) : undefined;
  const place = plan && rng.chance(0.6) ? CITIES[plan.city].name[col(language)]
    : rng.chance(0.4) ? countryName(w, countries[0], language) : undefined;
  const topic = plan && rng.chance(0.6) ? topicLabel(plan.topic, language) : undefined;
  const id = index + 1;
  return {
    id,
    index,
    outlet,
    language,
    publishedAt: w.times[index],
    event,
    category,
    people,
    countries,
    title: writers[language].headline(rng, subject, place, topic),
    url: articleUrl(outlet, category, w.times[index], id),
    rng,
  };
}

function repeat(name: string, times: number, into: string[]): void {
  for (let i = 0; i < times; i++) into.push(name);
}

/** Salience from prominence (order of appearance in the draft) and frequency. */
function salience(position: number, of: number, count: number, maxCount: number): number {
  const s = 0.55 * (count / maxCount) + 0.45 * (1 - position / of);
  return Math.max(0.05, Math.round(s * 1000) / 1000);
}

function mentions<K>(keys: K[], counts: number[], names: string[], text: string): Mention<K>[] {
  const max = Math.max(...counts);
  return keys.map((key, i) => ({
    key,
    count: counts[i],
    salience: salience(i, keys.length, counts[i], max),
    firstOffset: Math.max(0, text.indexOf(names[i])),
  }));
}

function byline(rng: Rng, language: Language): string {
  const arab = language === "ar" || rng.chance(0.4);
  const given = arab ? rng.pick(ARAB_GIVEN) : rng.pick(WESTERN_GIVEN);
  const family = arab ? rng.pick(ARAB_FAMILY) : rng.pick(WESTERN_FAMILY);
  return `${given[col(language)]} ${family[col(language)]}`;
}

function images(a: ArticleDraft, count: number, lead: string): Image[] {
  const { rng, language, outlet } = a;
  const d = new Date(a.publishedAt);
  return Array.from({ length: count }, (_, position) => {
    const size = rng.chance(0.85) ? rng.pick(SIZES) : undefined;
    return {
      position,
      url: `https://img.${outlet.host}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${a.id}-${position}.jpg`,
      alt: rng.chance(0.7) ? writers[language].phrase(rng) : null,
      caption: rng.chance(0.8) ? writers[language].sentence(rng, position === 0 ? lead : undefined) : null,
      credit: rng.chance(0.8) ? rng.pick(CREDITS)[col(language)] : null,
      width: size?.[0] ?? null,
      height: size?.[1] ?? null,
    };
  });
}

function carriers(w: World, a: ArticleDraft, fetchedAt: number): Carrier[] {
  const out: Carrier[] = [{ sourceId: a.outlet.id, url: a.url, guid: `${a.outlet.slug}:${a.id}`, firstSeenAt: fetchedAt }];
  // Syndication: a few stories also run on a second outlet of the same language.
  const others = w.outlets.filter((o) => o.language === a.language && o.id !== a.outlet.id);
  if (others.length && a.rng.chance(0.06)) {
    const o = a.rng.pick(others);
    out.push({ sourceId: o.id, url: articleUrl(o, a.category, a.publishedAt, a.id), guid: `${o.slug}:${a.id}`, firstSeenAt: fetchedAt + a.rng.between(5, 180) * MINUTE });
  }
  return out;
}

function earlierLinks(w: World, a: ArticleDraft): Link[] {
  if (a.index === 0 || !a.rng.chance(0.15)) return [];
  const n = a.rng.between(1, 3);
  const from = Math.max(0, a.index - 400);
  return Array.from({ length: n }, () => draftArticle(w, a.rng.between(from, a.index - 1))).map((d) => ({ url: d.url, title: d.title }));
}

function externalLinks(a: ArticleDraft): Link[] {
  if (!a.rng.chance(0.1)) return [];
  return Array.from({ length: a.rng.between(1, 2) }, (_, i) => ({
    url: `https://reference.invalid/${a.category}/${a.id}-${i}`,
    title: writers[a.language].phrase(a.rng),
  }));
}

/** A reprint of a recent article in the same language: same headline, its own text, pointing at the original. */
function original(w: World, a: ArticleDraft): ArticleDraft | undefined {
  if (a.index === 0 || !a.rng.chance(0.02)) return undefined;
  const j = Math.max(0, a.index - a.rng.between(1, 200));
  const d = draftArticle(w, j);
  return d.language === a.language ? d : undefined;
}

export function buildArticle(w: World, index: number): Article {
  const a = draftArticle(w, index);
  const { rng, language } = a;
  const writer = writers[language];
  const plan = a.event >= 0 ? w.events[a.event] : undefined;
  // Counts fall with prominence, so the lead person (or country) is also the most salient.
  const personCounts = a.people.map((_, i) => (i === 0 ? rng.between(2, 5) : i === 1 ? rng.between(1, 3) : rng.between(1, 2))).sort((x, y) => y - x);
  const countryCounts = a.countries.map((_, i) => (i === 0 ? rng.between(1, 3) : rng.chance(0.3) ? 2 : 1)).sort((x, y) => y - x);
  const personNames = a.people.map((id) => personName(w, id, language));
  const countryNames = a.countries.map((code) => countryName(w, code, language));
  const subjects: string[] = [];
  personNames.forEach((n, i) => repeat(n, personCounts[i], subjects));
  const places: string[] = [];
  countryNames.forEach((n, i) => repeat(n, countryCounts[i], places));
  if (plan) places.push(CITIES[plan.city].name[col(language)]);
  const body = writer.body(rng, rng.between(8, 24), { subjects, places });

  const summary = rng.chance(0.9) ? writer.sentence(rng) + (rng.chance(0.5) ? ` ${writer.sentence(rng)}` : "") : null;
  const updatedAt = rng.chance(0.25) ? a.publishedAt + rng.between(10, 360) * MINUTE : null;
  const fetchedAt = a.publishedAt + rng.between(1, 20) * MINUTE;
  const authors = Array.from({ length: AUTHORS_PER_ARTICLE.sample(rng) }, () => byline(rng, language));
  const tags = distinct(rng.between(0, 4), [], () => writer.tag(rng));
  const orig = original(w, a);
  const title = orig?.title ?? a.title;
  const imageCount = IMAGES_PER_ARTICLE.sample(rng);
  return {
    ...a,
    title,
    summary,
    bodyText: body.text,
    bodyHtml: body.html,
    wordCount: body.words,
    updatedAt,
    fetchedAt,
    sourceCategory: SECTIONS[a.category]?.[col(language)] ?? null,
    authors: [...new Set(authors)],
    tags,
    contentHash: createHash("sha256").update(`${title}\n${body.text}`).digest("hex"),
    seeAlso: earlierLinks(w, a),
    relatedLinks: externalLinks(a),
    originalId: orig ? orig.id : null,
    images: images(a, imageCount, personNames[0]),
    carriers: carriers(w, a, fetchedAt),
    personMentions: mentions(a.people, personCounts, personNames, body.text),
    countryMentions: mentions(a.countries, countryCounts, countryNames, body.text),
    eventSalience: Math.round((0.5 + rng.next() * 0.5) * 1000) / 1000,
  };
}
