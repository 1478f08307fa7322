/**
 * The same pages written against PostGraphile 4's generated schema over the gateway's tables
 * (default inflection: allArticles, personById, articlePeopleByArticleId, …), plus the search
 * function the benchmark adds in the bench_pg schema (postgraphile.sql.ts).
 */

const COUNTRIES = `articleCountriesByArticleId(first: 10, orderBy: [SALIENCE_DESC, COUNT_DESC, COUNTRY_CODE_ASC]) {
        nodes { countryByCountryCode { code nameEn } } }`;

export const PG_FRONT_PAGE_QUERY = `query FrontPage($first: Int!) {
  allArticles(first: $first, orderBy: [PUBLISHED_AT_DESC, ID_DESC]) {
    nodes {
      id title summary publishedAt language
      sourceBySourceId { name }
      articleImagesByArticleId(orderBy: POSITION_ASC) { nodes { url caption credit } }
      articlePeopleByArticleId(first: 5, orderBy: [SALIENCE_DESC, COUNT_DESC, PERSON_ID_ASC]) { nodes { personByPersonId { id names } } }
      ${COUNTRIES}
    }
    pageInfo { endCursor hasNextPage }
  }
}`;

export const PG_PERSON_PAGE_QUERY = `query PersonPage($id: Int!) {
  personById(id: $id) {
    names
    articlePeopleByPersonId(first: 20, orderBy: [PUBLISHED_AT_DESC, ARTICLE_ID_DESC]) {
      nodes { articleByArticleId { title publishedAt ${COUNTRIES} } }
    }
  }
}`;

export const PG_SEARCH_QUERY = `query Search($q: String!, $lang: String!, $simple: String!) {
  searchArticles(q: $q, lang: $lang, simpleQuery: $simple, first: 20) {
    nodes { id title publishedAt language sourceBySourceId { name } }
  }
}`;

export const PG_DEEP_QUERY = `query Deep($id: Int!) {
  articleById(id: $id) {
    id title
    articlePeopleByArticleId(first: 5, orderBy: [SALIENCE_DESC, COUNT_DESC, PERSON_ID_ASC]) {
      nodes { personByPersonId {
        id names
        articlePeopleByPersonId(first: 5, orderBy: [PUBLISHED_AT_DESC, ARTICLE_ID_DESC]) {
          nodes { articleByArticleId { id title publishedAt ${COUNTRIES} } }
        }
      } }
    }
  }
}`;
