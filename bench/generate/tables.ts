import { countryCodes } from "../../src/ingest/store/batch.write";
import { json, type CopyValue } from "./copy";
import type { Article } from "./article";
import { CITIES, TOPICS } from "./names";
import { describe } from "./people";
import { writers } from "./text";
import { streamRng } from "./random";
import type { World } from "./world";

/** A table the generator fills: its COPY column list and how one entity becomes rows. */
export interface TableSpec<T> {
  table: string;
  columns: readonly string[];
  rows(item: T): CopyValue[][];
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

export const SOURCE_TABLE: TableSpec<{ w: World; index: number }> = {
  table: "source",
  columns: ["id", "url", "kind", "name", "site_url", "language", "active", "last_fetched_at", "last_success_at", "next_fetch_at",
    "items_last_run", "interval_seconds", "created_at", "updated_at"],
  rows: ({ w, index }) => {
    const o = w.outlets[index];
    const end = w.options.end.getTime();
    const kinds = ["rss", "atom", "sitemap", "html"];
    return [[o.id, `https://${o.host}/feed`, kinds[index % kinds.length], o.name, `https://${o.host}/`, o.language, true,
      date(end), date(end), date(end + 900_000), 20 + (index % 30), 900, date(w.begin), date(end)]];
  },
};

/** mention_count and search_text are filled from the loaded rows afterwards (see denormalise). */
export const PERSON_TABLE: TableSpec<{ w: World; index: number }> = {
  table: "person",
  columns: ["id", "names", "aliases", "wikidata_id", "description", "country_code", "verified", "created_at", "updated_at"],
  rows: ({ w, index }) => {
    const p = w.people[index];
    const country = p.country ? w.countryByCode.get(p.country) : undefined;
    return [[p.id, { en: p.en, ar: p.ar }, p.aliases, p.wikidataId, describe(p, country), p.country, p.verified, date(w.begin), date(w.begin)]];
  },
};

/** Times, counts and languages are placeholders here, recomputed from the event's articles afterwards. */
export const EVENT_TABLE: TableSpec<{ w: World; index: number }> = {
  table: "event",
  columns: ["id", "titles", "summary", "starts_at", "ends_at", "country_code", "city", "created_at", "updated_at"],
  rows: ({ w, index }) => {
    const e = w.events[index];
    const city = CITIES[e.city];
    const [topicEn, topicAr] = TOPICS[e.topic];
    const titles = { en: `${topicEn.charAt(0).toUpperCase()}${topicEn.slice(1)} in ${city.name[0]}`, ar: `${topicAr} في ${city.name[1]}` };
    const summary = writers.en.sentence(streamRng(w.options.seed, "event-summary", index), undefined, city.name[0]);
    return [[e.id, titles, summary, date(e.start), date(e.end), w.countryByCode.has(city.country) ? city.country : null, city.name[0],
      date(e.start), date(e.end)]];
  },
};

export const ARTICLE_TABLE: TableSpec<Article> = {
  table: "article",
  columns: ["id", "source_id", "url", "canonical_url", "guid", "title", "summary", "body_html", "body_text", "language", "direction",
    "published_at", "updated_at", "fetched_at", "source_category", "category", "authors", "tags", "site_name", "content_hash",
    "word_count", "see_also", "related_links", "original_id", "created_at", "modified_at", "country_codes"],
  rows: (a) => [[a.id, a.outlet.id, a.url, a.url, a.carriers[0].guid, a.title, a.summary, a.bodyHtml, a.bodyText, a.language,
    a.language === "ar" ? "rtl" : "ltr", date(a.publishedAt), date(a.updatedAt), date(a.fetchedAt), a.sourceCategory, a.category,
    a.authors, a.tags, a.outlet.name, a.contentHash, a.wordCount, json(a.seeAlso), json(a.relatedLinks), a.originalId, date(a.fetchedAt),
    date(a.updatedAt ?? a.fetchedAt), countryCodes(a.countryMentions.map((m) => ({ ...m, code: m.key })))]],
};

export const ARTICLE_SOURCE_TABLE: TableSpec<Article> = {
  table: "article_source",
  columns: ["article_id", "source_id", "url", "guid", "published_at", "first_seen_at"],
  rows: (a) => a.carriers.map((c) => [a.id, c.sourceId, c.url, c.guid, date(a.publishedAt), date(c.firstSeenAt)]),
};

export const ARTICLE_IMAGE_TABLE: TableSpec<Article> = {
  table: "article_image",
  columns: ["article_id", "position", "url", "alt", "caption", "credit", "width", "height"],
  rows: (a) => a.images.map((i) => [a.id, i.position, i.url, i.alt, i.caption, i.credit, i.width, i.height]),
};

export const ARTICLE_PERSON_TABLE: TableSpec<Article> = {
  table: "article_person",
  columns: ["article_id", "person_id", "count", "salience", "first_offset", "published_at"],
  rows: (a) => a.personMentions.map((m) => [a.id, m.key, m.count, m.salience, m.firstOffset, date(a.publishedAt)]),
};

export const ARTICLE_COUNTRY_TABLE: TableSpec<Article> = {
  table: "article_country",
  columns: ["article_id", "country_code", "count", "salience", "first_offset", "published_at"],
  rows: (a) => a.countryMentions.map((m) => [a.id, m.key, m.count, m.salience, m.firstOffset, date(a.publishedAt)]),
};

export const ARTICLE_EVENT_TABLE: TableSpec<Article> = {
  table: "article_event",
  columns: ["article_id", "event_id", "count", "salience", "published_at"],
  rows: (a) => (a.event >= 0 ? [[a.id, a.event + 1, 1, a.eventSalience, date(a.publishedAt)]] : []),
};

/** Tables written per article, in the order their streams are opened. */
export const ARTICLE_TABLES = [ARTICLE_SOURCE_TABLE, ARTICLE_IMAGE_TABLE, ARTICLE_PERSON_TABLE, ARTICLE_COUNTRY_TABLE, ARTICLE_EVENT_TABLE];

/** Every table the generator writes (country rows come from the seed migration; only their counts change; article_text rows come from article's triggers). */
export const LOADED_TABLES = ["source", "person", "event", "article", "article_text", ...ARTICLE_TABLES.map((t) => t.table)];
