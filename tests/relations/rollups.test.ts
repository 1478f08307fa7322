import { PgEventStore } from "../../src/ingest/cluster/pg.store";
import { articlesUnderEvents, rebuildRollups, syncRollups, verifyRollups } from "../../src/ingest/rollups";
import { SourcesService } from "../../src/ingest/sources.service";
import { MemoryCache } from "../../src/cache/memory.cache";
import { createWorld, uniqueBody, type World } from "./world";

let w: World;

beforeAll(async () => {
  w = await createWorld();
});

afterAll(async () => {
  await w?.db.close();
});

const day = (key: string, d: string) =>
  w.q<{ count: number }>(`SELECT count FROM entity_day WHERE entity = $1 AND day = $2`, [key, d]).then((r) => r[0]?.count ?? 0);
const pair = (x: string, y: string, d: string) => {
  const [a, b] = x < y ? [x, y] : [y, x];
  return w.q(`SELECT count, first_seen, last_seen, samples FROM pair_day WHERE a = $1 AND b = $2 AND day = $3`, [a, b, d]).then((r) => r[0]);
};
const total = (x: string, y: string) => {
  const [a, b] = x < y ? [x, y] : [y, x];
  return w.q(`SELECT count FROM pair_total WHERE a = $1 AND b = $2`, [a, b]).then((r) => r[0]?.count ?? 0);
};

/** Person mention counts must equal the counted (non-duplicate) rows of the mention table. */
async function mentionCountDrift(): Promise<unknown[]> {
  return w.q(
    `SELECT p.id, p.mention_count, x.n FROM person p LEFT JOIN (
       SELECT ap.person_id, count(*)::int AS n FROM article_person ap JOIN article a ON a.id = ap.article_id WHERE a.original_id IS NULL GROUP BY 1
     ) x ON x.person_id = p.id WHERE p.mention_count <> coalesce(x.n, 0)`);
}

describe("rollups kept at ingest", () => {
  let lavrov: string;
  let rubio: string;
  let first: number;

  beforeAll(async () => {
    lavrov = `p:${w.people.lavrov}`;
    rubio = `p:${w.people.rubio}`;
    const meet = { people: [{ id: w.people.lavrov, salience: 0.9 }, { id: w.people.rubio, salience: 0.8 }], countries: [{ code: "MY" }, { code: "RU" }, { code: "US" }] };
    first = (await w.ingest({ source: w.sources.wire, path: "/r/1", title: "Lavrov and Rubio meet in Kuala Lumpur", at: "2025-07-10T08:00:00Z", ...meet })).articleId;
    await w.ingest({ source: w.sources.daily, path: "/r/2", title: "Talks between Russia and America in Malaysia", at: "2025-07-10T15:30:00Z", ...meet });
    await w.ingest({ source: w.sources.wire, path: "/r/3", title: "Rubio says the meeting was frank", at: "2025-07-11T09:00:00Z", people: [{ id: w.people.rubio, salience: 0.9 }], countries: [{ code: "US" }] });
  });

  it("counts each entity once per article and day, and each pair of entities once per article", async () => {
    expect(await day(lavrov, "2025-07-10")).toBe(2);
    expect(await day(rubio, "2025-07-10")).toBe(2);
    expect(await day(rubio, "2025-07-11")).toBe(1);
    expect(await day("c:MY", "2025-07-10")).toBe(2);
    const p = await pair(lavrov, rubio, "2025-07-10");
    expect(p.count).toBe(2);
    expect(new Date(p.first_seen).toISOString()).toBe("2025-07-10T08:00:00.000Z");
    expect(new Date(p.last_seen).toISOString()).toBe("2025-07-10T15:30:00.000Z");
    expect(p.samples).toHaveLength(2);
    expect(await total(lavrov, rubio)).toBe(2);
    expect(await verifyRollups(w.db.dataSource)).toEqual([]);
  });

  it("includes the article's event among its entities", async () => {
    const [{ event_id }] = await w.q(`SELECT event_id FROM article_event WHERE article_id = $1`, [first]);
    expect(await day(`e:${event_id}`, "2025-07-10")).toBeGreaterThanOrEqual(1);
    expect(await total(`e:${event_id}`, lavrov)).toBeGreaterThanOrEqual(1);
  });

  it("does not count an article again when it is fetched again, changed or not", async () => {
    const again = { source: w.sources.wire, path: "/r/3", title: "Rubio says the meeting was frank", at: "2025-07-11T09:00:00Z", people: [{ id: w.people.rubio, salience: 0.9 }], countries: [{ code: "US" }] };
    expect((await w.ingest(again)).outcome).toBe("unchanged");
    expect((await w.ingest({ ...again, title: "Rubio: the meeting with Lavrov was frank" })).outcome).toBe("updated");
    expect(await day(rubio, "2025-07-11")).toBe(1);
    expect(await verifyRollups(w.db.dataSource)).toEqual([]);
  });

  it("takes back an updated article's old mentions and moves it when its date changes", async () => {
    const changed = { source: w.sources.wire, path: "/r/3", title: "Rubio and Lavrov, a day later", at: "2025-07-12T07:00:00Z",
      people: [{ id: w.people.rubio, salience: 0.9 }, { id: w.people.lavrov, salience: 0.7 }], countries: [{ code: "RU" }] };
    expect((await w.ingest(changed)).outcome).toBe("updated");
    expect(await day(rubio, "2025-07-11")).toBe(0);
    expect(await day("c:US", "2025-07-11")).toBe(0);
    expect(await day(rubio, "2025-07-12")).toBe(1);
    expect((await pair(lavrov, rubio, "2025-07-12")).count).toBe(1);
    expect(await total(lavrov, rubio)).toBe(3);
    expect(await verifyRollups(w.db.dataSource)).toEqual([]);
  });

  it("counts a near-duplicate from another source not at all", async () => {
    const body = uniqueBody("wire-copy", 120);
    const original = await w.ingest({ source: w.sources.wire, path: "/r/wire-copy", title: "Wang Yi visits Moscow", body, at: "2025-07-13T10:00:00Z",
      people: [{ id: w.people.wang, salience: 0.9 }, { id: w.people.lavrov, salience: 0.6 }], countries: [{ code: "CN" }, { code: "RU" }] });
    const copy = await w.ingest({ source: w.sources.gazette, path: "/g/wire-copy", title: "Wang Yi in Moscow", body: `${body} Reporting by agencies.`, at: "2025-07-13T11:00:00Z",
      people: [{ id: w.people.wang, salience: 0.9 }, { id: w.people.lavrov, salience: 0.6 }], countries: [{ code: "CN" }, { code: "RU" }] });
    expect(copy.outcome).toBe("created");
    const [{ original_id }] = await w.q(`SELECT original_id FROM article WHERE id = $1`, [copy.articleId]);
    expect(original_id).toBe(original.articleId);
    expect(await day(`p:${w.people.wang}`, "2025-07-13")).toBe(1);
    expect((await pair(`p:${w.people.wang}`, lavrov, "2025-07-13")).count).toBe(1);
    expect(await verifyRollups(w.db.dataSource)).toEqual([]);
  });

  it("moves an absorbed event's counts to the event that absorbed it", async () => {
    const a = await w.ingest({ source: w.sources.daily, path: "/r/un-1", title: "Guterres urges ceasefire", at: "2025-07-14T10:00:00Z", people: [{ id: w.people.guterres, salience: 0.9 }] });
    const b = await w.ingest({ source: w.sources.wire, path: "/r/obscure-1", title: "Kowalczyk wins regional vote", at: "2025-07-14T12:00:00Z", people: [{ id: w.people.obscure, salience: 0.9 }] });
    const [ea, eb] = [a.eventId!, b.eventId!];
    expect(ea).not.toBe(eb);
    await w.db.dataSource.transaction(async (em) => {
      await new PgEventStore(em).merge(String(ea), String(eb));
      await syncRollups(em, await articlesUnderEvents(em, ea, [eb]));
    });
    expect(await day(`e:${eb}`, "2025-07-14")).toBe(0);
    expect(await day(`e:${ea}`, "2025-07-14")).toBe(2);
    expect(await total(`e:${ea}`, `p:${w.people.obscure}`)).toBe(1);
    expect(await w.q(`SELECT 1 FROM pair_total WHERE a = $1 OR b = $1`, [`e:${eb}`])).toEqual([]);
    expect(await verifyRollups(w.db.dataSource)).toEqual([]);
  });

  it("rebuilds exactly what ingest maintained, in full and from a day on", async () => {
    const snapshot = () => Promise.all(["entity_day ORDER BY entity, day", "pair_day ORDER BY a, b, day", "pair_total ORDER BY a, b", "article_rollup ORDER BY article_id"]
      .map((t) => w.q(`SELECT * FROM ${t}`)));
    const before = await snapshot();
    const full = await rebuildRollups(w.db.dataSource);
    expect(full.articles).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(before);
    const partial = await rebuildRollups(w.db.dataSource, new Date("2025-07-12T00:00:00Z"));
    expect(partial.from).toBe("2025-07-12");
    expect(await snapshot()).toEqual(before);
  });
});

describe("removing a source", () => {
  it("takes back the counts of its articles and lets a copy on another source count instead", async () => {
    const body = uniqueBody("removal-family", 120);
    const story = { title: "Putin and Wang Yi sign an accord", body, at: "2025-07-20T09:00:00Z",
      people: [{ id: w.people.putin, salience: 0.9 }, { id: w.people.wang, salience: 0.8 }], countries: [{ code: "CN" }] };
    const doomedSource = await w.q(`INSERT INTO source (url, name) VALUES ('https://doomed.example/feed', 'Doomed') RETURNING id`).then((r) => r[0].id);
    const original = await w.ingest({ ...story, source: doomedSource, path: "/d/accord" });
    const copy1 = await w.ingest({ ...story, source: w.sources.gazette, path: "/g/accord", body: `${body} Agencies.` });
    const copy2 = await w.ingest({ ...story, source: w.sources.daily, path: "/y/accord", body: `${body} Staff.` });
    await w.ingest({ source: doomedSource, path: "/d/only", title: "Putin speaks", at: "2025-07-20T12:00:00Z", people: [{ id: w.people.putin, salience: 0.9 }] });
    expect(await day(`p:${w.people.putin}`, "2025-07-20")).toBe(2);
    const eventOf = async (articleId: number) => (await w.q(`SELECT event_id FROM article_event WHERE article_id = $1`, [articleId]))[0].event_id;
    const counts = async (eventId: number) => (await w.q(
      `SELECT article_count, duplicate_count, source_count, centroid -> 'sourceIds' AS ids FROM event WHERE id = $1`, [eventId]))[0];
    const accord = await eventOf(copy1.articleId);
    expect(await eventOf(original.articleId)).toBe(accord);
    // "Putin speaks" joins the accord story too: two originals on the doomed source, two copies elsewhere.
    expect(await counts(accord)).toMatchObject({ article_count: 2, duplicate_count: 2, source_count: 1, ids: [String(doomedSource)] });

    const removed = await new SourcesService(w.db.dataSource, new MemoryCache(10)).remove(doomedSource);
    expect(removed).toBe(true);
    expect(await w.q(`SELECT id FROM article WHERE id = $1`, [original.articleId])).toEqual([]);
    const family = await w.q(`SELECT id, original_id FROM article WHERE id = ANY($1) ORDER BY id`, [[copy1.articleId, copy2.articleId]]);
    expect(family).toEqual([{ id: copy1.articleId, original_id: null }, { id: copy2.articleId, original_id: copy1.articleId }]);
    expect(await day(`p:${w.people.putin}`, "2025-07-20")).toBe(1);
    expect(await counts(accord)).toMatchObject({ article_count: 1, duplicate_count: 1, source_count: 1, ids: [String(w.sources.gazette)] });
    expect((await pair(`p:${w.people.putin}`, `p:${w.people.wang}`, "2025-07-20")).samples).toEqual([copy1.articleId]);
    expect(await verifyRollups(w.db.dataSource)).toEqual([]);
    expect(await mentionCountDrift()).toEqual([]);
  });
});
