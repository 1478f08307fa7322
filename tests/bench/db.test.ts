import { databaseName } from "../../bench/db";

describe("benchmark database names", () => {
  it("are read from the URL path", () => {
    expect(databaseName("postgres://postgres@127.0.0.1:5432/khabar_bench_1m")).toBe("khabar_bench_1m");
  });

  it("are refused unless plain identifiers, since they end up in CREATE DATABASE", () => {
    expect(() => databaseName('postgres://h/x";DROP DATABASE y;--')).toThrow(/expected a database name of letters, digits and _/);
    expect(() => databaseName("postgres://h/")).toThrow(/got ""/);
  });
});
