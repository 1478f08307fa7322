import {
  ClusterArticle,
  ClusterError,
  DEFAULT_CLUSTER_OPTIONS,
  InMemoryEntityStats,
  InMemoryEventStore,
  articleStatKeys,
  assignToEvent,
} from "../../../src/ingest/cluster";

const at = (day: number, hour = 12) => new Date(Date.UTC(2025, 6, day, hour));

function article(id: string, over: Partial<ClusterArticle> = {}): ClusterArticle {
  return {
    id,
    sourceId: `source-${id}`,
    language: "en",
    publishedAt: at(5),
    title: "",
    bodyText: "",
    people: [],
    countries: [],
    places: [],
    ...over,
  };
}

/**
 * Assigns in order with document counts kept as the pipeline keeps them. `background` articles about
 * other things are counted first, as in a running system where one story is a small part of the news.
 */
async function run(articles: ClusterArticle[], opts = {}, background = 0) {
  const store = new InMemoryEventStore();
  const stats = new InMemoryEntityStats();
  for (let i = 0; i < background; i++) stats.observe([`p:other-${i % 97}`, `t:en:topic${i % 89}`, "c:US"]);
  const results = [];
  for (const a of articles) {
    if (!a.duplicateOf) stats.observe(articleStatKeys(a));
    results.push(await assignToEvent(a, store, stats, opts));
  }
  return { store, results };
}

const floods = (id: string, over: Partial<ClusterArticle> = {}) =>
  article(id, {
    title: "Flash floods kill at least 24 in Texas as Guadalupe River surges",
    summary: "Rescuers search for girls missing from a summer camp in Kerr County after the river rose 26 feet.",
    people: [{ id: "greg-abbott", salience: 0.6, count: 2 }],
    countries: [{ code: "US", salience: 0.9, count: 3 }],
    places: [{ name: "Kerrville", country: "US", salience: 0.7 }],
    ...over,
  });

describe("assignToEvent", () => {
  it("starts an event for an article with no entities and no terms, and never joins two such articles", async () => {
    const { results } = await run([article("empty-1"), article("empty-2")]);
    expect(results.map((r) => r.created)).toEqual([true, true]);
    expect(results[0].eventId).not.toBe(results[1].eventId);
  });

  it("joins an article without entities to an event on title and lede similarity within its language", async () => {
    const { results } = await run([
      floods("a"),
      article("b", {
        publishedAt: at(5, 18),
        title: "Texas flash floods: at least 24 killed as the Guadalupe River surges",
        summary: "Girls from a summer camp are missing in Kerr County after the river rose 26 feet overnight.",
      }),
    ]);
    expect(results[1]).toMatchObject({ created: false, eventId: results[0].eventId });
  });

  it("keeps an article apart that shares only the country and no words", async () => {
    const { results } = await run([
      floods("a"),
      article("b", {
        publishedAt: at(5, 18),
        title: "Central bank holds interest rates steady",
        countries: [{ code: "US", salience: 0.9, count: 2 }],
      }),
    ]);
    expect(results[1].created).toBe(true);
  });

  it("across languages, joins on two shared people or places but not on one person alone", async () => {
    const arabic = (id: string, people: string[], places: ClusterArticle["places"]) =>
      article(id, {
        language: "ar",
        publishedAt: at(5, 20),
        title: "عنوان",
        people: people.map((p) => ({ id: p, salience: 0.8, count: 2 })),
        countries: [{ code: "US", salience: 0.8, count: 2 }],
        places,
      });
    const onePerson = await run([floods("a"), arabic("b", ["greg-abbott"], [])]);
    expect(onePerson.results[1].created).toBe(true);
    const personAndPlace = await run([floods("a"), arabic("b", ["greg-abbott"], [{ name: "Kerrville", country: "US", salience: 0.6 }])]);
    expect(personAndPlace.results[1]).toMatchObject({ created: false, eventId: personAndPlace.results[0].eventId });
  });

  it("honours a shorter window: the same report two days later starts a new event", async () => {
    const later = floods("b", { publishedAt: at(7, 12) });
    expect((await run([floods("a"), later])).results[1].created).toBe(false);
    expect((await run([floods("a"), later], { windowHours: 24 })).results[1].created).toBe(true);
  });

  it("clusters a copy whose original the store never saw as an ordinary article", async () => {
    const { results } = await run([floods("copy", { duplicateOf: "unknown-original" })]);
    expect(results[0]).toMatchObject({ created: true, eventId: "ev:copy" });
  });

  it("gives the same events, ids and snapshots for the same input order", async () => {
    const input = [floods("a"), floods("b", { publishedAt: at(6) }), article("c", { title: "Unrelated budget vote" })];
    const first = await run(input);
    const second = await run(input);
    expect(second.results).toEqual(first.results);
    expect(JSON.stringify(second.store.all())).toBe(JSON.stringify(first.store.all()));
  });

  it("rejects an article without a usable date, naming the module and what it received", async () => {
    const bad = floods("a", { publishedAt: new Date("not a date") });
    await expect(run([bad])).rejects.toBeInstanceOf(ClusterError);
    await expect(run([bad])).rejects.toMatchObject({
      code: "CLUSTER_BAD_ARTICLE",
      message: expect.stringContaining("cluster.assignToEvent: expected an article with a valid publishedAt Date"),
    });
  });

  it("keeps the event's centroid within its size limits however many articles join", async () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      floods(`a${i}`, {
        publishedAt: at(5, i % 24),
        summary: `Rescuers search Kerr County for missing campers ${Array.from({ length: 3 }, (_, j) => `word${i}x${j}`).join(" ")}`,
        people: [{ id: "greg-abbott", salience: 0.6, count: 2 }, { id: `official-${i}`, salience: 0.3, count: 1 }],
      }),
    );
    const { store } = await run(many, {}, 1000);
    const [event] = store.all();
    expect(store.all()).toHaveLength(1);
    expect(Object.keys(event.centroid.entities).length).toBeLessThanOrEqual(DEFAULT_CLUSTER_OPTIONS.maxEntities);
    expect(Object.keys(event.centroid.terms.en).length).toBeLessThanOrEqual(DEFAULT_CLUSTER_OPTIONS.maxTerms);
    expect(event.keys.length).toBeLessThanOrEqual(DEFAULT_CLUSTER_OPTIONS.maxEventKeys);
    expect(event.articleCount).toBe(40);
  });
});
