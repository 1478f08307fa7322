import { Arg, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { CATEGORIES } from "../../sources/extract/category";
import { validLanguage } from "../language";
import { Category } from "../types/article.type";

export interface CategoryRow { id: string; iptc: string; nameEn: string; nameAr: string }

const ROWS: readonly CategoryRow[] = CATEGORIES.map((c) => ({ id: c.id, iptc: c.iptc, nameEn: c.en, nameAr: c.ar }));
const BY_ID = new Map(ROWS.map((r) => [r.id, r]));

/** The shared category with this id; undefined for an id the list does not hold (a category retired after ingest). */
export function categoryById(id: string | null | undefined): CategoryRow | undefined {
  return id == null ? undefined : BY_ID.get(id);
}

export const CATEGORY_IDS: readonly string[] = ROWS.map((r) => r.id);

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: "The shared categories (IPTC Media Topics, top level): the ids `articles(filter: {category})` takes." })
  categories(): readonly CategoryRow[] {
    return ROWS;
  }

  @FieldResolver(() => String, { description: "The name in `lang` (\"ar\" or \"en\"); English for any other language." })
  name(@Root() c: CategoryRow, @Arg("lang", () => String, { nullable: true }) lang?: string): string {
    return lang != null && validLanguage(lang, "lang") === "ar" ? c.nameAr : c.nameEn;
  }
}
