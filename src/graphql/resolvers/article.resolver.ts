import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { canonicalUrl } from "../../ingest/normalise/canonical-url";
import { badInput } from "../errors";
import { numericIdOf, toGlobalId } from "../global-id";
import type { ArticleRow, CountryRow, EventRow, ImageRow, PersonRow, SourceRow } from "../loaders/columns";
import { Article, ArticleConnection, ArticleImage, Category, TextDirection } from "../types/article.type";
import { categoryById, type CategoryRow } from "../categories";
import { Country } from "../types/country.type";
import { Event } from "../types/event.type";
import { ArticlesArgs } from "../types/filters.type";
import { Person } from "../types/person.type";
import { Source } from "../types/source.type";
import { toCriteria, validAfter, validFirst } from "../validate";
import { articleRelations, countryListColumns, frontPageColumns, imageListColumns, personListColumns } from "../loaders/column-pick";
import type { SelectionInfo } from "../loaders/selection";
import { toConnection } from "./connection";
import { pageCost, pageSpec } from "./entity-articles";

/** The first `n` of a list, synchronously when the list is already here (its page statement brought it). */
function firstOf<T>(list: T[] | Promise<T[]>, n: number): T[] | Promise<T[]> {
  if (!Array.isArray(list)) return list.then((all) => all.slice(0, n));
  return list.length > n ? list.slice(0, n) : list;
}

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: "One article by id or by URL: the URL it was fetched from or its canonical one (tracking parameters and fragment ignored)." })
  async article(
    @Ctx() ctx: Context,
    @Info() info: SelectionInfo,
    @Arg("id", () => ID, { nullable: true }) id?: string,
    @Arg("url", () => String, { nullable: true }) url?: string,
  ): Promise<ArticleRow | null> {
    if ((id == null) === (url == null)) throw badInput("id", "give exactly one of id or url");
    if (id != null) {
      const key = numericIdOf(id, "Article", "id");
      const relations = articleRelations(info);
      // An article page's images, people and countries come in the article's own statement.
      return relations ? ctx.loaders.articleWithRelations(key, relations) : ctx.loaders.article.load(key);
    }
    if (url!.length > 2048) throw badInput("url", "at most 2048 characters");
    const canonical = canonicalUrl(url);
    if (!canonical) throw badInput("url", `"${url!.slice(0, 80)}" is not an absolute http(s) URL`);
    // A shared link carries tracking parameters or a fragment; stored articles are found by their canonical form too.
    const [exact, byCanonical] = await Promise.all([ctx.loaders.articleByUrl.load(url!), canonical === url ? null : ctx.loaders.articleByUrl.load(canonical)]);
    return exact ?? byCanonical;
  }

  @Query(() => ArticleConnection, { description: "Articles, newest first, filtered.", complexity: pageCost })
  async articles(@Ctx() ctx: Context, @Args() args: ArticlesArgs, @Info() info: SelectionInfo) {
    const spec = pageSpec(ctx, args, info);
    const rows = await ctx.loaders.articlePage(spec, frontPageColumns(info));
    return toConnection(rows, spec.first, (r) => r.publishedAt, () => ctx.loaders.articleCount(spec.criteria));
  }

  @FieldResolver(() => ID)
  id(@Root() a: ArticleRow): string {
    return toGlobalId("Article", a.id);
  }

  @FieldResolver(() => TextDirection)
  direction(@Root() a: ArticleRow): TextDirection {
    return a.direction === "rtl" ? TextDirection.RTL : TextDirection.LTR;
  }

  @FieldResolver(() => String)
  async bodyHtml(@Root() a: ArticleRow, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.body.load(a.id))?.bodyHtml ?? "";
  }

  @FieldResolver(() => String)
  async bodyText(@Root() a: ArticleRow, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.body.load(a.id))?.bodyText ?? "";
  }

  @FieldResolver(() => Category, { nullable: true, description: "The shared category its source's section maps to (see `categories`); null when it maps to none." })
  category(@Root() a: ArticleRow): CategoryRow | null {
    return categoryById(a.category) ?? null;
  }

  @FieldResolver(() => Source, { description: "The source it was first seen on." })
  async source(@Root() a: ArticleRow, @Ctx() ctx: Context): Promise<SourceRow> {
    const s = a.pageSource ?? (await ctx.loaders.source.load(a.sourceId));
    if (!s) throw new Error(`article.resolver: article ${a.id} points at missing source ${a.sourceId}`);
    return s;
  }

  @FieldResolver(() => [Source], { description: "Every source that carried it." })
  sources(@Root() a: ArticleRow, @Ctx() ctx: Context): Promise<SourceRow[]> {
    return ctx.loaders.articleSources.load(a.id);
  }

  @FieldResolver(() => [ArticleImage])
  images(@Root() a: ArticleRow, @Ctx() ctx: Context, @Info() info: SelectionInfo): ImageRow[] | Promise<ImageRow[]> {
    return ctx.loaders.imagesOf(a.id, imageListColumns(info));
  }

  @FieldResolver(() => [Person], { description: "People mentioned, most salient first.", complexity: pageCost })
  people(
    @Root() a: ArticleRow,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 10, description: "At most this many, 1–100." }) first: number,
    @Info() info: SelectionInfo,
  ): PersonRow[] | Promise<PersonRow[]> {
    const n = validFirst(first, ctx.config.maxFirst);
    return firstOf(ctx.loaders.peopleMentionedIn(a.id, personListColumns(info)), n);
  }

  @FieldResolver(() => [Country], { description: "Countries mentioned, most salient first.", complexity: pageCost })
  countries(
    @Root() a: ArticleRow,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 10, description: "At most this many, 1–100." }) first: number,
    @Info() info: SelectionInfo,
  ): CountryRow[] | Promise<CountryRow[]> {
    const n = validFirst(first, ctx.config.maxFirst);
    return firstOf(ctx.loaders.countriesMentionedIn(a.id, countryListColumns(info)), n);
  }

  @FieldResolver(() => [Event], { description: "Events (stories) it belongs to." })
  events(@Root() a: ArticleRow, @Ctx() ctx: Context): Promise<EventRow[]> {
    return ctx.loaders.eventsOfArticle.load(a.id);
  }
}
