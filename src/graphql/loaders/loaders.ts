import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { fold } from "../../db/fold";
import { keyArray, readRows } from "../../db/read-query";
import { pairSamples, relatedArticles } from "../../ingest/rollups";
import type { Keyset, RankKeyset } from "../cursor";
import {
  articleCountQuery,
  articlePageQuery,
  scopedArticleCountsQuery,
  type PageColumns,
  type PageRelations,
  scopedArticlePagesQuery,
  type ArticleCriteria,
  type BuiltQuery,
  personWithPageQuery,
  articleWithRelationsQuery,
  type ScopeKind,
} from "./article-query";
import type { RequestCache } from "./cached-batch";
import { countriesByCode, countriesOf, countryReference, type CountryReference } from "./country-reference";
import {
  ARTICLE_COLUMNS,
  COUNTRY_COLUMNS,
  EVENT_COLUMNS,
  IMAGE_COLUMNS,
  PERSON_COLUMNS,
  SOURCE_COLUMNS,
  list,
  type ArticleRow,
  type Column,
  type CountryRow,
  type EventRow,
  type ImageRow,
  type PersonRow,
  type SourceRow,
} from "./columns";
import { groupBy, indexBy } from "./group-by";

/** Mention table, the join to the entity, and the entity's tie-break order. */
const PEOPLE_OF_ARTICLE = ["article_person", "person p ON p.id = x.person_id", "p.id"] as const;
const COUNTRIES_OF_ARTICLE = ["article_country", "country c ON c.code = x.country_code", "c.code"] as const;

export interface Mentioned<T> { row: T; count: number; salience: number }

export interface ArticleBody { bodyHtml: string; bodyText: string }
/** `limit` is `first`, plus one row when the query reads hasNextPage. */
export interface PageSpec { criteria: ArticleCriteria; first: number; limit: number; after?: Keyset }

/** A function of an object remembered per object: column lists and page selections come from per-field memos, so the same object asks again and again. */
function perObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = compute(key)));
    return value;
  };
}

const columnsKey = perObject((columns: Column[]) => columns.map(([alias, , variant]) => variant ?? alias).join(","));
const columnsSignature = perObject((columns: PageColumns) => JSON.stringify(columns));

// The batch's keys, $1 of every statement below.
const INT_KEYS = keyArray("$1", "int");
const TEXT_KEYS = keyArray("$1", "text");


/**
 * Every read the schema needs, batched per request. Each batch function returns one value per key,
 * in key order; rows that are looked up by id also go through the shared cache.
 */
export class Loaders {
  constructor(
    private readonly db: DataSource,
    private readonly cache: RequestCache,
  ) {}

  private query<R>(q: BuiltQuery | string, params: unknown[] = []): Promise<R[]> {
    return typeof q === "string" ? readRows(this.db, q, params) : readRows(this.db, q.sql, q.params);
  }

  private byId<K extends number | string, R>(kind: string, sql: string, keyOf: (r: R) => K) {
    return new DataLoader<K, R | null>((keys) =>
      this.cache.batch(kind, keys, async (ids) => indexBy(ids, await this.query<R>(sql, [ids]), keyOf)),
    );
  }

  readonly source = this.byId<number, SourceRow>("src", `SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.id = ANY(${INT_KEYS})`, (r) => r.id);
  readonly article = this.byId<number, ArticleRow>("art", `SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id = ANY(${INT_KEYS})`, (r) => r.id);
  readonly person = this.byId<number, PersonRow>("per", `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = ANY(${INT_KEYS})`, (r) => r.id);
  readonly event = this.byId<number, EventRow>("evt", `SELECT ${EVENT_COLUMNS} FROM event e WHERE e.id = ANY(${INT_KEYS})`, (r) => r.id);
  readonly country = this.byId<string, CountryRow>("cty", `SELECT ${COUNTRY_COLUMNS} FROM country c WHERE c.code = ANY(${TEXT_KEYS})`, (r) => r.code);

  readonly articleByUrl = new DataLoader<string, ArticleRow | null>(async (urls) =>
    indexBy(urls, await this.query<ArticleRow & { key: string }>(
      `SELECT DISTINCT ON (k.key) k.key, ${ARTICLE_COLUMNS} FROM unnest(${TEXT_KEYS}) AS k(key)
       JOIN article a ON a.canonical_url = k.key OR a.url = k.key
       ORDER BY k.key, (a.canonical_url = k.key) DESC`, [urls]), (r) => r.key),
  );

  readonly body = new DataLoader<number, ArticleBody | null>((ids) =>
    this.cache.batch("body", ids, async (keys) =>
      indexBy(keys, await this.query<ArticleBody & { id: number }>(
        `SELECT a.id, a.body_html AS "bodyHtml", a.body_text AS "bodyText" FROM article a WHERE a.id = ANY(${INT_KEYS})`, [keys]), (r) => r.id),
    ),
  );

  private imagesOfArticles(kind: string, columns: string) {
    return new DataLoader<number, ImageRow[]>((ids) =>
      this.cache.batch(kind, ids, async (keys) =>
        groupBy(keys, await this.query<ImageRow>(
          `SELECT ${columns} FROM article_image i WHERE i.article_id = ANY(${INT_KEYS}) ORDER BY i.article_id, i.position`, [keys]), (r) => r.articleId),
      ),
    );
  }

  readonly images = this.imagesOfArticles("img", IMAGE_COLUMNS);

  private imagesLoader(columns: Column[] | undefined): DataLoader<number, ImageRow[]> {
    if (!columns) return this.images;
    return this.narrowLoader("img", columns, (kind) => this.imagesOfArticles(kind, columns.map(([, sql]) => sql).join(", ")));
  }

  /** An article's images in position order, with `columns` only (all when undefined); a list when its page brought it. */
  imagesOf(articleId: number, columns?: Column[]): ImageRow[] | Promise<ImageRow[]> {
    return this.listOf(this.imagesLoader(columns), articleId);
  }

  readonly articleSources = new DataLoader<number, SourceRow[]>((ids) =>
    this.cache.batch("asrc", ids, async (keys) =>
      groupBy(keys, await this.query<SourceRow & { articleId: number }>(
        `SELECT x.article_id AS "articleId", ${SOURCE_COLUMNS} FROM article_source x JOIN source s ON s.id = x.source_id
         WHERE x.article_id = ANY(${INT_KEYS}) ORDER BY x.article_id, x.first_seen_at`, [keys]), (r) => r.articleId),
    ),
  );

  /** Rows an article mentions, most salient first, one statement per batch. */
  private articleMentions<R>(kind: string, table: string, join: string, order: string, columns: string) {
    return new DataLoader<number, R[]>((ids) =>
      this.cache.batch(kind, ids, async (keys) => {
        const rows = await this.query<R & { articleId: number }>(
          `SELECT x.article_id AS "articleId", ${columns}
           FROM ${table} x JOIN ${join} WHERE x.article_id = ANY(${INT_KEYS}) ORDER BY x.article_id, x.salience DESC, x.count DESC, ${order}`, [keys]);
        return groupBy(keys, rows, (r) => r.articleId);
      }),
    );
  }

  // Cache kinds renamed when these lists lost their mention counts: entries of older gateways are never read as the new shape.
  readonly peopleOfArticle = this.articleMentions<PersonRow>("aps", ...PEOPLE_OF_ARTICLE, PERSON_COLUMNS);
  readonly countriesOfArticle = this.articleMentions<CountryRow>("acs", ...COUNTRIES_OF_ARTICLE, COUNTRY_COLUMNS);
  private readonly narrowMentions = new Map<string, DataLoader<number, unknown[]>>();
  // Asked once per row and list of a page: found by the column array first, without building its key again.
  private readonly narrowByColumns = new WeakMap<Column[], Map<string, DataLoader<number, unknown[]>>>();

  /** A list loader for some columns only; its cache kind names them, so narrow rows never pass for whole ones. */
  private narrowLoader<R>(kind: string, columns: Column[], make: (kind: string) => DataLoader<number, R[]>): DataLoader<number, R[]> {
    let byKind = this.narrowByColumns.get(columns);
    if (!byKind) this.narrowByColumns.set(columns, (byKind = new Map()));
    let loader = byKind.get(kind);
    if (!loader) {
      const key = `${kind}[${columnsKey(columns)}]`;
      loader = this.narrowMentions.get(key);
      if (!loader) this.narrowMentions.set(key, (loader = make(key) as DataLoader<number, unknown[]>));
      byKind.set(kind, loader);
    }
    return loader as DataLoader<number, R[]>;
  }

  private peopleLoader(columns: Column[] | undefined): DataLoader<number, PersonRow[]> {
    if (!columns) return this.peopleOfArticle;
    return this.narrowLoader("aps", columns, (kind) => this.articleMentions<PersonRow>(kind, ...PEOPLE_OF_ARTICLE, list("Person", columns)));
  }

  private countriesLoader(columns: Column[] | undefined): DataLoader<number, CountryRow[]> {
    if (!columns) return this.countriesOfArticle;
    return this.narrowLoader("acs", columns, (kind) => this.articleMentions<CountryRow>(kind, ...COUNTRIES_OF_ARTICLE, list("Country", columns)));
  }

  /** People an article mentions, most salient first, with `columns` only (all when undefined); a list when its page brought it. */
  peopleMentionedIn(articleId: number, columns?: Column[]): PersonRow[] | Promise<PersonRow[]> {
    return this.listOf(this.peopleLoader(columns), articleId);
  }

  /** Countries an article mentions, most salient first, with `columns` only (all when undefined); a list when its page brought it. */
  countriesMentionedIn(articleId: number, columns?: Column[]): CountryRow[] | Promise<CountryRow[]> {
    return this.listOf(this.countriesLoader(columns), articleId);
  }

  // Lists a page statement brought along, by loader and article: a resolver hands them over without a promise per row.
  private readonly primedLists = new WeakMap<DataLoader<number, unknown[]>, Map<number, unknown[]>>();

  private primeList<R>(loader: DataLoader<number, R[]>, id: number, list: R[]): void {
    let byId = this.primedLists.get(loader as DataLoader<number, unknown[]>);
    if (!byId) this.primedLists.set(loader as DataLoader<number, unknown[]>, (byId = new Map()));
    byId.set(id, list);
  }

  private listOf<R>(loader: DataLoader<number, R[]>, id: number): R[] | Promise<R[]> {
    return (this.primedLists.get(loader as DataLoader<number, unknown[]>)?.get(id) as R[] | undefined) ?? loader.load(id);
  }

  /** The country reference when `relations` name countries by code (started beside the page's statement). */
  private referenceFor(relations: PageRelations | undefined): Promise<CountryReference> | undefined {
    return relations?.countries && countriesByCode(relations.countries.columns) ? countryReference(this.db) : undefined;
  }

  /** A statement's rows, the lists they brought along handed to their loaders (the country reference read beside it when needed). */
  private async primedRows<R>(q: BuiltQuery, relations: PageRelations | undefined): Promise<R[]> {
    const pending = this.referenceFor(relations);
    const rows = await this.query<Record<string, unknown>>(q);
    const reference = await pending;
    // A person without articles on the page comes as one row whose article columns are null.
    for (const row of rows) if (row.id != null) this.primeRelations(row, relations, reference);
    return rows as R[];
  }

  /** Hands the lists a page statement brought along ("rel.*" JSON) to the loaders that would have selected them. */
  private primeRelations(row: Record<string, unknown>, relations: PageRelations | undefined, reference?: CountryReference): void {
    if (!relations) return;
    const id = row.id as number;
    if (relations.images) this.primeList(this.imagesLoader(relations.images.columns), id, row["rel.images"] as ImageRow[]);
    if (relations.people) this.primeList(this.peopleLoader(relations.people.columns), id, row["rel.people"] as PersonRow[]);
    if (!relations.countries) return;
    const codes = row["rel.countryCodes"] as string[] | undefined;
    const countries = codes ? reference && countriesOf(codes, reference) : (row["rel.countries"] as CountryRow[]);
    if (countries) this.primeList(this.countriesLoader(relations.countries.columns), id, countries);
  }

  readonly eventsOfArticle = new DataLoader<number, EventRow[]>((ids) =>
    this.cache.batch("aevt", ids, async (keys) =>
      groupBy(keys, await this.query<EventRow & { articleId: number }>(
        `SELECT x.article_id AS "articleId", ${EVENT_COLUMNS} FROM article_event x JOIN event e ON e.id = x.event_id
         WHERE x.article_id = ANY(${INT_KEYS}) AND e.merged_into_id IS NULL ORDER BY x.article_id, x.salience DESC, e.id`, [keys]), (r) => r.articleId),
    ),
  );

  /** People of an event with how many of its articles mention each. */
  readonly peopleOfEvent = new DataLoader<number, Mentioned<PersonRow>[]>(async (ids) => {
    const rows = await this.query<PersonRow & { eventId: number; n: number }>(
      `SELECT x.event_id AS "eventId", count(*)::int AS n, ${PERSON_COLUMNS}
       FROM article_event x JOIN article a ON a.id = x.article_id AND a.original_id IS NULL
       JOIN article_person ap ON ap.article_id = x.article_id JOIN person p ON p.id = ap.person_id
       WHERE x.event_id = ANY(${INT_KEYS}) GROUP BY x.event_id, p.id ORDER BY x.event_id, n DESC, p.id`, [ids]);
    return groupBy(ids, rows, (r) => r.eventId).map((list) => list.map(({ n, ...row }) => ({ row, count: n, salience: 0 })));
  });

  readonly countriesOfEvent = new DataLoader<number, Mentioned<CountryRow>[]>(async (ids) => {
    const rows = await this.query<CountryRow & { eventId: number; n: number }>(
      `SELECT x.event_id AS "eventId", count(*)::int AS n, ${COUNTRY_COLUMNS}
       FROM article_event x JOIN article a ON a.id = x.article_id AND a.original_id IS NULL
       JOIN article_country ac ON ac.article_id = x.article_id JOIN country c ON c.code = ac.country_code
       WHERE x.event_id = ANY(${INT_KEYS}) GROUP BY x.event_id, c.code ORDER BY x.event_id, n DESC, c.code`, [ids]);
    return groupBy(ids, rows, (r) => r.eventId).map((list) => list.map(({ n, ...row }) => ({ row, count: n, salience: 0 })));
  });

  /** Countries most mentioned alongside a person, over their latest 200 articles (bounded work per person). */
  readonly countriesOfPerson = new DataLoader<number, CountryRow[]>(async (ids) => {
    const rows = await this.query<CountryRow & { personId: number }>(
      `SELECT k.key AS "personId", ${COUNTRY_COLUMNS} FROM unnest(${INT_KEYS}) AS k(key) CROSS JOIN LATERAL (
         SELECT ac.country_code, count(*) AS n FROM (
           SELECT article_id FROM article_person WHERE person_id = k.key ORDER BY published_at DESC LIMIT 200
         ) r JOIN article_country ac ON ac.article_id = r.article_id GROUP BY ac.country_code ORDER BY n DESC, ac.country_code LIMIT 20
       ) t JOIN country c ON c.code = t.country_code ORDER BY k.key, t.n DESC, c.code`, [ids]);
    return groupBy(ids, rows, (r) => r.personId);
  });

  readonly citizensOfCountry = new DataLoader<string, PersonRow[]>(async (codes) => {
    const rows = await this.query<PersonRow & { code: string }>(
      `SELECT k.key AS code, x.* FROM unnest(${TEXT_KEYS}) AS k(key) CROSS JOIN LATERAL (
         SELECT ${PERSON_COLUMNS} FROM person p WHERE p.country_code = k.key AND p.merged_into_id IS NULL
         ORDER BY p.mention_count DESC, p.id LIMIT 100) x`, [codes]);
    return groupBy(codes, rows, (r) => r.code);
  });

  /** People by mention count; `search` matches folded names and aliases (substring or trigram). */
  searchPeople(search: string | undefined, limit: number, after?: RankKeyset): Promise<PersonRow[]> {
    const params: unknown[] = [];
    const conds = ["p.merged_into_id IS NULL"];
    if (search) {
      params.push(fold(search));
      conds.push(`(p.search_text ILIKE '%' || $1 || '%' OR p.search_text % $1)`);
    }
    if (after) {
      params.push(after.rank, after.id);
      const [r, i] = [`$${params.length - 1}`, `$${params.length}`];
      conds.push(`(p.mention_count < ${r} OR (p.mention_count = ${r} AND p.id > ${i}))`);
    }
    params.push(limit);
    return this.query<PersonRow>(
      `SELECT ${PERSON_COLUMNS} FROM person p WHERE ${conds.join(" AND ")} ORDER BY p.mention_count DESC, p.id LIMIT $${params.length}`, params);
  }

  async countPeople(search: string | undefined): Promise<number> {
    const where = search ? `AND (p.search_text ILIKE '%' || $1 || '%' OR p.search_text % $1)` : "";
    const [row] = await this.query<{ n: number }>(`SELECT count(*)::int AS n FROM person p WHERE p.merged_into_id IS NULL ${where}`, search ? [fold(search)] : []);
    return row?.n ?? 0;
  }

  private readonly pages = new Map<string, DataLoader<string, ArticleRow[]>>();
  private readonly counts = new Map<string, DataLoader<string, number>>();

  /**
   * A page of articles. Its sources come in the same statement: whole ones wait in the source
   * loader, narrowed ones (only the selected columns) ride on their article as `pageSource`.
   */
  async articlePage(spec: PageSpec, columns: PageColumns = {}): Promise<ArticleRow[]> {
    const rows = await this.primedRows<Record<string, unknown>>(articlePageQuery(spec.criteria, spec.limit, spec.after, columns), columns.relations);
    if (columns.source === null && !columns.relations) return rows as unknown as ArticleRow[];
    return rows.map((row) => {
      const article: Record<string, unknown> = {};
      const source: Record<string, unknown> = { __typename: "Source" };
      for (const key in row) {
        if (key.startsWith("src.")) source[key.slice(4)] = row[key];
        else if (!key.startsWith("rel.")) article[key] = row[key];
      }
      if (columns.source === null) return article as unknown as ArticleRow;
      if (columns.source) article.pageSource = source;
      else this.source.prime(source.id as number, source as unknown as SourceRow);
      return article as unknown as ArticleRow;
    });
  }

  async articleCount(criteria: ArticleCriteria): Promise<number> {
    const [row] = await this.query<{ n: number }>(articleCountQuery(criteria));
    return row?.n ?? 0;
  }

  /** Pages of articles for many parents with the same arguments: one LATERAL statement per argument set. */
  scopedPage(kind: ScopeKind, key: number | string, spec: PageSpec, columns: PageColumns = {}): Promise<ArticleRow[]> {
    return this.pageLoader(kind, spec, columns).load(String(key));
  }

  /**
   * An article's row with the lists `relations` names selected in the same statement, left waiting
   * in their loaders. When those loaders share their lists through the cache (LOADER_CACHE=all),
   * the row comes from its own loader and the lists from theirs.
   */
  async articleWithRelations(id: number, relations: PageRelations): Promise<ArticleRow | null> {
    if (this.cache.scope === "all") return this.article.load(id);
    const [row] = await this.primedRows<Record<string, unknown>>(articleWithRelationsQuery(id, relations), relations);
    if (!row) return null;
    this.article.prime(id, row as unknown as ArticleRow);
    return row as unknown as ArticleRow;
  }

  /**
   * A person's row, with the first page of their articles selected in the same statement and left
   * waiting where `scopedPage` looks for it. Null for an unknown id.
   */
  async personWithPage(id: number, spec: PageSpec, columns: PageColumns): Promise<PersonRow | null> {
    const rows = await this.primedRows<Record<string, unknown>>(personWithPageQuery(id, spec.criteria, spec.limit, spec.after, columns), columns.relations);
    if (rows.length === 0) return null;
    const person = JSON.parse(rows[0]["rel.person"] as string) as PersonRow;
    const page = rows[0].id == null ? [] : rows;
    this.person.prime(id, person);
    this.pageLoader("person", spec, columns).prime(String(id), page as unknown as ArticleRow[]);
    return person;
  }

  private pageLoader(kind: ScopeKind, spec: PageSpec, columns: PageColumns): DataLoader<string, ArticleRow[]> {
    const sig = `${kind}|${JSON.stringify(spec)}|${columnsSignature(columns)}`;
    let loader = this.pages.get(sig);
    if (!loader) {
      loader = new DataLoader<string, ArticleRow[]>(async (keys) => {
        const parentKeys = keys.map((k) => (kind === "country" ? k : Number(k)));
        // The "rel.*" lists stay on the rows: nothing reads them there, and copying rows costs more.
        const rows = await this.primedRows<ArticleRow & { parentKey: number | string }>(
          scopedArticlePagesQuery(kind, parentKeys, spec.criteria, spec.limit, spec.after, columns), columns.relations);
        return groupBy(keys, rows, (r) => String(r.parentKey));
      });
      this.pages.set(sig, loader);
    }
    return loader;
  }

  scopedCount(kind: ScopeKind, key: number | string, criteria: ArticleCriteria): Promise<number> {
    const sig = `${kind}|${JSON.stringify(criteria)}`;
    let loader = this.counts.get(sig);
    if (!loader) {
      loader = new DataLoader<string, number>(async (keys) => {
        const parentKeys = keys.map((k) => (kind === "country" ? k : Number(k)));
        const rows = await this.query<{ parentKey: number | string; n: number }>(scopedArticleCountsQuery(kind, parentKeys, criteria));
        return indexBy(keys, rows, (r) => String(r.parentKey)).map((r) => r?.n ?? 0);
      });
      this.counts.set(sig, loader);
    }
    return loader.load(String(key));
  }

  // Entity graph (src/ingest/rollups): evidence of co-mention pairs, article relations, shared-cache reads.

  /** Evidence article ids of canonical pairs keyed "a~b", latest days first. */
  readonly pairEvidence = new DataLoader<string, number[]>((ids) =>
    this.cache.batch("pev", ids, async (keys) => {
      const pairs = keys.map((k) => k.split("~") as [string, string]);
      const found = await pairSamples(this.db, pairs, 3);
      return keys.map((k) => found.get(k) ?? []);
    }),
  );

  /** Near-duplicates of each article (rows whose original_id points at it), oldest first, 100 at most. */
  readonly duplicatesOf = new DataLoader<number, ArticleRow[]>((ids) =>
    this.cache.batch("dups", ids, async (keys) =>
      groupBy(keys, await this.query<ArticleRow>(
        `SELECT x.* FROM unnest(${INT_KEYS}) AS k(key) CROSS JOIN LATERAL (
           SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.original_id = k.key ORDER BY a.published_at, a.id LIMIT 100) x`,
        [keys]), (r) => r.originalId as number),
    ),
  );

  private readonly relatedBy = new Map<number, DataLoader<number, number[]>>();

  /** Ids of related articles, one statement for every parent asking with the same `first`. */
  relatedIds(articleId: number, first: number): Promise<number[]> {
    let loader = this.relatedBy.get(first);
    if (!loader) {
      loader = new DataLoader<number, number[]>((ids) =>
        this.cache.batch(`rel${first}`, ids, async (keys) =>
          groupBy(keys, await relatedArticles(this.db, keys, first), (r) => r.parentId).map((rows) => rows.map((r) => r.articleId))),
      );
      this.relatedBy.set(first, loader);
    }
    return loader.load(articleId);
  }

  /** One computed value through the shared cache, valid for the current data generation. */
  async cached<T>(kind: string, key: string, load: () => Promise<T>): Promise<T> {
    const [value] = await this.cache.batch<string, T>(kind, [key], async () => [await load()]);
    return value;
  }
}
