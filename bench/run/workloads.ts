import { toGlobalId } from "../../src/graphql/global-id";
import { simpleTsQuery } from "../../src/graphql/loaders/text-query";
import { EN } from "../generate/lexicon.en";
import { AR } from "../generate/lexicon.ar";
import { deepShape, frontShape, personShape, searchShape } from "./shapes";
import type { Dialect, GraphqlBody, Workload, WorkloadContext } from "./types";
import { PG_DEEP_QUERY, PG_FRONT_PAGE_QUERY, PG_PERSON_PAGE_QUERY, PG_SEARCH_QUERY } from "./workloads.pg";

export const FRONT_PAGE_QUERY = `query FrontPage($first: Int!) {
  articles(first: $first) {
    edges { node {
      id title summary publishedAt language
      source { name }
      images { url caption credit }
      people(first: 5) { id name }
      countries { code name }
    } }
    pageInfo { endCursor hasNextPage }
  }
}`;

export const PERSON_PAGE_QUERY = `query PersonPage($id: ID!) {
  person(id: $id) {
    name
    articles(first: 20) { edges { node { title publishedAt countries { code name } } } }
  }
}`;

export const SEARCH_QUERY = `query Search($q: String!) {
  articles(first: 20, filter: { q: $q }) {
    edges { node { id title publishedAt language source { name } } }
  }
}`;

export const DEEP_QUERY = `query Deep($id: ID!) {
  article(id: $id) {
    id title
    people(first: 5) {
      id name
      articles(first: 5) { edges { node { id title publishedAt countries { code name } } } }
    }
  }
}`;

const BOTH: Dialect[] = ["khabar", "postgraphile"];

const frontPage = (first: number): Workload => ({
  name: first === 50 ? "front" : `front${first}`,
  description: `front page: newest ${first} articles with source, images, 5 people, countries`,
  dialects: BOTH,
  body: (_ctx, dialect = "khabar"): GraphqlBody =>
    ({ query: dialect === "postgraphile" ? PG_FRONT_PAGE_QUERY : FRONT_PAGE_QUERY, variables: { first }, operationName: "FrontPage" }),
  shape: frontShape,
});

/** The gateway picks the text-search configuration by script; PostGraphile's function is told it, with the same folded query. */
const search = (lang: "en" | "ar"): Workload => ({
  name: `search-${lang}`,
  description: `full-text search page (${lang === "en" ? "English" : "Arabic"}): 20 newest articles matching one word, with source`,
  dialects: BOTH,
  body: (ctx, dialect = "khabar"): GraphqlBody => {
    const q = ctx.searchWords[lang];
    if (dialect === "khabar") return { query: SEARCH_QUERY, variables: { q }, operationName: "Search" };
    return { query: PG_SEARCH_QUERY, variables: { q, lang: lang === "en" ? "english" : "arabic", simple: simpleTsQuery(q) }, operationName: "Search" };
  },
  shape: searchShape,
});

/** Every workload the runner knows, by name. */
export const WORKLOADS: Workload[] = [
  frontPage(50),
  frontPage(10),
  frontPage(100),
  {
    name: "person",
    description: "person page: the most mentioned person and their latest 20 articles with countries",
    dialects: BOTH,
    body: (ctx, dialect = "khabar") => dialect === "postgraphile"
      ? { query: PG_PERSON_PAGE_QUERY, variables: { id: ctx.popularPersonId }, operationName: "PersonPage" }
      : { query: PERSON_PAGE_QUERY, variables: { id: toGlobalId("Person", ctx.popularPersonId) }, operationName: "PersonPage" },
    shape: personShape,
  },
  search("ar"),
  search("en"),
  {
    name: "deep",
    description: "deep page: an article → its 5 people → their latest 5 articles → countries",
    dialects: BOTH,
    body: (ctx, dialect = "khabar") => dialect === "postgraphile"
      ? { query: PG_DEEP_QUERY, variables: { id: ctx.deepArticleId }, operationName: "Deep" }
      : { query: DEEP_QUERY, variables: { id: toGlobalId("Article", ctx.deepArticleId) }, operationName: "Deep" },
    shape: deepShape,
  },
];

export function selectWorkloads(names: string[]): Workload[] {
  const unknown = names.filter((n) => !WORKLOADS.some((w) => w.name === n));
  if (unknown.length) {
    throw new Error(`bench.run: unknown workload(s) ${unknown.join(", ")}; known: ${WORKLOADS.map((w) => w.name).join(", ")}`);
  }
  return names.map((n) => WORKLOADS.find((w) => w.name === n)!);
}

/** Mid-ranked nouns of the corpus grammar: common enough to fill a page, rare enough to need the index. */
export const SEARCH_WORDS = { en: EN.nouns[40], ar: AR.nouns[40] };

export type Query = <T>(sql: string) => Promise<T[]>;

export async function gatherContext(query: Query): Promise<WorkloadContext> {
  const [{ n }] = await query<{ n: string }>(`SELECT count(*) AS n FROM article`);
  const [top] = await query<{ id: number; mention_count: number }>(
    `SELECT id, mention_count FROM person WHERE merged_into_id IS NULL ORDER BY mention_count DESC, id LIMIT 1`);
  if (!top) throw new Error("bench.run: expected at least one person in the database, got none (generate data first)");
  // The newest article with three people or more (newest with anyone in a tiny corpus): a walk from the index's head.
  const newestWith = (people: number) => query<{ id: number }>(
    `SELECT a.id FROM article a WHERE (SELECT count(*) FROM article_person x WHERE x.article_id = a.id) >= ${people} ORDER BY a.published_at DESC, a.id DESC LIMIT 1`);
  const [deep] = [...await newestWith(3), ...await newestWith(1)];
  if (!deep) throw new Error("bench.run: expected an article that mentions someone for the deep page, got none (generate data first)");
  return {
    articles: Number(n),
    popularPersonId: top.id,
    popularPersonMentions: top.mention_count,
    deepArticleId: deep.id,
    searchWords: SEARCH_WORDS,
  };
}
