/** Column lists of the read path, aliased to the GraphQL field names; rows carry their __typename. */

/**
 * A column as selected: the GraphQL-side name its expression is aliased to, the expression, and,
 * for a narrowed variant of a column, the name that tells it apart in loader and cache keys.
 */
export type Column = [name: string, sql: string, variant?: string];

const col = (alias: string, table: string, column = alias): Column =>
  [alias, column === alias ? `${table}.${column}` : `${table}.${column} AS "${alias}"`];

const bare = (sql: string) => sql.replace(/ AS "\w+"$/, "");

export const list = (typename: string, columns: Column[]) => `'${typename}' AS "__typename", ${columns.map(([, sql]) => sql).join(", ")}`;

export const ARTICLE_COLUMN_LIST: Column[] = [
  col("id", "a"), col("sourceId", "a", "source_id"), col("url", "a"), col("canonicalUrl", "a", "canonical_url"),
  col("guid", "a"), col("title", "a"), col("summary", "a"), col("language", "a"), col("direction", "a"),
  col("publishedAt", "a", "published_at"), col("updatedAt", "a", "updated_at"), col("fetchedAt", "a", "fetched_at"),
  col("sourceCategory", "a", "source_category"), col("category", "a"), col("authors", "a"), col("tags", "a"),
  col("siteName", "a", "site_name"), col("contentHash", "a", "content_hash"), col("wordCount", "a", "word_count"),
  col("seeAlso", "a", "see_also"), col("relatedLinks", "a", "related_links"), col("originalId", "a", "original_id"),
];
export const ARTICLE_COLUMNS = list("Article", ARTICLE_COLUMN_LIST);

export const SOURCE_COLUMN_LIST: Column[] = [
  col("id", "s"), col("url", "s"), col("kind", "s"), col("name", "s"), col("siteUrl", "s", "site_url"), col("language", "s"),
  col("active", "s"), col("lastFetchedAt", "s", "last_fetched_at"), col("lastSuccessAt", "s", "last_success_at"),
  col("lastError", "s", "last_error"), col("lastErrorAt", "s", "last_error_at"), col("consecutiveErrors", "s", "consecutive_errors"),
  col("nextFetchAt", "s", "next_fetch_at"), col("itemsLastRun", "s", "items_last_run"), col("intervalSeconds", "s", "interval_seconds"),
];
export const SOURCE_COLUMNS = list("Source", SOURCE_COLUMN_LIST);

/** The article's source beside a page row, under "src." names: the front page asks for it on every article. */
export const pageSourceColumns = (columns: Column[]) => columns.map(([alias, sql]) => `${bare(sql)} AS "src.${alias}"`).join(", ");
export const PAGE_SOURCE_COLUMNS = pageSourceColumns(SOURCE_COLUMN_LIST);

export const PERSON_COLUMN_LIST: Column[] = [
  col("id", "p"), col("names", "p"), col("aliases", "p"), col("wikidataId", "p", "wikidata_id"), col("description", "p"),
  col("countryCode", "p", "country_code"), col("verified", "p"), col("mentionCount", "p", "mention_count"), col("mergedIntoId", "p", "merged_into_id"),
];
export const PERSON_COLUMNS = list("Person", PERSON_COLUMN_LIST);

export const COUNTRY_COLUMN_LIST: Column[] = [col("code", "c"), col("alpha3", "c"), col("names", "c"), col("mentionCount", "c", "mention_count")];
export const COUNTRY_COLUMNS = list("Country", COUNTRY_COLUMN_LIST);

/**
 * `names` with only what `localise` can pick for these languages (each, then English, then
 * Arabic), or every name when none of those exists. A country knows ~20 names; a page shows one.
 */
export function localisedNames(table: string, langs: readonly string[]): Column {
  const keys = [...new Set([...langs, "en", "ar"])];
  // The two names every country has in plain columns (constraint country_name_columns).
  if (keys.length === 2) return ["names", `json_build_object('${keys[0]}', ${table}.name_${keys[0]}, '${keys[1]}', ${table}.name_${keys[1]}) AS "names"`, `names(${keys.join("|")})`];
  const any = keys.map((l) => `${table}.names->>'${l}' <> ''`).join(" OR ");
  const some = `jsonb_strip_nulls(jsonb_build_object(${keys.map((l) => `'${l}', ${table}.names->'${l}'`).join(", ")}))`;
  return ["names", `CASE WHEN ${any} THEN ${some} ELSE ${table}.names END AS "names"`, `names(${keys.join("|")})`];
}

export const EVENT_COLUMNS = `'Event' AS "__typename", e.id, e.titles, e.summary, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
  e.country_code AS "countryCode", e.city, e.article_count AS "articleCount", e.duplicate_count AS "duplicateCount",
  e.source_count AS "sourceCount", e.languages, e.article_count AS "mentionCount", e.merged_into_id AS "mergedIntoId"`;

export const IMAGE_COLUMN_LIST: Column[] = [
  col("articleId", "i", "article_id"), col("position", "i"), col("url", "i"), col("alt", "i"), col("caption", "i"), col("credit", "i"),
  col("width", "i"), col("height", "i"),
];
export const IMAGE_COLUMNS = IMAGE_COLUMN_LIST.map(([, sql]) => sql).join(", ");

/**
 * The same columns as one JSON object per row (json_build_object), for lists that travel inside
 * another statement's rows. Every column here is text, integer, boolean, real, jsonb or text[],
 * which JSON gives back as node-postgres would have parsed them.
 */
export const jsonObject = (typename: string | undefined, columns: Column[]) =>
  `json_build_object(${[...(typename ? [`'__typename', '${typename}'`] : []), ...columns.map(([alias, sql]) => `'${alias}', ${bare(sql)}`)].join(", ")})`;

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
  /** The source with only the columns its page selected, when the page narrowed it. */
  pageSource?: SourceRow;
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
