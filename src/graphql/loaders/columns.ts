/** Column lists of the read path, aliased to the GraphQL field names; rows carry their __typename. */

export const ARTICLE_COLUMNS = `'Article' AS "__typename", a.id, a.source_id AS "sourceId", a.url, a.canonical_url AS "canonicalUrl",
  a.guid, a.title, a.summary, a.language, a.direction, a.published_at AS "publishedAt", a.updated_at AS "updatedAt",
  a.fetched_at AS "fetchedAt", a.source_category AS "sourceCategory", a.category, a.authors, a.tags,
  a.site_name AS "siteName", a.content_hash AS "contentHash", a.word_count AS "wordCount", a.see_also AS "seeAlso",
  a.related_links AS "relatedLinks", a.original_id AS "originalId"`;

export const SOURCE_COLUMNS = `'Source' AS "__typename", s.id, s.url, s.kind, s.name, s.site_url AS "siteUrl", s.language, s.active,
  s.last_fetched_at AS "lastFetchedAt", s.last_success_at AS "lastSuccessAt", s.last_error AS "lastError",
  s.last_error_at AS "lastErrorAt", s.consecutive_errors AS "consecutiveErrors", s.next_fetch_at AS "nextFetchAt",
  s.items_last_run AS "itemsLastRun", s.interval_seconds AS "intervalSeconds"`;

/** The article's source beside a page row, under "src." names: the front page asks for it on every article. */
export const PAGE_SOURCE_COLUMNS = SOURCE_COLUMNS
  .replace(`'Source' AS "__typename", `, "")
  .replace(/s\.(\w+) AS "(\w+)"/g, 's.$1 AS "src.$2"')
  .replace(/s\.(\w+)(?=,|$)/g, 's.$1 AS "src.$1"');

export const PERSON_COLUMNS = `'Person' AS "__typename", p.id, p.names, p.aliases, p.wikidata_id AS "wikidataId",
  p.description, p.country_code AS "countryCode", p.verified, p.mention_count AS "mentionCount", p.merged_into_id AS "mergedIntoId"`;

export const COUNTRY_COLUMNS = `'Country' AS "__typename", c.code, c.alpha3, c.names, c.mention_count AS "mentionCount"`;

export const EVENT_COLUMNS = `'Event' AS "__typename", e.id, e.titles, e.summary, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
  e.country_code AS "countryCode", e.city, e.article_count AS "articleCount", e.duplicate_count AS "duplicateCount",
  e.source_count AS "sourceCount", e.languages, e.article_count AS "mentionCount", e.merged_into_id AS "mergedIntoId"`;

export const IMAGE_COLUMNS = `i.article_id AS "articleId", i.position, i.url, i.alt, i.caption, i.credit, i.width, i.height`;

export interface ArticleRow {
  __typename: "Article";
  id: number;
  sourceId: number;
  url: string;
  canonicalUrl: string;
  guid: string | null;
  title: string;
  summary: string | null;
  language: string;
  direction: string;
  publishedAt: Date;
  updatedAt: Date | null;
  fetchedAt: Date;
  sourceCategory: string | null;
  category: string | null;
  authors: string[];
  tags: string[];
  siteName: string | null;
  contentHash: string;
  wordCount: number;
  seeAlso: unknown[];
  relatedLinks: unknown[];
  originalId: number | null;
}

export interface SourceRow {
  __typename: "Source";
  id: number;
  url: string;
  kind: string | null;
  name: string;
  siteUrl: string | null;
  language: string | null;
  active: boolean;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  consecutiveErrors: number;
  nextFetchAt: Date | null;
  itemsLastRun: number;
  intervalSeconds: number;
}

export interface PersonRow {
  __typename: "Person";
  id: number;
  names: Record<string, string>;
  aliases: string[];
  wikidataId: string | null;
  description: Record<string, string>;
  countryCode: string | null;
  verified: boolean;
  mentionCount: number;
  mergedIntoId: number | null;
}

export interface CountryRow {
  __typename: "Country";
  code: string;
  alpha3: string;
  names: Record<string, string>;
  mentionCount: number;
}

export interface EventRow {
  __typename: "Event";
  id: number;
  titles: Record<string, string>;
  summary: string | null;
  startsAt: Date;
  endsAt: Date;
  countryCode: string | null;
  city: string | null;
  articleCount: number;
  duplicateCount: number;
  sourceCount: number;
  languages: string[];
  mentionCount: number;
  mergedIntoId: number | null;
}

export interface ImageRow {
  articleId: number;
  position: number;
  url: string;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
}
