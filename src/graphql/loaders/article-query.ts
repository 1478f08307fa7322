import { keyArray } from "../../db/read-query";
import type { Keyset } from "../cursor";
import {
  ARTICLE_COLUMNS, COUNTRY_COLUMN_LIST, IMAGE_COLUMN_LIST, jsonObject, list, PAGE_SOURCE_COLUMNS, pageSourceColumns, PERSON_COLUMN_LIST, type Column,
} from "./columns";
import { countriesByCode } from "./country-reference";
import { shippedNameVariants } from "./name-variants";
import { queryScripts, simpleTsQuery } from "./text-query";

/** Article filters after validation: ids decoded, codes checked. */
export interface ArticleCriteria {
  languages?: string[];
  sourceIds?: number[];
  category?: string;
  countryCodes?: string[];
  personIds?: number[];
  eventId?: number;
  publishedAfter?: Date;
  publishedBefore?: Date;
  q?: string;
}

export type ScopeKind = "person" | "country" | "event" | "source";

interface Driver { table: string; key: string; sqlType: string }

/** Mention tables carry published_at, so each can lead a keyset scan on its own index. */
const DRIVERS: Record<ScopeKind, Driver> = {
  person: { table: "article_person", key: "person_id", sqlType: "int" },
  country: { table: "article_country", key: "country_code", sqlType: "text" },
  event: { table: "article_event", key: "event_id", sqlType: "int" },
  source: { table: "article_source", key: "source_id", sqlType: "int" },
};

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface BuiltQuery { sql: string; params: unknown[] }

interface Plan {
  from: string;
  where: string[];
  at: string;
  id: string;
}

/** The mention table that leads a page's scan, most selective first; undefined: the article (or text) indexes lead. */
function leadingScope(c: ArticleCriteria): ScopeKind | undefined {
  if (c.eventId !== undefined) return "event";
  if (c.personIds?.length) return "person";
  if (c.countryCodes?.length) return "country";
  return c.sourceIds?.length === 1 ? "source" : undefined;
}

/** Picks the most selective indexed table to drive the scan, then adds every other condition. */
function plan(c: ArticleCriteria, params: Params, scope?: { kind: ScopeKind; keyExpr: string }): Plan {
  const remaining: ArticleCriteria = { ...c, personIds: [...(c.personIds ?? [])], countryCodes: [...(c.countryCodes ?? [])] };
  let driver: { d: Driver; value: string } | undefined;
  const leading = scope ? undefined : leadingScope(c);
  if (scope) {
    driver = { d: DRIVERS[scope.kind], value: scope.keyExpr };
  } else if (leading === "event") {
    driver = { d: DRIVERS.event, value: params.add(c.eventId) };
    delete remaining.eventId;
  } else if (leading === "person") {
    driver = { d: DRIVERS.person, value: params.add(remaining.personIds!.shift()) };
  } else if (leading === "country") {
    driver = { d: DRIVERS.country, value: params.add(remaining.countryCodes!.shift()) };
  } else if (leading === "source") {
    driver = { d: DRIVERS.source, value: params.add(c.sourceIds![0]) };
    delete remaining.sourceIds;
  }

  const where: string[] = [];
  let from: string;
  let at: string;
  let id: string;
  if (driver) {
    from = `${driver.d.table} d JOIN article a ON a.id = d.article_id`;
    where.push(`d.${driver.d.key} = ${driver.value}`);
    at = "d.published_at";
    id = "d.article_id";
  } else if (c.q) {
    // The narrow text table leads a search: its rows carry the vectors a newest-first walk tests.
    from = "article_text t JOIN article a ON a.id = t.article_id";
    at = "t.published_at";
    id = "t.article_id";
  } else {
    from = "article a";
    at = "a.published_at";
    id = "a.id";
  }
  if (driver && c.q) from += " JOIN article_text t ON t.article_id = a.id";
  addConditions(remaining, params, where, at);
  return { from, where, at, id };
}

function addConditions(c: ArticleCriteria, params: Params, where: string[], at: string): void {
  if (c.languages?.length) where.push(`a.language = ANY(${params.add(c.languages)}::text[])`);
  if (c.sourceIds?.length) {
    where.push(`EXISTS (SELECT 1 FROM article_source s WHERE s.article_id = a.id AND s.source_id = ANY(${params.add(c.sourceIds)}::int[]))`);
  }
  if (c.category) where.push(`a.category = ${params.add(c.category)}`);
  for (const code of c.countryCodes ?? []) {
    where.push(`EXISTS (SELECT 1 FROM article_country x WHERE x.article_id = a.id AND x.country_code = ${params.add(code)})`);
  }
  for (const pid of c.personIds ?? []) {
    where.push(`EXISTS (SELECT 1 FROM article_person x WHERE x.article_id = a.id AND x.person_id = ${params.add(pid)})`);
  }
  if (c.eventId !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM article_event x WHERE x.article_id = a.id AND x.event_id = ${params.add(c.eventId)})`);
  }
  if (c.publishedAfter) where.push(`${at} >= ${params.add(c.publishedAfter)}`);
  if (c.publishedBefore) where.push(`${at} < ${params.add(c.publishedBefore)}`);
  if (c.q) where.push(textCondition(c.q, params));
}

/**
 * The text match on article_text `t`. `opaque` reads the queries through sub-selects: PostgreSQL then
 * plans every execution alike and keeps one plan (see textPageQuery), instead of planning each
 * search again from the words' statistics (~0.5 ms of a search page's ~1.2 ms of database time).
 */
function textCondition(q: string, params: Params, opaque = false): string {
  const { arabic, latin } = queryScripts(q);
  const parts: string[] = [];
  const qp = params.add(q);
  const query = (sql: string) => (opaque ? `(SELECT ${sql})` : sql);
  if (latin || !arabic) parts.push(`t.tsv_lang @@ ${query(`websearch_to_tsquery('english', ${qp}::text)`)}`);
  if (arabic) parts.push(`t.tsv_lang @@ ${query(`websearch_to_tsquery('arabic', ${qp}::text)`)}`);
  const simple = simpleTsQuery(q, shippedNameVariants());
  if (simple) parts.push(`t.tsv_simple @@ ${query(`to_tsquery('simple', ${params.add(simple)}::text)`)}`);
  return `(${parts.join(" OR ")})`;
}

function keysetCondition(p: Pick<Plan, "at" | "id">, after: Keyset | undefined, params: Params): string[] {
  return after ? [`(${p.at}, ${p.id}) < (${params.add(after.at)}, ${params.add(after.id)})`] : [];
}

const whereSql = (conds: string[]) => (conds.length ? `WHERE ${conds.join(" AND ")}` : "");

/**
 * Lists of each article that come inside the page's own rows, as JSON under "rel.<name>" (absent:
 * not fetched; `columns` undefined: every column), in the order their loaders would give them.
 * Countries asked for reference columns only come as codes, "rel.countryCodes" (country-reference.ts).
 */
export interface PageRelations {
  images?: { columns?: Column[] };
  people?: { columns?: Column[] };
  countries?: { columns?: Column[] };
}

/** Which columns a page selects: undefined is all of them; `source: null` leaves the source out. */
export interface PageColumns { article?: Column[]; source?: Column[] | null; relations?: PageRelations }

const jsonList = (name: string, object: string, from: string, where: string, order: string) =>
  `COALESCE((SELECT json_agg(${object} ORDER BY ${order}) FROM ${from} WHERE ${where}), '[]') AS "rel.${name}"`;

function relationsSql(r: PageRelations = {}): string {
  const parts: string[] = [];
  if (r.images) parts.push(jsonList("images", jsonObject(undefined, r.images.columns ?? IMAGE_COLUMN_LIST), "article_image i", "i.article_id = a.id", "i.position"));
  if (r.people) {
    parts.push(jsonList("people", jsonObject("Person", r.people.columns ?? PERSON_COLUMN_LIST),
      "article_person x JOIN person p ON p.id = x.person_id", "x.article_id = a.id", "x.salience DESC, x.count DESC, p.id"));
  }
  if (r.countries && countriesByCode(r.countries.columns)) {
    // Kept on the row in article_country's order by the ingest store: no subquery per article.
    parts.push(`to_json(a.country_codes) AS "rel.countryCodes"`);
  } else if (r.countries) {
    parts.push(jsonList("countries", jsonObject("Country", r.countries.columns ?? COUNTRY_COLUMN_LIST),
      "article_country x JOIN country c ON c.code = x.country_code", "x.article_id = a.id", "x.salience DESC, x.count DESC, c.code"));
  }
  return parts.map((part) => `, ${part}`).join("");
}

const articleSql = (columns: PageColumns) => `${columns.article ? list("Article", columns.article) : ARTICLE_COLUMNS}${relationsSql(columns.relations)}`;

function checkedLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`graphql.article-query: expected a page limit as a non-negative integer, got ${limit}`);
  return limit;
}

/**
 * The LIMIT of a page. Written into the text, PostgreSQL can keep one generic plan for a prepared
 * page (as a parameter it plans every execution again: 2.2 -> 1.8 ms for a front page). A text
 * search within a person's, country's, event's or source's articles keeps it a parameter: there the
 * best plan depends on how rare the words are.
 */
function limitSql(c: ArticleCriteria, limit: number, params: Params): string {
  const n = checkedLimit(limit);
  return c.q ? params.add(n) : String(n);
}

/** One article by id with the lists its selection reads (images, people, countries) as "rel.*" JSON columns. */
export function articleWithRelationsQuery(id: number, relations: PageRelations): BuiltQuery {
  return { sql: `SELECT ${ARTICLE_COLUMNS}${relationsSql(relations)} FROM article a WHERE a.id = $1`, params: [id] };
}

/** A page's source columns and their join. source_id is NOT NULL and a foreign key, so leaving the join out never changes which rows come back. */
function pageSource(columns: PageColumns): { source: string; join: string } {
  if (columns.source === null) return { source: "", join: "" };
  return { source: `, ${columns.source ? pageSourceColumns(columns.source) : PAGE_SOURCE_COLUMNS}`, join: "JOIN source s ON s.id = a.source_id" };
}

/** One page of articles, newest first, `limit` rows (callers ask for first + 1 to learn hasNextPage). */
export function articlePageQuery(c: ArticleCriteria, limit: number, after?: Keyset, columns: PageColumns = {}): BuiltQuery {
  if (c.q && !leadingScope(c)) return textPageQuery(c, c.q, limit, after, columns);
  const params = new Params();
  const p = plan(c, params);
  const conds = [...p.where, ...keysetCondition(p, after, params)];
  const { source, join } = pageSource(columns);
  const sql = `SELECT ${articleSql(columns)}${source} FROM ${p.from} ${join} ${whereSql(conds)}
    ORDER BY ${p.at} DESC, ${p.id} DESC LIMIT ${limitSql(c, limit, params)}`;
  return { sql, params: params.values };
}

/** The newest rows of article_text a search tests first. */
export const FIRST_WINDOW = 500;
/** How far the walk goes on when the first window showed a word that is neither common nor rare. */
export const SEARCH_WINDOW = 5000;
/** Matches in the first window that make a word common enough to walk on for (0.4%: ~5,000 rows for 20). */
const WALK_ON_AT = 2;

/**
 * A search page led by the text itself, in one plan that suits every word. The newest FIRST_WINDOW
 * rows (after the cursor, within the dates) are tested in order, which finds a common word's page in
 * a few hundred rows. A word with WALK_ON_AT matches or more there, but not a page, is walked on to
 * SEARCH_WINDOW rows, stopping at the page's last match. Otherwise — or if that is still short — all
 * matches are taken from the GIN indexes and sorted, which is what a rare word needs; sorting all
 * matches of a word of 1-2.5% was 8-14 ms on 100k articles where the walk takes 1.5-10. A plan
 * picked per execution from the words' statistics re-planned every search and, misjudging a rare
 * or absent word, walked the whole table (0.4-1 s on 100k articles, 8 s on 1M).
 */
function textPageQuery(c: ArticleCriteria, q: string, pageLimit: number, after: Keyset | undefined, columns: PageColumns): BuiltQuery {
  const limit = checkedLimit(pageLimit);
  const params = new Params();
  const match = textCondition(q, params, true);
  const range: string[] = [];
  if (c.publishedAfter) range.push(`t.published_at >= ${params.add(c.publishedAfter)}`);
  if (c.publishedBefore) range.push(`t.published_at < ${params.add(c.publishedBefore)}`);
  range.push(...keysetCondition({ at: "t.published_at", id: "t.article_id" }, after, params));
  const rest: string[] = [];
  addConditions({ ...c, q: undefined, publishedAfter: undefined, publishedBefore: undefined }, params, rest, "t.published_at");
  const { source, join: sourceJoin } = pageSource(columns);
  const join = `JOIN article a ON a.id = t.article_id ${sourceJoin}`;
  const select = `SELECT ${articleSql(columns)}${source}`;
  const order = "ORDER BY t.published_at DESC, t.article_id DESC";
  const n1 = "(SELECT count(*) FROM w1)";
  const n2 = "(SELECT count(*) FROM w2)";
  /** The page's matches among a slice of the newest rows, tested in order; `gate` decides whether the slice is read at all. */
  const walk = (slice: string, gate: string[] = []) =>
    `${select} FROM (SELECT t.article_id, t.published_at, t.tsv_lang, t.tsv_simple FROM article_text t ${whereSql(range)} ${order} ${slice}) t
      ${join} ${whereSql([...gate, match, ...rest])} ${order} LIMIT ${limit}`;
  // Without ORDER BY, the matches come from the indexes; the dates and cursor filter them afterwards, never through a range scan.
  const sql = `WITH w1 AS MATERIALIZED (${walk(`LIMIT ${FIRST_WINDOW}`)}),
    w2 AS MATERIALIZED (${walk(`OFFSET ${FIRST_WINDOW} LIMIT ${SEARCH_WINDOW - FIRST_WINDOW}`, [`${n1} >= ${WALK_ON_AT}`, `${n1} < ${limit}`])}),
    m AS MATERIALIZED (SELECT t.article_id, t.published_at FROM article_text t WHERE ${match})
    SELECT * FROM w1 WHERE ${n1} >= ${limit}
    UNION ALL
    (SELECT * FROM (SELECT * FROM w1 UNION ALL SELECT * FROM w2) x WHERE ${n1} < ${limit} AND ${n1} + ${n2} >= ${limit} LIMIT ${limit})
    UNION ALL
    (${select} FROM m t ${join} ${whereSql([`${n1} + ${n2} < ${limit}`, ...range, ...rest])} ${order} LIMIT ${limit})`;
  return { sql, params: params.values };
}

export function articleCountQuery(c: ArticleCriteria): BuiltQuery {
  const params = new Params();
  const p = plan(c, params);
  return { sql: `SELECT count(*)::int AS n FROM ${p.from} ${whereSql(p.where)}`, params: params.values };
}

/** One parent's page, for a LATERAL join: the parent's key is `scope.keyExpr` of the outer query. */
function parentPageSql(scope: { kind: ScopeKind; keyExpr: string }, c: ArticleCriteria, limit: number, after: Keyset | undefined, columns: PageColumns, params: Params): string {
  const p = plan(c, params, scope);
  const conds = [...p.where, ...keysetCondition(p, after, params)];
  return `SELECT ${articleSql(columns)} FROM ${p.from} ${whereSql(conds)} ORDER BY ${p.at} DESC, ${p.id} DESC LIMIT ${limitSql(c, limit, params)}`;
}

/** Pages for many parents (people, countries, events, sources) in one statement, via LATERAL. */
export function scopedArticlePagesQuery(
  kind: ScopeKind, keys: (number | string)[], c: ArticleCriteria, limit: number, after?: Keyset, columns: PageColumns = {},
): BuiltQuery {
  const params = new Params();
  const keysParam = params.add(keys);
  const inner = parentPageSql({ kind, keyExpr: "k.key" }, c, limit, after, columns, params);
  const sql = `SELECT k.key AS "parentKey", x.* FROM unnest(${keyArray(keysParam, DRIVERS[kind].sqlType)}) AS k(key) CROSS JOIN LATERAL (${inner}) x`;
  return { sql, params: params.values };
}

/**
 * A person and the first page of their articles in one statement: every row carries the person as
 * JSON text (parsed once, from the first row); a person with no article on the page gives one row
 * whose article columns are null, and an unknown id gives none.
 */
export function personWithPageQuery(personId: number, c: ArticleCriteria, limit: number, after?: Keyset, columns: PageColumns = {}): BuiltQuery {
  const params = new Params();
  const idParam = params.add(personId);
  const inner = parentPageSql({ kind: "person", keyExpr: "q.id" }, c, limit, after, columns, params);
  const person = `SELECT p.id, ${jsonObject("Person", PERSON_COLUMN_LIST)}::text AS person FROM person p WHERE p.id = ${idParam}`;
  const sql = `SELECT q.person AS "rel.person", x.* FROM (${person}) q LEFT JOIN LATERAL (${inner}) x ON true`;
  return { sql, params: params.values };
}

export function scopedArticleCountsQuery(kind: ScopeKind, keys: (number | string)[], c: ArticleCriteria): BuiltQuery {
  const params = new Params();
  const keysParam = params.add(keys);
  const p = plan(c, params, { kind, keyExpr: "k.key" });
  const inner = `SELECT count(*)::int AS n FROM ${p.from} ${whereSql(p.where)}`;
  const sql = `SELECT k.key AS "parentKey", x.n FROM unnest(${keyArray(keysParam, DRIVERS[kind].sqlType)}) AS k(key) CROSS JOIN LATERAL (${inner}) x`;
  return { sql, params: params.values };
}
