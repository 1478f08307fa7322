import { loadEventFixtures } from "../../scripts/eval/events.fixtures";
import { DedupBandsArray1764375000000 } from "../../src/db/migrations/1764375000000-dedup-bands-array";
import { PeopleLinker } from "../../src/ingest/link/people.linker";
import { persistArticles } from "../../src/ingest/persist";
import { analysedOf, fixtureWorld } from "../ingest/store/reference";
import { createTestDatabase } from "../support/db";

it("moves near-duplicate bands between the row table and the array column both ways without losing one", async () => {
  const db = await createTestDatabase();
  try {
    const loaded = loadEventFixtures();
    const w = await fixtureWorld(db, loaded);
    const deps = { linker: await PeopleLinker.load(db.dataSource), countryCodes: new Set<string>(), windowHours: 72 };
    const source = w.sources.get(loaded[0].fixture.sourceId)!;
    await db.dataSource.transaction((em) => persistArticles(em, source, loaded.slice(0, 6).map((l) => analysedOf(l, w)), deps));
    const arrays = () => db.dataSource.query(`SELECT id, dedup_bands FROM article WHERE dedup_bands IS NOT NULL ORDER BY id`);
    const before: { id: number; dedup_bands: string[] }[] = await arrays();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.dedup_bands.length === 32)).toBe(true);
    const migration = new DedupBandsArray1764375000000();
    await db.dataSource.transaction((em) => migration.down(em.queryRunner!));
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM article_dedup`);
    expect(n).toBe(before.length * 32);
    await db.dataSource.transaction((em) => migration.up(em.queryRunner!));
    expect(await arrays()).toEqual(before);
  } finally {
    await db.close();
  }
});
