import { Arg, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { CATEGORY_ROWS, type CategoryRow } from "../categories";
import { validLanguage } from "../language";
import { Category } from "../types/article.type";

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: "The shared categories (IPTC Media Topics, top level): the ids `articles(filter: {category})` takes." })
  categories(): readonly CategoryRow[] {
    return CATEGORY_ROWS;
  }

  @FieldResolver(() => String, { description: "The name in `lang` (\"ar\" or \"en\"); English for any other language." })
  name(@Root() c: CategoryRow, @Arg("lang", () => String, { nullable: true }) lang?: string): string {
    return lang != null && validLanguage(lang, "lang") === "ar" ? c.nameAr : c.nameEn;
  }
}
