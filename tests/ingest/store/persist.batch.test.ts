import { loadEventFixtures } from "../../../scripts/eval/events.fixtures";
import { countStatements } from "../../../src/db/statement-counter";
import { CLUSTER_LOCK } from "../../../src/ingest/cluster/pg.batch.cluster";
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

  it("stores a refetch of articles it already has without waiting for the write lock", async () => {
    const db = await createTestDatabase();
    const holder = db.dataSource.createQueryRunner();
    try {
      const loaded = loadEventFixtures();
      const w = await fixtureWorld(db, loaded);
      const deps = await depsFor(db);
      const source = w.sources.get(loaded[0].fixture.sourceId)!;
      const analysed = loaded.slice(0, 5).map((l) => analysedOf(l, w));
      await db.dataSource.transaction((em) => persistArticles(em, source, analysed, deps));
      await holder.startTransaction();
      await holder.query(`SELECT pg_advisory_xact_lock($1)`, [CLUSTER_LOCK]);
      const again = await db.dataSource.transaction((em) => persistArticles(em, source, analysed, deps));
      expect(again.map((r) => r.outcome)).toEqual(analysed.map(() => "unchanged"));
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await db.close();
    }
  });

  it("finds the original of a copy that another refresh committed while this one waited for the write lock", async () => {
    const db = await createTestDatabase();
    const holder = db.dataSource.createQueryRunner();
    try {
      const loaded = loadEventFixtures();
      const w = await fixtureWorld(db, loaded);
      const deps = await depsFor(db);
      const original = analysedOf(loaded[0], w);
      const { draft } = original;
      // The same body under another URL, title and hash: a near-duplicate, not the same article.
      const copy = { ...original, draft: { ...draft, url: `${draft.url}-copy`, canonicalUrl: `${draft.canonicalUrl}-copy`, guid: undefined, title: `${draft.title} (copy)`, contentHash: `${draft.contentHash}-copy`, publishedAt: new Date(draft.publishedAt.getTime() + 60_000) } };
      const [a, b] = [w.sources.get("globewire")!, w.sources.get("metro-times")!];
      const waiting = async (n: number) => {
        for (;;) {
          const [{ k }] = await db.dataSource.query(`SELECT count(*)::int AS k FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`, [CLUSTER_LOCK]);
          if (k >= n) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await holder.startTransaction();
      await holder.query(`SELECT pg_advisory_xact_lock($1)`, [CLUSTER_LOCK]);
      const first = db.dataSource.transaction((em) => persistArticles(em, a, [original], deps));
      await waiting(1);
      // The copy is inserted while the original is not yet committed: only the second look under the lock can see it.
      const second = db.dataSource.transaction((em) => persistArticles(em, b, [copy], deps));
      await waiting(2);
      await holder.commitTransaction();
      const [[o], [c]] = await Promise.all([first, second]);
      expect([o.outcome, c.outcome]).toEqual(["created", "created"]);
      const [row] = await db.dataSource.query(`SELECT original_id FROM article WHERE id = $1`, [c.articleId]);
      expect(row.original_id).toBe(o.articleId);
      expect(c.eventId).toBe(o.eventId);
      expect(await mentionCountDrift(db.dataSource)).toEqual([]);
      expect(await verifyRollups(db.dataSource)).toEqual([]);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await db.close();
    }
  });

  it("writes a new spelling of a person met before as their alias only once it holds the write lock", async () => {
    const db = await createTestDatabase();
    const holder = db.dataSource.createQueryRunner();
    try {
      const loaded = loadEventFixtures();
      const w = await fixtureWorld(db, loaded);
      const deps = await depsFor(db);
      const source = w.sources.get(loaded[0].fixture.sourceId)!;
      const naming = (l: (typeof loaded)[number], name: string) => {
        const a = analysedOf(l, w);
        const ref = { kind: "new" as const, name, lang: "ar", aliases: [], key: "" };
        return { ...a, entities: { ...a.entities, people: [{ ref, count: 1, salience: 0.5, firstOffset: 0, surfaces: [name] }] } };
      };
      const [first] = await db.dataSource.transaction((em) => persistArticles(em, source, [naming(loaded[0], "كريم الزهراني")], deps));
      const [{ person_id: personId }] = await db.dataSource.query(`SELECT person_id FROM article_person WHERE article_id = $1`, [first.articleId]);
      await holder.startTransaction();
      await holder.query(`SELECT pg_advisory_xact_lock($1)`, [CLUSTER_LOCK]);
      const second = db.dataSource.transaction((em) => persistArticles(em, source, [naming(loaded[1], "كريم الزهرانى")], deps));
      for (;;) {
        const [{ k }] = await db.dataSource.query(`SELECT count(*)::int AS k FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`, [CLUSTER_LOCK]);
        if (k > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // Queued for the write lock, the refresh holds no lock on the person's row: the holder may still count their mentions.
      await holder.query(`SELECT id FROM person WHERE id = $1 FOR NO KEY UPDATE NOWAIT`, [personId]);
      await holder.commitTransaction();
      const [stored] = await second;
      const [{ aliases }] = await db.dataSource.query(`SELECT aliases FROM person WHERE id = $1`, [personId]);
      expect(await db.dataSource.query(`SELECT person_id FROM article_person WHERE article_id = $1`, [stored.articleId])).toEqual([{ person_id: personId }]);
      expect(aliases).toContain("كريم الزهرانى");
      expect(await mentionCountDrift(db.dataSource)).toEqual([]);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await db.close();
    }
  });
});
