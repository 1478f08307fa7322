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

  it("gives a person met in a second script their full name in that language, never replacing a name they have", async () => {
    const abbott = await link(found("غريغ أبوت", "ar"));
    expect(await link(found("Greg Abbott"))).toBe(abbott);
    expect(await names(abbott)).toEqual({ ar: "غريغ أبوت", en: "Greg Abbott" });
    expect(await link(found("Greg Abbot"))).toBe(abbott);
    expect(await names(abbott)).toEqual({ ar: "غريغ أبوت", en: "Greg Abbott" });
  });

  it("gives a person created and met again in one batch their second-script name too", async () => {
    const linker = await PeopleLinker.load(db.dataSource);
    const refs = [found("برونو رودريغيز", "ar"), found("Bruno Rodríguez")];
    const ids = await db.dataSource.transaction((em) => linker.resolve(em, refs));
    expect(new Set(ids.values()).size).toBe(1);
    expect(await names([...ids.values()][0])).toEqual({ ar: "برونو رودريغيز", en: "Bruno Rodríguez" });
  });
});

async function names(id: number): Promise<Record<string, string>> {
  const [row] = await db.dataSource.query(`SELECT names FROM person WHERE id = $1`, [id]);
  return row.names;
}
