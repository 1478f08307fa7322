import { parse } from "graphql";
import { buildKhabarSchema } from "../../src/graphql/schema";
import { actualCost } from "../../src/graphql/plugins/actual-cost";
import { estimateCost } from "../../src/graphql/plugins/cost";

const schema = buildKhabarSchema();
const estimate = (query: string, variables?: Record<string, unknown>) => estimateCost({ schema, document: parse(query), variables, maxFirst: 100 });
const actual = (query: string, data: unknown) => actualCost(schema, parse(query), undefined, data);

const FRONT = `{ articles(first: 3) { totalCount edges { node { title source { name } people(first: 2) { name } } } pageInfo { hasNextPage } } }`;
const article = (people: number) => ({ node: { title: "t", source: { name: "s" }, people: Array.from({ length: people }, () => ({ name: "p" })) } });

describe("cost model", () => {
  it("charges objects 1 plus children, lists and connections first × children, scalars nothing", () => {
    // first 3 × (article 1 + source 1 + 2 people + totalCount 1): the connection's children are multiplied too.
    expect(estimate(FRONT)).toBe(15);
    expect(estimate(`{ article(url: "https://x.example/a") { title summary } }`)).toBe(1);
    expect(estimate(`query($n: Int!) { articles(first: $n) { nodes { title } } }`, { n: 50 })).toBe(50);
  });

  it("counts what a response really holds: every object once, totalCount once", () => {
    const full = { articles: { totalCount: 9, edges: [article(2), article(2), article(2)], pageInfo: { hasNextPage: true } } };
    expect(actual(FRONT, full)).toBe(13);
    const short = { articles: { totalCount: 1, edges: [article(1)], pageInfo: { hasNextPage: false } } };
    expect(actual(FRONT, short)).toBe(4);
  });

  it("counts each response of one parsed operation by what that response holds", () => {
    const document = parse(FRONT);
    const full = { articles: { totalCount: 9, edges: [article(2), article(2), article(2)], pageInfo: { hasNextPage: true } } };
    const short = { articles: { totalCount: 1, edges: [article(1)], pageInfo: { hasNextPage: false } } };
    expect(actualCost(schema, document, undefined, full)).toBe(13);
    expect(actualCost(schema, document, undefined, short)).toBe(4);
    expect(actualCost(schema, document, undefined, { articles: null })).toBe(0);
  });

  it("follows aliases and fragments, and counts a merged field once", () => {
    const q = `{ a: articles(first: 2) { nodes { ...F ...F } } } fragment F on Article { title source { name } }`;
    expect(actual(q, { a: { nodes: [{ title: "x", source: { name: "s" } }, { title: "y", source: null }] } })).toBe(3);
  });

  it("charges nothing for introspection answers", () => {
    expect(actual(`{ __schema { types { name } } }`, { __schema: { types: [{ name: "A" }, { name: "B" }] } })).toBe(0);
  });
});
