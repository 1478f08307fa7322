import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import {
  RelationsInputError,
  SAMPLES_PER_DAY,
  bucketRange,
  canonicalPair,
  checkCount,
  checkMaxHops,
  coMentionRange,
  coMentionsAllTime,
  coMentionsInRange,
  dayAt,
  dayRangeOf,
  entityDays,
  entityHours,
  fillBuckets,
  findPath,
  nextBucket,
  pairId,
  pairTotals,
  parseEntityKey,
  strongestPartners,
  timelineRange,
  trendQuery,
  trendWindow,
  trendingEntities,
  type EntityKindCode,
  type TimelineBucket as Bucket,
} from "../../ingest/rollups";
import type { Context } from "../context";
import { badInput } from "../errors";
import { fromGlobalId, indefinite } from "../global-id";
import type { ArticleRow, CountryRow, EventRow, PersonRow } from "../loaders/columns";
import { Article } from "../types/article.type";
import { Country } from "../types/country.type";
import { Event } from "../types/event.type";
import { Entity } from "../types/node.type";
import { Person } from "../types/person.type";
import { CoMention, EntityKind, Path, PathLink, TimelineBucket, TimelineInterval, Trend, TrendWindowInput } from "../types/relations.type";
import { pageCost } from "./entity-articles";

type EntityRow = PersonRow | CountryRow | EventRow;

export interface CoMentionRoot { key: string; count: number; firstSeen: Date; lastSeen: Date; pair: string; samples?: number[] }
interface TrendRoot { key: string; recent: number; baseline: number; recentRate: number; baselineRate: number; score: number }
interface PathLinkRoot { from: string; to: string; count: number; firstSeen: Date; lastSeen: Date; pair: string }
interface PathRoot { hops: number; nodes: string[]; links: PathLinkRoot[] }

/** The reference "now": a clock service when the server provides one (tests, replays), else the wall clock. */
export function now(ctx: Context): Date {
  const clock = ctx.services.clock as (() => Date) | undefined;
  return clock ? clock() : new Date();
}

/** Runs argument checks of the rollups module, reporting them as BAD_USER_INPUT naming the argument. */
export function checked<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RelationsInputError) throw badInput(err.argument, err.detail);
    throw err;
  }
}

/** A Person, Country or Event row from its rollup key; merged-away people and events answer as their survivor. */
export async function loadEntity(ctx: Context, key: string): Promise<EntityRow | null> {
  const parsed = parseEntityKey(key);
  if (!parsed) return null;
  if (parsed.kind === "c") return ctx.loaders.country.load(parsed.id);
  const loader = parsed.kind === "p" ? ctx.loaders.person : ctx.loaders.event;
  const row: PersonRow | EventRow | null = await loader.load(Number(parsed.id));
  return row?.mergedIntoId ? loader.load(row.mergedIntoId) : row;
}

/** The rollup key of an entity id argument; null when no such entity exists (answers are then empty). */
export async function entityKeyOf(ctx: Context, id: string, argument: string): Promise<string | null> {
  const { type, key } = fromGlobalId(id, argument);
  if (type !== "Person" && type !== "Country" && type !== "Event") throw badInput(argument, `expected a Person, Country or Event id, got ${indefinite(type)} ${type} id`);
  const prefix = type === "Person" ? "p" : type === "Country" ? "c" : "e";
  if (prefix === "c" && !/^[A-Z]{2}$/.test(key)) return null;
  const row = await loadEntity(ctx, `${prefix}:${key}`);
  if (!row) return null;
  return row.__typename === "Country" ? `c:${row.code}` : `${prefix}:${row.id}`;
}

async function articlesOf(ctx: Context, ids: readonly number[], first: number): Promise<ArticleRow[]> {
  const n = checked(() => checkCount(first, "first", 1, SAMPLES_PER_DAY));
  const rows = await ctx.loaders.article.loadMany(ids.slice(0, n));
  return rows.filter((r): r is ArticleRow => r !== null && !(r instanceof Error));
}

const kindCodes = (kinds: EntityKind[] | undefined | null): EntityKindCode[] | undefined =>
  kinds && kinds.length ? [...new Set(kinds)].map((k) => k as unknown as EntityKindCode) : undefined;

interface CoMentionArgs { kinds?: EntityKind[] | null; from?: Date | null; to?: Date | null; first: number }

/** Co-mentions of an entity key (null: unknown entity, empty answer); arguments are checked first either way. */
export async function coMentionsOf(ctx: Context, key: string | null, a: CoMentionArgs): Promise<CoMentionRoot[]> {
  const range = checked(() => coMentionRange(a.from ?? undefined, a.to ?? undefined, now(ctx)));
  const limit = checked(() => checkCount(a.first, "first", 1, ctx.config.maxFirst));
  if (!key) return [];
  const codes = kindCodes(a.kinds);
  const withPair = <T extends { key: string }>(r: T) => ({ ...r, pair: canonicalPair(key, r.key).join("~") });
  return ctx.loaders.cached("com", JSON.stringify([key, range?.from, range?.to, codes, limit]), async () => {
    if (!range) return (await coMentionsAllTime(ctx.db, key, { kinds: codes, limit })).map(withPair);
    const days = dayRangeOf("DAY", range.from, range.to);
    return (await coMentionsInRange(ctx.db, key, { ...days, kinds: codes, limit, samples: SAMPLES_PER_DAY })).map(withPair);
  });
}

interface TimelineArgs { interval: TimelineInterval; from?: Date | null; to?: Date | null }

export async function timelineOf(ctx: Context, key: string | null, a: TimelineArgs): Promise<Bucket[]> {
  const range = checked(() => timelineRange(a.interval, a.from ?? undefined, a.to ?? undefined, now(ctx)));
  if (!key) return [];
  return ctx.loaders.cached("tl", JSON.stringify([key, a.interval, range.from, range.to]), async () => {
    if (a.interval !== TimelineInterval.HOUR) {
      const days = dayRangeOf(a.interval, range.from, range.to);
      const rows = await entityDays(ctx.db, key, days.fromDay, days.toDay);
      return fillBuckets(a.interval, range.from, range.to, rows.map((r) => ({ at: dayAt(r.day), count: r.count })));
    }
    const hours = bucketRange("HOUR", range.from, range.to);
    const rows = await entityHours(ctx.db, parseEntityKey(key)!, hours[0], nextBucket("HOUR", hours.at(-1)!));
    return fillBuckets("HOUR", range.from, range.to, rows.map((r) => ({ at: new Date(r.hour * 3_600_000), count: r.count })));
  });
}

@Resolver()
export class RelationsResolver {
  @Query(() => [CoMention], {
    complexity: pageCost,
    description:
      "Entities named in the same articles as `entity`, most shared articles first (\"who appears most with Lavrov this month\"). " +
      "With neither `from` nor `to`: all time. Otherwise [from, to) widened to whole UTC days (`to` defaults to now, `from` to 30 days before `to`), at most 366 days. " +
      "Pairs are counted among each article's 12 most salient entities; near-duplicates count once.",
  })
  async coMentions(
    @Ctx() ctx: Context,
    @Arg("entity", () => ID, { description: "A Person, Country or Event id." }) entity: string,
    @Arg("kinds", () => [EntityKind], { nullable: true, description: "Only partners of these kinds." }) kinds: EntityKind[] | undefined,
    @Arg("from", () => Date, { nullable: true }) from: Date | undefined,
    @Arg("to", () => Date, { nullable: true }) to: Date | undefined,
    @Arg("first", () => Int, { defaultValue: 20, description: "1–100." }) first: number,
  ): Promise<CoMentionRoot[]> {
    const key = await entityKeyOf(ctx, entity, "entity");
    return coMentionsOf(ctx, key, { kinds, from, to, first });
  }

  @Query(() => [TimelineBucket], {
    complexity: 10,
    description:
      "Articles mentioning `entity` per bucket over [from, to), zero-filled; `to` defaults to now and `from` to 2 days (HOUR), 30 days (DAY), " +
      "26 weeks (WEEK) or a year (MONTH) before it. Buckets are whole UTC hours/days/weeks (Monday)/months. Empty for an unknown entity.",
  })
  async timeline(
    @Ctx() ctx: Context,
    @Arg("entity", () => ID) entity: string,
    @Arg("interval", () => TimelineInterval, { defaultValue: TimelineInterval.DAY }) interval: TimelineInterval,
    @Arg("from", () => Date, { nullable: true }) from: Date | undefined,
    @Arg("to", () => Date, { nullable: true }) to: Date | undefined,
  ): Promise<Bucket[]> {
    const key = await entityKeyOf(ctx, entity, "entity");
    return timelineOf(ctx, key, { interval, from, to });
  }

  @Query(() => [Trend], {
    complexity: pageCost,
    description:
      "Entities of one kind whose daily mention rate in the recent window grew most against their own baseline rate (default: the last 2 days " +
      "against the 14 before). Score = (recentRate + 1) / (baselineRate + 1); only rising entities (score > 1) with at least `minSupport` recent mentions.",
  })
  async trending(
    @Ctx() ctx: Context,
    @Arg("kind", () => EntityKind) kind: EntityKind,
    @Arg("window", () => TrendWindowInput, { nullable: true }) window: TrendWindowInput | undefined,
    @Arg("first", () => Int, { defaultValue: 20, description: "1–100." }) first: number,
    @Arg("minSupport", () => Int, { defaultValue: 3, description: "Fewest mentions in the recent window, 1–10000." }) minSupport: number,
  ): Promise<TrendRoot[]> {
    const w = checked(() => trendWindow(window ?? undefined, now(ctx)));
    const limit = checked(() => checkCount(first, "first", 1, ctx.config.maxFirst));
    const support = checked(() => checkCount(minSupport, "minSupport", 1, 10_000));
    const q = trendQuery(kind as unknown as EntityKindCode, w, { minSupport: support, limit });
    return ctx.loaders.cached("trend", JSON.stringify(q), async () =>
      (await trendingEntities(ctx.db, q)).map((r) => ({
        ...r, recentRate: r.recent / q.recentDays, baselineRate: r.baseline / q.baselineDays, score: Number(r.score),
      })));
  }

  @Query(() => Path, {
    nullable: true,
    complexity: 20,
    description:
      "The shortest chain of co-mentions (all time) from one entity to another, at most `maxHops` links (1–3), searched from both ends " +
      "through each end's 25 strongest partners; among equally short chains the one with the strongest weakest link. Null when none is found.",
  })
  async path(
    @Ctx() ctx: Context,
    @Arg("from", () => ID) from: string,
    @Arg("to", () => ID) to: string,
    @Arg("maxHops", () => Int, { defaultValue: 3 }) maxHops: number,
    @Arg("via", () => [EntityKind], { nullable: true, description: "Kinds allowed in the middle of the chain; any when absent." }) via: EntityKind[] | undefined,
  ): Promise<PathRoot | null> {
    const hops = checked(() => checkMaxHops(maxHops));
    const [a, b] = [await entityKeyOf(ctx, from, "from"), await entityKeyOf(ctx, to, "to")];
    if (!a || !b) return null;
    const kinds = kindCodes(via);
    return ctx.loaders.cached("path", JSON.stringify([a, b, hops, kinds]), async () => {
      const found = await findPath({
        partners: (keys, limit) => strongestPartners(ctx.db, keys, limit, kinds),
        edges: async (pairs) => new Map([...(await pairTotals(ctx.db, pairs))].map(([id, row]) => [id, row.count])),
      }, a, b, { maxHops: hops });
      if (!found) return null;
      const pairs = found.counts.map((_, i) => canonicalPair(found.nodes[i], found.nodes[i + 1]));
      const totals = await pairTotals(ctx.db, pairs);
      const links = pairs.map((p, i) => {
        const t = totals.get(pairId(...p))!;
        return { from: found.nodes[i], to: found.nodes[i + 1], count: t.count, firstSeen: t.firstSeen, lastSeen: t.lastSeen, pair: pairId(...p) };
      });
      return { hops: links.length, nodes: found.nodes, links };
    });
  }
}

@Resolver(() => CoMention)
export class CoMentionResolver {
  @FieldResolver(() => Entity, { description: "The other entity." })
  async entity(@Root() c: CoMentionRoot, @Ctx() ctx: Context): Promise<EntityRow> {
    const row = await loadEntity(ctx, c.key);
    if (!row) throw new Error(`relations.resolver: rollups name ${c.key}, which does not exist`);
    return row;
  }

  @FieldResolver(() => [Article], { complexity: pageCost, description: "Evidence: articles naming both, latest first (1–5)." })
  async articles(@Root() c: CoMentionRoot, @Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 3 }) first: number): Promise<ArticleRow[]> {
    return articlesOf(ctx, c.samples ?? (await ctx.loaders.pairEvidence.load(c.pair)), first);
  }
}

@Resolver(() => Trend)
export class TrendResolver {
  @FieldResolver(() => Entity)
  async entity(@Root() t: TrendRoot, @Ctx() ctx: Context): Promise<EntityRow> {
    const row = await loadEntity(ctx, t.key);
    if (!row) throw new Error(`relations.resolver: rollups name ${t.key}, which does not exist`);
    return row;
  }
}

@Resolver(() => Path)
export class PathResolver {
  @FieldResolver(() => [Entity], { description: "From `from` to `to`." })
  async nodes(@Root() p: PathRoot, @Ctx() ctx: Context): Promise<EntityRow[]> {
    const rows = await Promise.all(p.nodes.map((k) => loadEntity(ctx, k)));
    return rows.filter((r): r is EntityRow => r !== null);
  }

  @FieldResolver(() => [PathLink])
  links(@Root() p: PathRoot): PathLinkRoot[] {
    return p.links;
  }
}

@Resolver(() => PathLink)
export class PathLinkResolver {
  @FieldResolver(() => Entity)
  async from(@Root() l: PathLinkRoot, @Ctx() ctx: Context): Promise<EntityRow | null> {
    return loadEntity(ctx, l.from);
  }

  @FieldResolver(() => Entity)
  async to(@Root() l: PathLinkRoot, @Ctx() ctx: Context): Promise<EntityRow | null> {
    return loadEntity(ctx, l.to);
  }

  @FieldResolver(() => [Article], { complexity: pageCost, description: "Evidence: articles naming both, latest first (1–5)." })
  async articles(@Root() l: PathLinkRoot, @Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 3 }) first: number): Promise<ArticleRow[]> {
    return articlesOf(ctx, await ctx.loaders.pairEvidence.load(l.pair), first);
  }
}

const keyOfRow = (row: EntityRow): string =>
  row.__typename === "Country" ? `c:${row.code}` : `${row.__typename === "Person" ? "p" : "e"}:${row.id}`;

/** The same two relations as fields of Person, Country and Event (one resolver class per type). */
function entityRelations(type: typeof Person | typeof Country | typeof Event) {
  @Resolver(() => type)
  class EntityRelationsResolver {
    @FieldResolver(() => [CoMention], { complexity: pageCost, description: "Entities named in the same articles; see Query.coMentions." })
    coMentions(
      @Root() row: EntityRow,
      @Ctx() ctx: Context,
      @Arg("kinds", () => [EntityKind], { nullable: true }) kinds: EntityKind[] | undefined,
      @Arg("from", () => Date, { nullable: true }) from: Date | undefined,
      @Arg("to", () => Date, { nullable: true }) to: Date | undefined,
      @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    ): Promise<CoMentionRoot[]> {
      return coMentionsOf(ctx, keyOfRow(row), { kinds, from, to, first });
    }

    @FieldResolver(() => [TimelineBucket], { complexity: 10, description: "Articles mentioning it per bucket; see Query.timeline." })
    timeline(
      @Root() row: EntityRow,
      @Ctx() ctx: Context,
      @Arg("interval", () => TimelineInterval, { defaultValue: TimelineInterval.DAY }) interval: TimelineInterval,
      @Arg("from", () => Date, { nullable: true }) from: Date | undefined,
      @Arg("to", () => Date, { nullable: true }) to: Date | undefined,
    ): Promise<Bucket[]> {
      return timelineOf(ctx, keyOfRow(row), { interval, from, to });
    }
  }
  return EntityRelationsResolver;
}

export const RELATIONS_RESOLVERS = [
  RelationsResolver, CoMentionResolver, TrendResolver, PathResolver, PathLinkResolver,
  entityRelations(Person), entityRelations(Country), entityRelations(Event),
] as const;
