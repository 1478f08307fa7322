import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { numericIdOf, toGlobalId } from "../global-id";
import { SOURCE_COLUMNS, type SourceRow } from "../loaders/columns";
import { ArticleConnection } from "../types/article.type";
import { ArticlesArgs } from "../types/filters.type";
import { Source, SourceHealth } from "../types/source.type";
import type { SelectionInfo } from "../loaders/selection";
import { pageCost, scopedArticles } from "./entity-articles";

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: "Every source, by name.", complexity: 100 })
  sources(@Ctx() ctx: Context): Promise<SourceRow[]> {
    return ctx.db.query(`SELECT ${SOURCE_COLUMNS} FROM source s ORDER BY s.name, s.id`);
  }

  @Query(() => Source, { nullable: true })
  source(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<SourceRow | null> {
    return ctx.loaders.source.load(numericIdOf(id, "Source", "id"));
  }

  @FieldResolver(() => ID)
  id(@Root() s: SourceRow): string {
    return toGlobalId("Source", s.id);
  }

  @FieldResolver(() => SourceHealth)
  health(@Root() s: SourceRow): SourceHealth {
    return s;
  }

  @FieldResolver(() => ArticleConnection, { complexity: pageCost })
  articles(@Root() s: SourceRow, @Ctx() ctx: Context, @Args() args: ArticlesArgs, @Info() info: SelectionInfo) {
    return scopedArticles(ctx, "source", s.id, args, info);
  }
}
