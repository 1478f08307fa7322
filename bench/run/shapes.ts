import type { Dialect } from "./types";

/**
 * Answers of the two dialects reduced to one shape (numeric ids, titles, country codes), so the
 * runner can check that the gateway and PostGraphile return the same articles in the same order.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** "QXJ0aWNsZToxMg" (base64url of "Article:12") → 12; PostGraphile's integer ids pass through. */
export function rowId(id: unknown): number {
  if (typeof id === "number") return id;
  const decoded = Buffer.from(String(id), "base64url").toString("utf8");
  const n = Number(decoded.slice(decoded.indexOf(":") + 1));
  if (!Number.isInteger(n)) throw new Error(`bench.shapes: expected a global id "Type:number", got ${JSON.stringify(id)}`);
  return n;
}

const codes = (cs: Json[]) => cs.map((c) => String(c.code).trim());

const khabarCountries = (a: Json) => codes(a.countries);
const pgCountries = (a: Json) => codes(a.articleCountriesByArticleId.nodes.map((n: Json) => n.countryByCountryCode));
const pgPeople = (a: Json) => a.articlePeopleByArticleId.nodes.map((n: Json) => n.personByPersonId);

export function frontShape(data: Json, dialect: Dialect): unknown {
  if (dialect === "postgraphile") {
    const c = data.allArticles;
    return {
      more: c.pageInfo.hasNextPage,
      articles: c.nodes.map((a: Json) => ({
        id: a.id, title: a.title, source: a.sourceBySourceId.name,
        images: a.articleImagesByArticleId.nodes.map((i: Json) => i.url),
        people: pgPeople(a).map((p: Json) => p.id), countries: pgCountries(a),
      })),
    };
  }
  const c = data.articles;
  return {
    more: c.pageInfo.hasNextPage,
    articles: c.edges.map(({ node: a }: Json) => ({
      id: rowId(a.id), title: a.title, source: a.source.name,
      images: a.images.map((i: Json) => i.url),
      people: a.people.map((p: Json) => rowId(p.id)), countries: khabarCountries(a),
    })),
  };
}

export function personShape(data: Json, dialect: Dialect): unknown {
  if (dialect === "postgraphile") {
    return data.personById.articlePeopleByPersonId.nodes.map((n: Json) => ({ title: n.articleByArticleId.title, countries: pgCountries(n.articleByArticleId) }));
  }
  return data.person.articles.edges.map(({ node: a }: Json) => ({ title: a.title, countries: khabarCountries(a) }));
}

export function searchShape(data: Json, dialect: Dialect): unknown {
  if (dialect === "postgraphile") return data.searchArticles.nodes.map((a: Json) => ({ id: a.id, title: a.title }));
  return data.articles.edges.map(({ node: a }: Json) => ({ id: rowId(a.id), title: a.title }));
}

export function deepShape(data: Json, dialect: Dialect): unknown {
  if (dialect === "postgraphile") {
    const a = data.articleById;
    return {
      id: a.id, title: a.title,
      people: pgPeople(a).map((p: Json) => ({
        id: p.id,
        articles: p.articlePeopleByPersonId.nodes.map((n: Json) => ({ id: n.articleByArticleId.id, countries: pgCountries(n.articleByArticleId) })),
      })),
    };
  }
  const a = data.article;
  return {
    id: rowId(a.id), title: a.title,
    people: a.people.map((p: Json) => ({
      id: rowId(p.id),
      articles: p.articles.edges.map(({ node: x }: Json) => ({ id: rowId(x.id), countries: khabarCountries(x) })),
    })),
  };
}
