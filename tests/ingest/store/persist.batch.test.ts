import { loadEventFixtures } from "../../../scripts/eval/events.fixtures";
import { countStatements } from "../../../src/db/statement-counter";
import { PeopleLinker } from "../../../src/ingest/link/people.linker";
import { persistArticles, type PersistDeps } from "../../../src/ingest/persist";
import { verifyRollups } from "../../../src/ingest/rollups";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { analysedOf, fixtureRefreshes, fixtureWorld, ingestState, persistOneByOne, retoldRefreshes, type FixtureRefresh } from "./reference";
import { mentionCountDrift } from "./support";

async function depsFor(db: TestDatabase): Promise<PersistDeps> {
  const codes: { code: string }[] = await db.dataSource.query(`SELECT code FROM country`);
  return { linker: await PeopleLinker.load(db.dataSource), countryCodes: new Set(codes.map((c) => c.code)), windowHours: 72 };
}

// Per-source refreshes (copies meet originals stored earlier); one feed carrying every story (copies and
// events touched many times inside one batch); a story retold days later (stored events merging).
const scenarios: [string, () => FixtureRefresh[]][] = [
  ["a refresh per source", () => fixtureRefreshes()],
  ["one refresh carrying every story", () => [{ sourceId: "globewire", items: fixtureRefreshes().flatMap((r) => r.items) }]],
  ["a story retold four days later", () => retoldRefreshes()],
];

describe.each(scenarios)("%s persisted as batches", (_name, refreshes) => {
  let batched: TestDatabase;
  let reference: TestDatabase;

  beforeAll(async () => {
    [batched, reference] = [await createTestDatabase(), await createTestDatabase()];
    const loaded = loadEventFixtures();
    const world = await fixtureWorld(batched, loaded);
    await fixtureWorld(reference, loaded);
    const [batchDeps, refDeps] = [await depsFor(batched), await depsFor(reference)];
    for (const { sourceId, items, short } of refreshes()) {
      const source = world.sources.get(sourceId)!;
      const analysed = items.map((l) => analysedOf(l, world)).map((a) => (short ? { ...a, draft: { ...a.draft, wordCount: 0 }, probe: undefined } : a));
      await batched.dataSource.transaction((em) => persistArticles(em, source, analysed, batchDeps));
      const oldestFirst = [...analysed].sort((a, b) => a.draft.publishedAt.getTime() - b.draft.publishedAt.getTime());
      await reference.dataSource.transaction(async (em) => {
        for (const item of oldestFirst) await persistOneByOne(em, source, item, refDeps);
      });
    }
  });

  afterAll(async () => {
    await batched?.close();
    await reference?.close();
  });

  it("writes exactly what persisting its articles one by one in publication order writes", async () => {
    const [got, want] = [await ingestState(batched), await ingestState(reference)];
    for (const table of Object.keys(want)) expect({ table, rows: got[table] }).toEqual({ table, rows: want[table] });
  });

  it("leaves every article in exactly one live event, copies attached to their originals, rollups exact", async () => {
    const rows: { event_id: number; original_id: number | null; merged: number | null }[] = await batched.dataSource.query(
      `SELECT x.event_id, a.original_id, e.merged_into_id AS merged FROM article a JOIN article_event x ON x.article_id = a.id JOIN event e ON e.id = x.event_id`);
    const [{ n }] = await batched.dataSource.query(`SELECT count(*)::int AS n FROM article`);
    expect(rows).toHaveLength(n);
    expect(rows.filter((r) => r.merged !== null)).toEqual([]);
    expect(new Set(rows.map((r) => r.event_id)).size).toBeLessThan(rows.length / 2);
    expect(await verifyRollups(batched.dataSource)).toEqual([]);
  });
});

it("merges events of the retold story that an earlier refresh stored", async () => {
  const db = await createTestDatabase();
  try {
    const w = await fixtureWorld(db, loadEventFixtures());
    const deps = await depsFor(db);
    const ids = async (sql: string) => ((await db.dataSource.query(sql)) as { id: number }[]).map((r) => r.id);
    const mergedStored: number[][] = [];
    for (const { sourceId, items } of retoldRefreshes()) {
      const analysed = items.map((l) => analysedOf(l, w)).map((a) => ({ ...a, draft: { ...a.draft, wordCount: 0 }, probe: undefined }));
      const [existed, mergedBefore] = [await ids(`SELECT id FROM event`), await ids(`SELECT id FROM event WHERE merged_into_id IS NOT NULL`)];
      await db.dataSource.transaction((em) => persistArticles(em, w.sources.get(sourceId)!, analysed, deps));
      const merged = (await ids(`SELECT id FROM event WHERE merged_into_id IS NOT NULL`)).filter((id) => !mergedBefore.includes(id));
      mergedStored.push(merged.filter((id) => existed.includes(id)));
    }
    expect(mergedStored[1].length).toBeGreaterThan(0);
    expect(await verifyRollups(db.dataSource)).toEqual([]);
  } finally {
    await db.close();
  }
});

describe("persisting refreshes", () => {
  it("lets two workers refresh sources carrying the same stories at once: one article each, linked from both", async () => {
    const db = await createTestDatabase();
    try {
      const loaded = loadEventFixtures();
      const w = await fixtureWorld(db, loaded);
      const deps = await depsFor(db);
      const shared = loaded.filter((l) => l.fixture.story === "texas-hill-country-floods").map((l) => analysedOf(l, w));
      const [a, b] = [w.sources.get("globewire")!, w.sources.get("metro-times")!];
      const [ra, rb] = await Promise.all([a, b].map((source) => db.dataSource.transaction((em) => persistArticles(em, source, shared, deps))));
      expect(ra.map((r) => r.articleId)).toEqual(rb.map((r) => r.articleId));
      expect([...ra, ...rb].filter((r) => r.outcome === "created")).toHaveLength(shared.length);
      const links: { n: number }[] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM article_source WHERE article_id = ANY($1) GROUP BY article_id`, [ra.map((r) => r.articleId)]);
      expect(links.map((l) => l.n)).toEqual(shared.map(() => 2));
      expect(await mentionCountDrift(db.dataSource)).toEqual([]);
      expect(await verifyRollups(db.dataSource)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("stores a refresh of dozens of new articles in a fixed handful of statements, and a refetch in fewer", async () => {
    const db = await createTestDatabase();
    try {
      const loaded = loadEventFixtures();
      const w = await fixtureWorld(db, loaded);
      const deps = await depsFor(db);
      const source = w.sources.get(loaded[0].fixture.sourceId)!;
      const analysed = loaded.slice(0, 40).map((l) => analysedOf(l, w));
      const first = await countStatements(() => db.dataSource.transaction((em) => persistArticles(em, source, analysed, deps)));
      expect(first.result.filter((r) => r.outcome === "created")).toHaveLength(40);
      expect(first.statements).toBeLessThanOrEqual(25);
      const again = await countStatements(() => db.dataSource.transaction((em) => persistArticles(em, source, analysed, deps)));
      expect(again.result.every((r) => r.outcome === "unchanged")).toBe(true);
      expect(again.statements).toBeLessThanOrEqual(8);
    } finally {
      await db.close();
    }
  });
});
