import type { DataSource } from "typeorm";
import { readRows } from "../../db/read-query";
import { COUNTRY_COLUMN_LIST, list, type Column, type CountryRow } from "./columns";

/**
 * A country's code, alpha-3 code and names are written by migrations only (the seed and its
 * corrections), never while the gateway serves: a page may name an article's countries by code and
 * take these columns from memory, instead of joining ~20 names per mention in every statement.
 */
const REFERENCE_COLUMNS = new Set(["code", "alpha3", "names"]);

type ReferenceRow = Readonly<Omit<CountryRow, "mentionCount">>;
export type CountryReference = ReadonlyMap<string, ReferenceRow>;

const references = new WeakMap<DataSource, Promise<CountryReference>>();

/** Whether a selection of country columns reads reference columns only (undefined selects all, mention counts too). */
export function countriesByCode(columns: Column[] | undefined): boolean {
  return columns !== undefined && columns.every(([alias]) => REFERENCE_COLUMNS.has(alias));
}

/** Every country's reference columns, read once per process and database (~250 rows); a failed read is retried by the next caller. */
export function countryReference(db: DataSource): Promise<CountryReference> {
  let reference = references.get(db);
  if (!reference) {
    const columns = COUNTRY_COLUMN_LIST.filter(([alias]) => REFERENCE_COLUMNS.has(alias));
    reference = readRows<ReferenceRow>(db, `SELECT ${list("Country", columns)} FROM country c`)
      .then((rows) => new Map(rows.map((row) => [row.code, Object.freeze(row)] as const)));
    reference.catch(() => references.delete(db));
    references.set(db, reference);
  }
  return reference;
}

/**
 * The rows of `codes`, in order, as narrowed loaders hold them (no mention count); undefined when
 * one is not in the reference (its loader then reads the table).
 */
export function countriesOf(codes: readonly string[], reference: CountryReference): CountryRow[] | undefined {
  const rows: ReferenceRow[] = [];
  for (const code of codes) {
    const row = reference.get(code);
    if (!row) return undefined;
    rows.push(row);
  }
  return rows as CountryRow[];
}
