import { ARTICLE_COLUMN_LIST, COUNTRY_COLUMN_LIST, IMAGE_COLUMN_LIST, localisedNames, PERSON_COLUMN_LIST, SOURCE_COLUMN_LIST, type Column } from "./columns";
import { Kind, type FieldNode } from "graphql";
import type { PageColumns, PageRelations } from "./article-query";
import { connectionNodeFields, objectFields, subfields, type Selection, type SelectionInfo } from "./selection";

/** Which columns each GraphQL field reads from its row; fields that are not listed need every column. */
interface Shape {
  list: Column[];
  always: string[];
  needs: Record<string, readonly string[]>;
  /** The table alias whose `names` may be narrowed to what `name` shows. */
  localised?: string;
}

// Fields read from the column of their name; fields that only need the row's key (ids, relations).
const own = (...names: string[]) => Object.fromEntries(names.map((n) => [n, [n]]));
const keyOnly = (...names: string[]) => Object.fromEntries(names.map((n) => [n, []]));

const ARTICLE: Shape = {
  list: ARTICLE_COLUMN_LIST,
  // publishedAt makes the cursor of every edge.
  always: ["id", "publishedAt"],
  needs: {
    ...own("url", "canonicalUrl", "guid", "title", "summary", "language", "direction", "updatedAt", "fetchedAt", "sourceCategory", "category",
      "authors", "tags", "siteName", "contentHash", "wordCount", "seeAlso", "relatedLinks"),
    ...keyOnly("id", "publishedAt", "bodyHtml", "bodyText", "sources", "images", "people", "countries", "events", "duplicates", "related"),
    source: ["sourceId"],
    original: ["originalId"],
  },
};

const PERSON: Shape = {
  list: PERSON_COLUMN_LIST,
  always: ["id"],
  needs: {
    ...own("aliases", "wikidataId", "description", "verified", "mentionCount"),
    ...keyOnly("id", "articles", "countries", "coMentions", "timeline"),
    name: ["names"],
    names: ["names"],
    country: ["countryCode"],
  },
};

// Countries carry ~20 names each, people one or two: only the former repay narrowing.
const COUNTRY: Shape = {
  localised: "c",
  list: COUNTRY_COLUMN_LIST,
  always: ["code"],
  needs: { ...own("code", "alpha3", "mentionCount"), ...keyOnly("id", "articles", "people", "coMentions", "timeline"), name: ["names"], names: ["names"] },
};

// An article's images are grouped by article and kept in position order.
const IMAGE: Shape = {
  list: IMAGE_COLUMN_LIST,
  always: ["articleId", "position"],
  needs: own("position", "url", "alt", "caption", "credit", "width", "height"),
};

const HEALTH = ["lastFetchedAt", "lastSuccessAt", "lastError", "lastErrorAt", "consecutiveErrors", "nextFetchAt", "itemsLastRun", "intervalSeconds"];

const SOURCE: Shape = {
  list: SOURCE_COLUMN_LIST,
  always: ["id"],
  needs: { ...own("name", "url", "kind", "siteUrl", "language", "active"), ...keyOnly("id", "articles"), health: HEALTH },
};

/**
 * The columns a selection reads, or undefined for all of them (no selection known, a field this
 * table does not list, or nothing left out). Fewer columns: less for PostgreSQL to send and for
 * node-postgres to parse (dates, arrays and jsonb are the dear ones).
 */
function pick(shape: Shape, fields: Selection | undefined): Column[] | undefined {
  if (!fields) return undefined;
  const want = new Set(shape.always);
  for (const name of fields.keys()) {
    const needs = shape.needs[name];
    if (!needs) return undefined;
    for (const c of needs) want.add(c);
  }
  const langs = shape.localised && !fields.has("names") ? nameLanguages(fields.get("name")) : undefined;
  const columns = shape.list.filter(([alias]) => want.has(alias))
    .map((c) => (langs && c[0] === "names" ? localisedNames(shape.localised!, langs) : c));
  return columns.length === shape.list.length && !langs ? undefined : columns;
}

/**
 * The languages `name` fields ask for with literal `lang` arguments, or undefined when there is no
 * `name` field or a `lang` is a variable or not a plain language code (then every name is kept).
 */
function nameLanguages(nodes: FieldNode[] | undefined): string[] | undefined {
  if (!nodes) return undefined;
  const langs: string[] = [];
  for (const node of nodes) {
    const arg = node.arguments?.find((a) => a.name.value === "lang");
    if (!arg || arg.value.kind === Kind.NULL) continue;
    const code = arg.value.kind === Kind.STRING ? arg.value.value.trim().toLowerCase() : "";
    if (!/^[a-z]{2,3}$/.test(code)) return undefined;
    langs.push(code);
  }
  return langs;
}

/**
 * Remembered per field: graphql-js and graphql-jit hand every item of a list (and every request
 * of a compiled operation) the same `fieldNodes`, and the answer only depends on them.
 */
function perField<T>(compute: (info: SelectionInfo) => T): (info: SelectionInfo) => T {
  const known = new WeakMap<readonly FieldNode[], { value: T }>();
  return (info) => {
    let entry = known.get(info.fieldNodes);
    if (!entry) known.set(info.fieldNodes, (entry = { value: compute(info) }));
    return entry.value;
  };
}

/**
 * The per-article lists a page brings along in its own statement, with the columns their
 * resolvers would ask their loaders for (so the primed loader is the one they read).
 */
function relations(node: Selection, fragments: SelectionInfo["fragments"]): PageRelations {
  const images = node.get("images");
  const people = node.get("people");
  const countries = node.get("countries");
  return {
    images: images && { columns: pick(IMAGE, subfields(images, fragments)) },
    people: people && { columns: pick(PERSON, subfields(people, fragments)) },
    countries: countries && { columns: pick(COUNTRY, subfields(countries, fragments)) },
  };
}

/** Columns and lists of the articles of a connection field under a person, country, event or source. */
export const articlePageColumns = perField((info): PageColumns => {
  const node = connectionNodeFields(info);
  return { article: pick(ARTICLE, node), relations: relations(node, info.fragments) };
});

/** The same for a top-level page, with its sources' columns too (null when no source is selected). */
export const frontPageColumns = perField((info): PageColumns => {
  const node = connectionNodeFields(info);
  const source = node.get("source");
  return { article: pick(ARTICLE, node), source: source ? pick(SOURCE, subfields(source, info.fragments)) : null, relations: relations(node, info.fragments) };
});

/** The lists an article field's own selection reads, to select with the article (none: undefined). */
export const articleRelations = perField((info): PageRelations | undefined => {
  const r = relations(objectFields(info), info.fragments);
  return r.images || r.people || r.countries ? r : undefined;
});

/** Whether a connection field's selection reads `pageInfo { hasNextPage }` (through any fragment). */
export const asksNextPage = perField((info) => subfields(objectFields(info).get("pageInfo") ?? [], info.fragments).has("hasNextPage"));

/** Columns of the people a list field returns. */
export const personListColumns = perField((info) => pick(PERSON, objectFields(info)));

/** Columns of the images a list field returns. */
export const imageListColumns = perField((info) => pick(IMAGE, objectFields(info)));

/** Columns of the countries a list field returns. */
export const countryListColumns = perField((info) => pick(COUNTRY, objectFields(info)));
