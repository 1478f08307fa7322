import type { Context } from "../context";
import type { PageSpec } from "../loaders/loaders";
import type { ScopeKind } from "../loaders/article-query";
import type { ArticlesArgs } from "../types/filters.type";
import { toCriteria, validAfter, validFirst } from "../validate";
import { articlePageColumns, asksNextPage } from "../loaders/column-pick";
import type { SelectionInfo } from "../loaders/selection";
import { toConnection } from "./connection";

/** `articles(filter, first, after)` under a person, country, event or source: batched across parents. */
export async function scopedArticles(ctx: Context, kind: ScopeKind, key: number | string, args: ArticlesArgs, info: SelectionInfo) {
  const spec = pageSpec(ctx, args, info);
  const rows = await ctx.loaders.scopedPage(kind, key, spec, articlePageColumns(info));
  return toConnection(rows, spec.first, (r) => r.publishedAt, () => ctx.loaders.scopedCount(kind, key, spec.criteria));
}

/**
 * The page `articles(first, after, filter)` asks for, checked: one more row than `first` when the
 * selection (`info`, when known) reads hasNextPage, which only that row can tell.
 */
export function pageSpec(ctx: Context, args: Omit<ArticlesArgs, "first"> & { first?: number }, info?: SelectionInfo): PageSpec {
  const first = validFirst(args.first, ctx.config.maxFirst);
  const after = validAfter(args.after);
  const limit = info && !asksNextPage(info) ? first : first + 1;
  return { criteria: toCriteria(args.filter), first, limit, after };
}

export const pageCost = ({ args, childComplexity }: { args: { first?: number }; childComplexity: number }) =>
  (args.first ?? 20) * Math.max(1, childComplexity);
