import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import type { ArticleRow } from "../loaders/columns";
import { Article } from "../types/article.type";
import { checkCount } from "../../ingest/rollups";
import { checked } from "./relations.resolver";
import { pageCost } from "./entity-articles";

const MAX_RELATED = 50;

/** Article fields from the entity graph; type-graphql merges them with ArticleResolver's. */
@Resolver(() => Article)
export class ArticleRelationsResolver {
  @FieldResolver(() => [Article], {
    complexity: pageCost,
    description:
      "Other articles on the same story: its event's articles first, then articles sharing its rarest, most salient people and countries " +
      "within 30 days, weighted by rarity and closeness in time. Near-duplicates are left out (see `duplicates`). 1–50.",
  })
  async related(@Root() a: ArticleRow, @Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 10 }) first: number): Promise<ArticleRow[]> {
    const n = checked(() => checkCount(first, "first", 1, MAX_RELATED));
    const ids = await ctx.loaders.relatedIds(a.id, n);
    const rows = await ctx.loaders.article.loadMany(ids);
    return rows.filter((r): r is ArticleRow => r !== null && !(r instanceof Error));
  }

  @FieldResolver(() => [Article], { complexity: 10, description: "Near-duplicates of this article (reprints of the same text on other sources), oldest first; at most 100." })
  duplicates(@Root() a: ArticleRow, @Ctx() ctx: Context): Promise<ArticleRow[]> {
    return ctx.loaders.duplicatesOf.load(a.id);
  }

  @FieldResolver(() => Article, { nullable: true, description: "The article this one is a near-duplicate of; null for an original." })
  original(@Root() a: ArticleRow, @Ctx() ctx: Context): Promise<ArticleRow | null> | null {
    return a.originalId ? ctx.loaders.article.load(a.originalId) : null;
  }
}
