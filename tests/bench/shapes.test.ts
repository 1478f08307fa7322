import { deepShape, frontShape, personShape, rowId, searchShape } from "../../bench/run/shapes";

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
const country = (code: string) => ({ code, name: code });

describe("answers reduced to one shape", () => {
  it("read numeric ids out of the gateway's global ids and pass PostGraphile's through", () => {
    expect(rowId(gid("Article", 42))).toBe(42);
    expect(rowId(7)).toBe(7);
    expect(() => rowId("not an id")).toThrow(/expected a global id "Type:number"/);
  });

  it("make the same front page from either dialect equal, and a reordered one different", () => {
    const khabar = { articles: { pageInfo: { hasNextPage: true }, edges: [{ node: { id: gid("Article", 2), title: "B", source: { name: "S" }, images: [{ url: "u" }], people: [{ id: gid("Person", 9) }], countries: [country("EG")] } }] } };
    const pg = { allArticles: { pageInfo: { hasNextPage: true }, nodes: [{ id: 2, title: "B", sourceBySourceId: { name: "S" }, articleImagesByArticleId: { nodes: [{ url: "u" }] },
      articlePeopleByArticleId: { nodes: [{ personByPersonId: { id: 9 } }] }, articleCountriesByArticleId: { nodes: [{ countryByCountryCode: { code: "EG" } }] } }] } };
    expect(frontShape(pg, "postgraphile")).toEqual(frontShape(khabar, "khabar"));
    const otherPeople = { ...pg, allArticles: { ...pg.allArticles, nodes: [{ ...pg.allArticles.nodes[0], articlePeopleByArticleId: { nodes: [{ personByPersonId: { id: 8 } }] } }] } };
    expect(frontShape(otherPeople, "postgraphile")).not.toEqual(frontShape(khabar, "khabar"));
  });

  it("compare person, search and deep pages by titles, ids and country codes", () => {
    const kArticle = { id: gid("Article", 5), title: "T", countries: [country("US")] };
    const pArticle = { id: 5, title: "T", articleCountriesByArticleId: { nodes: [{ countryByCountryCode: { code: "US" } }] } };
    expect(personShape({ personById: { articlePeopleByPersonId: { nodes: [{ articleByArticleId: pArticle }] } } }, "postgraphile"))
      .toEqual(personShape({ person: { articles: { edges: [{ node: kArticle }] } } }, "khabar"));
    expect(searchShape({ searchArticles: { nodes: [pArticle] } }, "postgraphile")).toEqual(searchShape({ articles: { edges: [{ node: kArticle }] } }, "khabar"));
    const kDeep = { article: { id: gid("Article", 1), title: "D", people: [{ id: gid("Person", 3), articles: { edges: [{ node: kArticle }] } }] } };
    const pDeep = { articleById: { id: 1, title: "D", articlePeopleByArticleId: { nodes: [{ personByPersonId: { id: 3, articlePeopleByPersonId: { nodes: [{ articleByArticleId: pArticle }] } } }] } } };
    expect(deepShape(pDeep, "postgraphile")).toEqual(deepShape(kDeep, "khabar"));
  });
});
