import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { fold } from "../../db/fold";
import type { Context } from "../context";
import { badInput } from "../errors";
import { toGlobalId } from "../global-id";
import { localise, validLanguage } from "../language";
import { COUNTRY_COLUMNS, type CountryRow, type PersonRow } from "../loaders/columns";
import { ArticleConnection } from "../types/article.type";
import { Country } from "../types/country.type";
import { ArticlesArgs } from "../types/filters.type";
import { LocalizedName, Person } from "../types/person.type";
import { validCountryCode, validFirst } from "../validate";
import type { SelectionInfo } from "../loaders/selection";
import { pageCost, scopedArticles } from "./entity-articles";

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, { nullable: true, description: "A country by ISO 3166-1 alpha-2 code." })
  country(@Ctx() ctx: Context, @Arg("code", () => String) code: string): Promise<CountryRow | null> {
    return ctx.loaders.country.load(validCountryCode(code, "code"));
  }

  @Query(() => [Country], { description: "Countries whose name (any language) or code matches `search`; all of them without it, by name.", complexity: 250 })
  async countries(@Ctx() ctx: Context, @Arg("search", () => String, { nullable: true }) search?: string): Promise<CountryRow[]> {
    const s = search?.trim();
    if (s && s.length > 100) throw badInput("search", `at most 100 characters, got ${s.length}`);
    if (!s) return ctx.db.query(`SELECT ${COUNTRY_COLUMNS} FROM country c ORDER BY c.name_en`);
    return ctx.db.query(
      `SELECT ${COUNTRY_COLUMNS} FROM country c
       WHERE c.code = upper($2) OR c.alpha3 = upper($2) OR c.search_text ILIKE '%' || $1 || '%' OR c.search_text % $1
       ORDER BY (c.code = upper($2) OR c.alpha3 = upper($2)) DESC, similarity(c.search_text, $1) DESC, c.name_en LIMIT 50`,
      [fold(s), s],
    );
  }

  @FieldResolver(() => ID)
  id(@Root() c: CountryRow): string {
    return toGlobalId("Country", c.code);
  }

  @FieldResolver(() => String)
  name(@Root() c: CountryRow, @Arg("lang", () => String, { nullable: true }) lang?: string): string {
    return localise(c.names, lang == null ? undefined : validLanguage(lang, "lang"));
  }

  @FieldResolver(() => [LocalizedName], { description: "The name in every language known." })
  names(@Root() c: CountryRow): LocalizedName[] {
    return Object.entries(c.names).map(([lang, value]) => ({ lang, value }));
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles mentioning this country, newest first.", complexity: pageCost })
  articles(@Root() c: CountryRow, @Ctx() ctx: Context, @Args() args: ArticlesArgs, @Info() info: SelectionInfo) {
    return scopedArticles(ctx, "country", c.code, args, info);
  }

  @FieldResolver(() => [Person], { description: "People of this country, most mentioned first.", complexity: pageCost })
  async people(@Root() c: CountryRow, @Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 20 }) first: number): Promise<PersonRow[]> {
    return (await ctx.loaders.citizensOfCountry.load(c.code)).slice(0, validFirst(first, ctx.config.maxFirst));
  }
}
