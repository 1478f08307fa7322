import type { QueryRunner } from "typeorm";
import { loadEventFixtures } from "../../../scripts/eval/events.fixtures";
import type { Analysed } from "../../../src/ingest/analyse";
import { CLUSTER_LOCK } from "../../../src/ingest/cluster/pg.batch.cluster";
import { PeopleLinker } from "../../../src/ingest/link/people.linker";
import { persistArticles, type PersistDeps } from "../../../src/ingest/persist";
import { verifyRollups } from "../../../src/ingest/rollups";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { analysedOf, fixtureWorld, type FixtureWorld } from "./reference";
import { mentionCountDrift } from "./support";

interface LockWorld {
  db: TestDatabase;
  w: FixtureWorld;
  loaded: ReturnType<typeof loadEventFixtures>;
  /** A second connection, holding the write lock once `hold` is called, until `release`. */
  hold: () => Promise<void>;
  release: () => Promise<void>;
  holder: QueryRunner;
  persist: (sourceId: number, items: Analysed[]) => ReturnType<typeof persistArticles>;
  /** Resolves once `n` transactions are queued for the write lock. */
  queued: (n: number) => Promise<void>;
}

async function withLockWorld(test: (world: LockWorld) => Promise<void>): Promise<void> {
  const db = await createTestDatabase();
  const holder = db.dataSource.createQueryRunner();
  try {
    const loaded = loadEventFixtures();
    const w = await fixtureWorld(db, loaded);
    const codes: { code: string }[] = await db.dataSource.query(`SELECT code FROM country`);
    const deps: PersistDeps = { linker: await PeopleLinker.load(db.dataSource), countryCodes: new Set(codes.map((c) => c.code)), windowHours: 72 };
    await test({
      db, w, loaded, holder,
      hold: async () => {
        await holder.startTransaction();
        await holder.query(`SELECT pg_advisory_xact_lock($1)`, [CLUSTER_LOCK]);
      },
      release: () => holder.commitTransaction(),
      persist: (sourceId, items) => db.dataSource.transaction((em) => persistArticles(em, sourceId, items, deps)),
      queued: async (n) => {
        for (;;) {
          const [{ k }] = await db.dataSource.query(`SELECT count(*)::int AS k FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`, [CLUSTER_LOCK]);
          if (k >= n) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      },
    });
  } finally {
    if (holder.isTransactionActive) await holder.rollbackTransaction();
    await holder.release();
    await db.close();
  }
}

// A second connection holds the lock while refreshes queue: PGlite has only one.
(process.env.DATABASE_URL ? describe : describe.skip)("the write lock", () => {
  it("is not taken by a refetch of articles already stored", () =>
    withLockWorld(async ({ w, loaded, hold, persist }) => {
      const source = w.sources.get(loaded[0].fixture.sourceId)!;
      const analysed = loaded.slice(0, 5).map((l) => analysedOf(l, w));
      await persist(source, analysed);
      await hold();
      const again = await persist(source, analysed);
      expect(again.map((r) => r.outcome)).toEqual(analysed.map(() => "unchanged"));
    }));

  it("is where a copy finds the original another refresh committed while the copy waited for it", () =>
    withLockWorld(async ({ db, w, loaded, hold, release, persist, queued }) => {
      const original = analysedOf(loaded[0], w);
      const { draft } = original;
      // The same body under another URL, title and hash: a near-duplicate, not the same article.
      const copy = { ...original, draft: { ...draft, url: `${draft.url}-copy`, canonicalUrl: `${draft.canonicalUrl}-copy`, guid: undefined, title: `${draft.title} (copy)`, contentHash: `${draft.contentHash}-copy`, publishedAt: new Date(draft.publishedAt.getTime() + 60_000) } };
      await hold();
      const first = persist(w.sources.get("globewire")!, [original]);
      await queued(1);
      // The copy is inserted while the original is not yet committed: only the second look under the lock can see it.
      const second = persist(w.sources.get("metro-times")!, [copy]);
      await queued(2);
      await release();
      const [[o], [c]] = await Promise.all([first, second]);
      expect([o.outcome, c.outcome]).toEqual(["created", "created"]);
      const [row] = await db.dataSource.query(`SELECT original_id FROM article WHERE id = $1`, [c.articleId]);
      expect(row.original_id).toBe(o.articleId);
      expect(c.eventId).toBe(o.eventId);
      expect(await mentionCountDrift(db.dataSource)).toEqual([]);
      expect(await verifyRollups(db.dataSource)).toEqual([]);
    }));

  it("is held before a new spelling of a known person is written as their alias, so a queued refresh locks no person row", () =>
    withLockWorld(async ({ db, w, loaded, holder, hold, release, persist, queued }) => {
      const source = w.sources.get(loaded[0].fixture.sourceId)!;
      const naming = (k: number, name: string) => {
        const a = analysedOf(loaded[k], w);
        const ref = { kind: "new" as const, name, lang: "ar", aliases: [], key: "" };
        return { ...a, entities: { ...a.entities, people: [{ ref, count: 1, salience: 0.5, firstOffset: 0, surfaces: [name] }] } };
      };
      const [first] = await persist(source, [naming(0, "كريم الزهراني")]);
      const [{ person_id: personId }] = await db.dataSource.query(`SELECT person_id FROM article_person WHERE article_id = $1`, [first.articleId]);
      await hold();
      const second = persist(source, [naming(1, "كريم الزهرانى")]);
      await queued(1);
      // The holder may still count the person's mentions: nobody queued behind it holds their row.
      await holder.query(`SELECT id FROM person WHERE id = $1 FOR NO KEY UPDATE NOWAIT`, [personId]);
      await release();
      const [stored] = await second;
      const [{ aliases }] = await db.dataSource.query(`SELECT aliases FROM person WHERE id = $1`, [personId]);
      expect(await db.dataSource.query(`SELECT person_id FROM article_person WHERE article_id = $1`, [stored.articleId])).toEqual([{ person_id: personId }]);
      expect(aliases).toContain("كريم الزهرانى");
      expect(await mentionCountDrift(db.dataSource)).toEqual([]);
    }));
});
