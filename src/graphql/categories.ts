import { CATEGORIES } from "../sources/extract/category";

/** A shared category as the GraphQL `Category` type reads it. */
export interface CategoryRow { id: string; iptc: string; nameEn: string; nameAr: string }

export const CATEGORY_ROWS: readonly CategoryRow[] = CATEGORIES.map((c) => ({ id: c.id, iptc: c.iptc, nameEn: c.en, nameAr: c.ar }));
const BY_ID = new Map(CATEGORY_ROWS.map((r) => [r.id, r]));

export const CATEGORY_IDS: readonly string[] = CATEGORY_ROWS.map((r) => r.id);

/** The shared category with this id; undefined for an id the list does not hold (a category retired after ingest). */
export function categoryById(id: string | null | undefined): CategoryRow | undefined {
  return id == null ? undefined : BY_ID.get(id);
}
