import { translitKey, type PersonRef } from "../../../src/ingest/entities";
import { PeopleLinker } from "../../../src/ingest/link/people.linker";
import { createTestDatabase, type TestDatabase } from "../../support/db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

const found = (name: string, lang = "en"): PersonRef => ({ kind: "new", name, lang, aliases: [], key: translitKey(name, lang) });

async function link(ref: PersonRef): Promise<number> {
  const linker = await PeopleLinker.load(db.dataSource);
  const ids = await db.dataSource.transaction((em) => linker.resolve(em, [ref]));
  return [...ids.values()][0];
}

describe("linking people found in text to stored people", () => {
  it("does not join a full name to someone whose bare-surname alias it ends with (Melania Trump is not \"Trump\")", async () => {
    const donald = await link(found("Donald Tremont"));
    await db.dataSource.query(`UPDATE person SET aliases = aliases || '{Tremont}' WHERE id = $1`, [donald]);
    expect(await link(found("Donald Tremont"))).toBe(donald);
    expect(await link(found("Tremont"))).toBe(donald);
    expect(await link(found("Melania Tremont"))).not.toBe(donald);
  });

  it("does not join a lone name across scripts to a surname its written vowels contradict", async () => {
    const meloni = await link(found("Giorgia Meloni"));
    expect(await link(found("ميلوني", "ar"))).toBe(meloni);
    expect(await link(found("ميلانيا", "ar"))).not.toBe(meloni);
  });
});
