import { startTestApp, type TestApp } from "../support/app";
import { createWorld, uniqueBody, type World } from "./world";

let w: World;
let app: TestApp;
const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString("base64url");
const ids: Record<string, number> = {};
const P = (name: keyof World["people"]) => gid("Person", w.people[name]);

/**
 * Lavrov appears with Rubio in 3 articles, with Putin in 2, with Wang Yi in 1 (before 15 July);
 * Guterres rises on 15–16 July with Rubio and the obscure Kowalczyk; one article is reprinted.
 */
beforeAll(async () => {
  w = await createWorld();
  const { lavrov, rubio, wang, putin, guterres, obscure } = w.people;
  const s = w.sources;
  const story = async (name: string, source: number, at: string, people: number[], countries: string[] = [], body?: string) => {
    const r = await w.ingest({ source, path: `/q/${name}`, title: `Story ${name}`, at, body,
      people: people.map((id, i) => ({ id, salience: 0.9 - i * 0.1 })), countries: countries.map((code) => ({ code })) });
    ids[name] = r.articleId;
  };
  await story("putin-early", s.wire, "2025-07-02T10:00:00Z", [lavrov, putin]);
  for (const d of ["03", "04", "05", "06", "08"]) await story(`lavrov-${d}`, s.daily, `2025-07-${d}T10:00:00Z`, [lavrov]);
  const meetingBody = uniqueBody("kl-meeting", 120);
  await story("kl-1", s.wire, "2025-07-10T08:00:00Z", [lavrov, rubio], ["MY"], meetingBody);
  await story("kl-2", s.daily, "2025-07-10T15:00:00Z", [lavrov, rubio], ["MY"]);
  await story("kl-reprint", s.gazette, "2025-07-10T16:00:00Z", [lavrov, rubio], ["MY"], `${meetingBody} Reuters.`);
  await story("beijing", s.gazette, "2025-07-11T09:00:00Z", [lavrov, wang], ["CN"]);
  await story("kremlin", s.wire, "2025-07-11T12:00:00Z", [lavrov, putin], ["RU"]);
  await story("kl-3", s.wire, "2025-07-12T10:00:00Z", [lavrov, rubio]);
  await story("un-1", s.wire, "2025-07-15T09:00:00Z", [guterres, rubio]);
  await story("un-2", s.daily, "2025-07-15T13:00:00Z", [guterres]);
  await story("un-3", s.gazette, "2025-07-16T08:00:00Z", [guterres, obscure]);
  await story("un-4", s.wire, "2025-07-16T10:00:00Z", [guterres]);
  await story("lavrov-16", s.daily, "2025-07-16T11:00:00Z", [lavrov]);
  app = await startTestApp(w.db.dataSource, { RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await app?.close();
  await w?.db.close();
});

async function data<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await app.gql(query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data as T;
}

async function badInput(query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const res = await app.gql(query, variables);
  expect(res.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  return String(res.body.errors![0].extensions!.argument);
}

const CO = `query($e: ID!, $kinds: [EntityKind!], $from: DateTimeISO, $to: DateTimeISO, $first: Int) {
  coMentions(entity: $e, kinds: $kinds, from: $from, to: $to, first: $first) {
    count firstSeen lastSeen entity { __typename id name } articles(first: 3) { id title } } }`;

describe("coMentions", () => {
  it("ranks the people named with Lavrov by shared articles, counting a reprint once", async () => {
    const { coMentions } = await data(CO, { e: P("lavrov"), kinds: ["PERSON"], from: "2025-07-01T00:00:00Z", to: "2025-07-15T00:00:00Z" });
    expect(coMentions.map((c: any) => [c.entity.name, c.count])).toEqual([["Marco Rubio", 3], ["Vladimir Putin", 2], ["Wang Yi", 1]]);
    expect(coMentions[0]).toMatchObject({ firstSeen: "2025-07-10T08:00:00.000Z", lastSeen: "2025-07-12T10:00:00.000Z" });
    expect(coMentions[0].articles.map((a: any) => a.title)).toEqual(["Story kl-3", "Story kl-2", "Story kl-1"]);
  });

  it("counts only the days asked for, and partners of every kind when no kinds are given", async () => {
    const { coMentions } = await data(CO, { e: P("lavrov"), from: "2025-07-11T00:00:00Z", to: "2025-07-12T00:00:00Z" });
    const names = coMentions.map((c: any) => `${c.entity.__typename}:${c.entity.name}`);
    expect(names).toEqual(expect.arrayContaining(["Person:Wang Yi", "Person:Vladimir Putin", "Country:China", "Country:Russia"]));
    expect(names).not.toContain("Person:Marco Rubio");
    expect(coMentions.some((c: any) => c.entity.__typename === "Event")).toBe(true);
  });

  it("answers all-time co-mentions from the totals, with evidence", async () => {
    const { coMentions } = await data(CO, { e: P("rubio"), kinds: ["PERSON"] });
    expect(coMentions.map((c: any) => [c.entity.name, c.count])).toEqual([["Sergei Lavrov", 3], ["António Guterres", 1]]);
    expect(coMentions[1].articles.map((a: any) => a.title)).toEqual(["Story un-1"]);
  });

  it("works for a country and an event as well as a person", async () => {
    const { coMentions } = await data(CO, { e: gid("Country", "MY"), kinds: ["PERSON"] });
    // Equal counts and last seen: the smaller key (Lavrov was created first) leads.
    expect(coMentions.map((c: any) => [c.entity.name, c.count])).toEqual([["Sergei Lavrov", 2], ["Marco Rubio", 2]]);
    const [{ event_id }] = await w.q(`SELECT event_id FROM article_event WHERE article_id = $1`, [ids["un-3"]]);
    const ev = await data(CO, { e: gid("Event", event_id), kinds: ["PERSON"] });
    expect(ev.coMentions.map((c: any) => c.entity.name)).toContain("Jan Kowalczyk");
  });

  it("lists an event's participants with distinct-article counts, a reprint counted once", async () => {
    const [{ event_id }] = await w.q(`SELECT event_id FROM article_event WHERE article_id = $1`, [ids["kl-reprint"]]);
    const members = await w.q(`SELECT article_id FROM article_event WHERE event_id = $1`, [event_id]);
    const originals = members.filter((m: any) => m.article_id !== ids["kl-reprint"]).length;
    expect(members.length).toBeGreaterThan(originals);
    const { node } = await data(`query($id: ID!) { node(id: $id) { ... on Event { articleCount duplicateCount
      participants { articleCount entity { __typename name } } people: participants(kinds: [PERSON], first: 1) { entity { name } } } } }`,
      { id: gid("Event", event_id) });
    expect(node.duplicateCount).toBe(1);
    expect(node.participants).toContainEqual({ articleCount: originals, entity: { __typename: "Person", name: "Sergei Lavrov" } });
    expect(node.participants.map((p: any) => p.entity.__typename)).toContain("Country");
    expect(node.people).toHaveLength(1);
  });

  it("is also a field of Person, Country and Event", async () => {
    const { person, country } = await data(`query($id: ID!) {
      person(id: $id) { coMentions(kinds: [PERSON], first: 2) { count entity { name } } timeline(from: "2025-07-10T00:00:00Z", to: "2025-07-12T00:00:00Z") { count } }
      country(code: "MY") { coMentions(kinds: [PERSON], first: 1) { count } } }`, { id: P("lavrov") });
    expect(person.coMentions.map((c: any) => [c.entity.name, c.count])).toEqual([["Marco Rubio", 3], ["Vladimir Putin", 2]]);
    expect(person.timeline).toEqual([{ count: 2 }, { count: 2 }]);
    expect(country.coMentions).toEqual([{ count: 2 }]);
  });

  it("returns nothing for an entity that does not exist", async () => {
    expect((await data(CO, { e: gid("Person", 999999) })).coMentions).toEqual([]);
    expect((await data(CO, { e: gid("Country", "ZZ") })).coMentions).toEqual([]);
  });
});

const TL = `query($e: ID!, $i: TimelineInterval!, $from: DateTimeISO, $to: DateTimeISO) { timeline(entity: $e, interval: $i, from: $from, to: $to) { start count } }`;

describe("timeline", () => {
  it("gives zero-filled daily buckets", async () => {
    const { timeline } = await data(TL, { e: P("lavrov"), i: "DAY", from: "2025-07-09T00:00:00Z", to: "2025-07-13T00:00:00Z" });
    expect(timeline).toEqual([
      { start: "2025-07-09T00:00:00.000Z", count: 0 },
      { start: "2025-07-10T00:00:00.000Z", count: 2 },
      { start: "2025-07-11T00:00:00.000Z", count: 2 },
      { start: "2025-07-12T00:00:00.000Z", count: 1 },
    ]);
  });

  it("gives hourly buckets from the mention index, without the reprint", async () => {
    const { timeline } = await data(TL, { e: P("rubio"), i: "HOUR", from: "2025-07-10T06:00:00Z", to: "2025-07-10T18:00:00Z" });
    expect(timeline).toHaveLength(12);
    expect(timeline.filter((b: any) => b.count > 0)).toEqual([
      { start: "2025-07-10T08:00:00.000Z", count: 1 },
      { start: "2025-07-10T15:00:00.000Z", count: 1 },
    ]);
    const country = await data(TL, { e: gid("Country", "MY"), i: "HOUR", from: "2025-07-10T06:00:00Z", to: "2025-07-10T18:00:00Z" });
    expect(country.timeline.map((b: any) => b.count).reduce((x: number, y: number) => x + y, 0)).toBe(2);
  });

  it("starts weeks on Monday and months on the first", async () => {
    const weeks = await data(TL, { e: P("lavrov"), i: "WEEK", from: "2025-07-01T00:00:00Z", to: "2025-07-20T00:00:00Z" });
    expect(weeks.timeline).toEqual([
      { start: "2025-06-30T00:00:00.000Z", count: 5 },
      { start: "2025-07-07T00:00:00.000Z", count: 6 },
      { start: "2025-07-14T00:00:00.000Z", count: 1 },
    ]);
    const months = await data(TL, { e: P("lavrov"), i: "MONTH", from: "2025-06-15T00:00:00Z", to: "2025-07-20T00:00:00Z" });
    expect(months.timeline).toEqual([{ start: "2025-06-01T00:00:00.000Z", count: 0 }, { start: "2025-07-01T00:00:00.000Z", count: 12 }]);
  });
});

const TR = `query($kind: EntityKind!, $w: TrendWindowInput, $min: Int) { trending(kind: $kind, window: $w, minSupport: $min) {
  entity { name } recent baseline recentRate baselineRate score } }`;

describe("trending", () => {
  it("ranks a person who rose in the last two days above one who was always there, and ignores a single mention", async () => {
    const { trending } = await data(TR, { kind: "PERSON", w: { recentDays: 2, baselineDays: 14, at: "2025-07-16T12:00:00Z" }, min: 3 });
    expect(trending.map((t: any) => t.entity.name)).toEqual(["António Guterres"]);
    expect(trending[0]).toMatchObject({ recent: 4, baseline: 0, recentRate: 4 / 1.5, baselineRate: 0 });
    expect(trending[0].score).toBeCloseTo((4 / 1.5 + 1) / 1, 6);
  });

  it("lets minSupport admit weaker signals, still never a falling one", async () => {
    const { trending } = await data(TR, { kind: "PERSON", w: { at: "2025-07-16T12:00:00Z" }, min: 1 });
    const names = trending.map((t: any) => t.entity.name);
    expect(names).toEqual(expect.arrayContaining(["António Guterres", "Jan Kowalczyk"]));
    expect(names).not.toContain("Sergei Lavrov");
  });
});

const PATH = `query($from: ID!, $to: ID!, $max: Int, $via: [EntityKind!]) { path(from: $from, to: $to, maxHops: $max, via: $via) {
  hops nodes { name } links { count from { name } to { name } articles(first: 1) { title } } } }`;

describe("path", () => {
  it("finds the shortest chain of people with evidence for each link", async () => {
    const { path } = await data(PATH, { from: P("lavrov"), to: P("obscure"), via: ["PERSON"] });
    expect(path.hops).toBe(3);
    expect(path.nodes.map((n: any) => n.name)).toEqual(["Sergei Lavrov", "Marco Rubio", "António Guterres", "Jan Kowalczyk"]);
    expect(path.links[0]).toMatchObject({ count: 3, from: { name: "Sergei Lavrov" }, to: { name: "Marco Rubio" }, articles: [{ title: "Story kl-3" }] });
    expect(path.links[2].articles).toEqual([{ title: "Story un-3" }]);
  });

  it("returns null when no chain fits in maxHops, and the direct link when there is one", async () => {
    expect((await data(PATH, { from: P("lavrov"), to: P("obscure"), max: 2, via: ["PERSON"] })).path).toBeNull();
    const direct = await data(PATH, { from: P("lavrov"), to: P("putin") });
    expect(direct.path).toMatchObject({ hops: 1, links: [{ count: 2 }] });
  });
});

const REL = `query($id: ID!) { article(id: $id) { title related(first: 5) { title } duplicates { title original { title } } original { title } } }`;

describe("article relations", () => {
  it("lists related articles on the same people and places, without reprints or itself", async () => {
    const { article } = await data(REL, { id: gid("Article", ids["kl-1"]) });
    const titles = article.related.map((r: any) => r.title);
    expect(titles).toEqual(expect.arrayContaining(["Story kl-2", "Story kl-3"]));
    expect(titles).not.toContain("Story kl-reprint");
    expect(titles).not.toContain("Story kl-1");
    expect(article.duplicates).toEqual([{ title: "Story kl-reprint", original: { title: "Story kl-1" } }]);
    expect(article.original).toBeNull();
  });

  it("puts the article's own event first", async () => {
    const [{ event_id }] = await w.q(`SELECT event_id FROM article_event WHERE article_id = $1`, [ids["un-3"]]);
    const mates = await w.q(`SELECT article_id FROM article_event WHERE event_id = $1 AND article_id <> $2`, [event_id, ids["un-3"]]);
    const { article } = await data(REL, { id: gid("Article", ids["un-3"]) });
    const first = article.related.slice(0, mates.length).map((r: any) => r.title).sort();
    const expected = (await w.q(`SELECT title FROM article WHERE id = ANY($1)`, [mates.map((m: any) => m.article_id)])).map((r: any) => r.title).sort();
    expect(first).toEqual(expected);
  });

  it("resolves related articles of a whole page in one statement", async () => {
    const q = `query($n: Int!) { articles(first: $n) { nodes { related(first: 3) { id } } } }`;
    const statements = async (n: number) => {
      await app.cache.bumpGeneration();
      const res = await app.gql(q, { n });
      expect(res.body.errors).toBeUndefined();
      return Number(res.headers.get("x-sql-statements"));
    };
    expect(await statements(12)).toBe(await statements(3));
  });
});

describe("bad input", () => {
  it("rejects from after to, windows over the maximum, and maxHops over 3, naming the argument", async () => {
    expect(await badInput(CO, { e: P("lavrov"), from: "2025-07-10T00:00:00Z", to: "2025-07-01T00:00:00Z" })).toBe("from");
    expect(await badInput(CO, { e: P("lavrov"), from: "2024-01-01T00:00:00Z", to: "2025-07-01T00:00:00Z" })).toBe("from");
    expect(await badInput(TL, { e: P("lavrov"), i: "HOUR", from: "2025-05-01T00:00:00Z", to: "2025-07-01T00:00:00Z" })).toBe("from");
    expect(await badInput(TL, { e: P("lavrov"), i: "DAY", from: "2023-01-01T00:00:00Z", to: "2025-07-01T00:00:00Z" })).toBe("from");
    expect(await badInput(PATH, { from: P("lavrov"), to: P("rubio"), max: 4 })).toBe("maxHops");
    expect(await badInput(PATH, { from: P("lavrov"), to: P("rubio"), max: 0 })).toBe("maxHops");
  });

  it("rejects EVENT as an event's participant kind", async () => {
    const [{ event_id }] = await w.q(`SELECT event_id FROM article_event WHERE article_id = $1`, [ids["kl-1"]]);
    expect(await badInput(`query($id: ID!) { node(id: $id) { ... on Event { participants(kinds: [EVENT]) { articleCount } } } }`,
      { id: gid("Event", event_id) })).toBe("kinds");
  });

  it("rejects page sizes out of range and bad trend windows", async () => {
    expect(await badInput(CO, { e: P("lavrov"), first: 0 })).toMatch(/first/);
    expect(await badInput(CO, { e: P("lavrov"), first: 1000 })).toMatch(/first/);
    expect(await badInput(TR, { kind: "PERSON", w: { recentDays: 0 } })).toBe("window.recentDays");
    expect(await badInput(TR, { kind: "PERSON", w: { recentDays: 7, baselineDays: 3 } })).toBe("window.baselineDays");
    expect(await badInput(TR, { kind: "PERSON", min: 0 })).toBe("minSupport");
    expect(await badInput(`{ article(id: "${gid("Article", ids["kl-1"])}") { related(first: 51) { id } } }`)).toMatch(/first/);
  });

  it("rejects ids that are not entities, and answers unknown entities with nothing", async () => {
    expect(await badInput(CO, { e: gid("Article", ids["kl-1"]) })).toBe("entity");
    expect(await badInput(CO, { e: "not-an-id!" })).toBe("entity");
    expect((await data(TL, { e: gid("Event", 424242), i: "DAY" })).timeline).toEqual([]);
    expect((await data(PATH, { from: P("lavrov"), to: gid("Person", 424242) })).path).toBeNull();
  });
});
