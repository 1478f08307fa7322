import type { Context } from "../context";
import type { ScopeKind } from "../loaders/article-query";
import type { ArticlesArgs } from "../types/filters.type";
import { toCriteria, validAfter, validFirst } from "../validate";
import { articlePageColumns } from "../loaders/column-pick";
import type { SelectionInfo } from "../loaders/selection";
import { toConnection } from "./connection";

/** `articles(filter, first, after)` under a person, country, event or source: batched across parents. */
export async function scopedArticles(ctx: Context, kind: ScopeKind, key: number | string, args: ArticlesArgs, info: SelectionInfo) {
  const first = validFirst(args.first, ctx.config.maxFirst);
  const after = validAfter(args.after);
  const criteria = toCriteria(args.filter);
  const rows = await ctx.loaders.scopedPage(kind, key, { criteria, limit: first + 1, after }, articlePageColumns(info));
  return toConnection(rows, first, (r) => r.publishedAt, () => ctx.loaders.scopedCount(kind, key, criteria));
}

export const pageCost = ({ args, childComplexity }: { args: { first?: number }; childComplexity: number }) =>
  (args.first ?? 20) * Math.max(1, childComplexity);
