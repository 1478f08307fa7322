import { DatabaseOpenError, openDatabase } from "../../src/db/data-source";

describe("opening the database", () => {
  it("fails with one line naming where (password hidden) and why when PostgreSQL does not answer", async () => {
    const opening = openDatabase({ databaseUrl: "postgres://khabar:s3cret@127.0.0.1:1/khabar", dataDir: "unused", dbPoolSize: 1 });
    await expect(opening).rejects.toBeInstanceOf(DatabaseOpenError);
    const err = await opening.catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/^db: cannot open the database at postgres:\/\/khabar:\*\*\*@127\.0\.0\.1:1\/khabar: .*ECONNREFUSED/);
    expect((err as Error).message).not.toContain("s3cret");
  });
});
