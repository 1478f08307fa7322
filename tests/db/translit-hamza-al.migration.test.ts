import { TranslitHamzaAl1764375400000 } from "../../src/db/migrations/1764375400000-translit-hamza-al";
import { translitKey, type PersonRef } from "../../src/ingest/entities";
import { PeopleLinker } from "../../src/ingest/link/people.linker";
import { createTestDatabase } from "../support/db";

it("re-keys people stored under the article reading of أل, so the Latin spelling then finds them", async () => {
  const db = await createTestDatabase();
  try {
    const insert = (names: object, key: string, surname: string) => db.dataSource.query(
      `INSERT INTO person (names, aliases, verified, translit_key, translit_surname, search_text) VALUES ($1, '{}', false, $2, $3, '') RETURNING id`,
      [JSON.stringify(names), key, surname]).then((r: { id: number }[]) => r[0].id);
    const alcaraz = await insert({ ar: "كارلوس ألكاراز" }, "KRLS KRZ", "KRZ");
    const maliki = await insert({ ar: "نوري المالكي" }, "NR MLK", "MLK");
    const both = await insert({ en: "Ilham Aliyev", ar: "إلهام علييف" }, "ALHM ALF", "ALF");
    await db.dataSource.transaction((em) => new TranslitHamzaAl1764375400000().up(em.queryRunner!));
    const keys = async (id: number) => (await db.dataSource.query(`SELECT translit_key AS key, translit_surname AS surname FROM person WHERE id = $1`, [id]))[0];
    expect(await keys(alcaraz)).toEqual({ key: "KRLS ALKRZ", surname: "ALKRZ" });
    expect(await keys(maliki)).toEqual({ key: "NR MLK", surname: "MLK" });
    expect(await keys(both)).toEqual({ key: "ALHM ALF", surname: "ALF" });
    const ref: PersonRef = { kind: "new", name: "Carlos Alcaraz", lang: "en", aliases: [], key: translitKey("Carlos Alcaraz", "en") };
    const linker = await PeopleLinker.load(db.dataSource);
    const ids = await db.dataSource.transaction((em) => linker.resolve(em, [ref]));
    expect([...ids.values()]).toEqual([alcaraz]);
  } finally {
    await db.close();
  }
});
