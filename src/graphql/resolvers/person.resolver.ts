import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { badInput } from "../errors";
import { numericIdOf, toGlobalId } from "../global-id";
import { localise, validLanguage } from "../language";
import type { CountryRow, PersonRow } from "../loaders/columns";
import { Country } from "../types/country.type";
import { ArticleConnection } from "../types/article.type";
import { ArticlesArgs, PageArgs } from "../types/filters.type";
import { LocalizedName, Person, PersonConnection } from "../types/person.type";
import { decodeRankCursor, encodeRankCursor } from "../cursor";
import { validFirst } from "../validate";
import type { SelectionInfo } from "../loaders/selection";
import { pageCost, pageSpec, scopedArticles } from "./entity-articles";
import { LazyConnection } from "./connection";
import { articlesAhead, type AheadInfo, type PageArgsAhead } from "../loaders/lookahead";
import { articlePageColumns } from "../loaders/column-pick";
import type { PageSpec } from "../loaders/loaders";

/** The page fetched ahead, or undefined to leave it to its resolver (which also words any bad argument). */
function aheadSpec(ctx: Context, args: PageArgsAhead | undefined, info: SelectionInfo): PageSpec | undefined {
  if (!args) return undefined;
  try {
    return pageSpec(ctx, args, info);
  } catch {
    return undefined;
  }
}

@ArgsType()
class PeopleArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Part of a name, any script or spelling." })
  search?: string;
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true })
  async person(@Ctx() ctx: Context, @Arg("id", () => ID) id: string, @Info() info: AheadInfo): Promise<PersonRow | null> {
    const key = numericIdOf(id, "Person", "id");
    const ahead = articlesAhead(info);
    const spec = ahead && aheadSpec(ctx, ahead.args(info.variableValues), ahead.info);
    // The person page's articles come in the person's own statement, waiting for their resolver.
    const row = spec ? await ctx.loaders.personWithPage(key, spec, articlePageColumns(ahead.info)) : await ctx.loaders.person.load(key);
    // A merged person answers as the person it was merged into.
    return row?.mergedIntoId ? ctx.loaders.person.load(row.mergedIntoId) : row;
  }

  @Query(() => PersonConnection, { description: "People, most mentioned first; `search` matches names and aliases in any script.", complexity: pageCost })
  async people(@Ctx() ctx: Context, @Args() args: PeopleArgs) {
    const first = validFirst(args.first, ctx.config.maxFirst);
    const after = args.after == null ? undefined : decodeRankCursor(args.after, "after");
    const search = args.search?.trim() || undefined;
    if (search && search.length > 100) throw badInput("search", `at most 100 characters, got ${search.length}`);
    const rows = await ctx.loaders.searchPeople(search, first + 1, after);
    const page = rows.slice(0, first);
    const edges = page.map((node) => ({ node, cursor: encodeRankCursor(node.mentionCount, node.id) }));
    const pageInfo = { hasNextPage: rows.length > first, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null };
    return new LazyConnection(edges, page, pageInfo, () => ctx.loaders.countPeople(search));
  }

  @FieldResolver(() => ID)
  id(@Root() p: PersonRow): string {
    return toGlobalId("Person", p.id);
  }

  @FieldResolver(() => String)
  name(@Root() p: PersonRow, @Arg("lang", () => String, { nullable: true }) lang?: string): string {
    return localise(p.names, lang == null ? undefined : validLanguage(lang, "lang"));
  }

  @FieldResolver(() => [LocalizedName], { description: "The name in every language known." })
  names(@Root() p: PersonRow): LocalizedName[] {
    return Object.entries(p.names).map(([lang, value]) => ({ lang, value }));
  }

  @FieldResolver(() => String, { nullable: true })
  description(@Root() p: PersonRow, @Arg("lang", () => String, { nullable: true }) lang?: string): string | null {
    return localise(p.description, lang == null ? undefined : validLanguage(lang, "lang")) || null;
  }

  @FieldResolver(() => Country, { nullable: true, description: "Country the person serves or is a citizen of." })
  country(@Root() p: PersonRow, @Ctx() ctx: Context): Promise<CountryRow | null> | null {
    return p.countryCode ? ctx.loaders.country.load(p.countryCode) : null;
  }

  @FieldResolver(() => [Country], { description: "Countries most mentioned alongside this person (their latest 200 articles).", complexity: pageCost })
  async countries(@Root() p: PersonRow, @Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 10 }) first: number): Promise<CountryRow[]> {
    return (await ctx.loaders.countriesOfPerson.load(p.id)).slice(0, validFirst(first, 20));
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles mentioning this person, newest first.", complexity: pageCost })
  articles(@Root() p: PersonRow, @Ctx() ctx: Context, @Args() args: ArticlesArgs, @Info() info: SelectionInfo) {
    return scopedArticles(ctx, "person", p.id, args, info);
  }
}
