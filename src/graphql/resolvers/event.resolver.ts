import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { fold } from "../../db/fold";
import type { Context } from "../context";
import { badInput } from "../errors";
import { numericIdOf, toGlobalId } from "../global-id";
import { localise, validLanguage } from "../language";
import { EVENT_COLUMNS, type CountryRow, type EventRow, type PersonRow } from "../loaders/columns";
import { ArticleConnection } from "../types/article.type";
import { Country } from "../types/country.type";
import { Event, EventConnection } from "../types/event.type";
import { ArticlesArgs, EventFilter, PageArgs } from "../types/filters.type";
import { LocalizedName, Person } from "../types/person.type";
import { validAfter, validCountryCode, validFirst } from "../validate";
import { toConnection } from "./connection";
import type { SelectionInfo } from "../loaders/selection";
import { pageCost, scopedArticles } from "./entity-articles";

@ArgsType()
class EventsArgs extends PageArgs {
  @Field(() => EventFilter, { nullable: true })
  filter?: EventFilter;
}

function eventConditions(f: EventFilter | undefined, params: unknown[]): string[] {
  const conds = ["e.merged_into_id IS NULL"];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (!f) return conds;
  if (f.from && f.to && f.from >= f.to) throw badInput("filter.from", "must be before filter.to");
  if (f.from) conds.push(`e.ends_at >= ${p(f.from)}`);
  if (f.to) conds.push(`e.starts_at < ${p(f.to)}`);
  if (f.country) conds.push(`e.country_code = ${p(validCountryCode(f.country, "filter.country"))}`);
  if (f.person) {
    const pid = numericIdOf(f.person, "Person", "filter.person");
    conds.push(`EXISTS (SELECT 1 FROM article_event x JOIN article_person ap ON ap.article_id = x.article_id WHERE x.event_id = e.id AND ap.person_id = ${p(pid)})`);
  }
  const q = f.q?.trim();
  if (q) {
    if (q.length > 200) throw badInput("filter.q", `at most 200 characters, got ${q.length}`);
    conds.push(`e.search_text ILIKE '%' || ${p(fold(q))} || '%'`);
  }
  return conds;
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true })
  async event(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<EventRow | null> {
    const row = await ctx.loaders.event.load(numericIdOf(id, "Event", "id"));
    return row?.mergedIntoId ? ctx.loaders.event.load(row.mergedIntoId) : row;
  }

  @Query(() => EventConnection, { description: "Events, most recently active first.", complexity: pageCost })
  async events(@Ctx() ctx: Context, @Args() args: EventsArgs) {
    const first = validFirst(args.first, ctx.config.maxFirst);
    const after = validAfter(args.after);
    const params: unknown[] = [];
    const conds = eventConditions(args.filter, params);
    const countParams = [...params];
    const countConds = [...conds];
    if (after) {
      params.push(after.at, after.id);
      conds.push(`(e.ends_at, e.id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(first + 1);
    const rows: EventRow[] = await ctx.db.query(
      `SELECT ${EVENT_COLUMNS} FROM event e WHERE ${conds.join(" AND ")} ORDER BY e.ends_at DESC, e.id DESC LIMIT $${params.length}`, params);
    return toConnection(rows, first, (r) => r.endsAt, async () => {
      const [r] = await ctx.db.query(`SELECT count(*)::int AS n FROM event e WHERE ${countConds.join(" AND ")}`, countParams);
      return r.n as number;
    });
  }

  @FieldResolver(() => ID)
  id(@Root() e: EventRow): string {
    return toGlobalId("Event", e.id);
  }

  @FieldResolver(() => String)
  name(@Root() e: EventRow, @Arg("lang", () => String, { nullable: true }) lang?: string): string {
    return localise(e.titles, lang == null ? undefined : validLanguage(lang, "lang"));
  }

  @FieldResolver(() => String, { description: "Title in `lang` (from the event's most central article in that language), with fallback." })
  title(@Root() e: EventRow, @Arg("lang", () => String, { nullable: true }) lang?: string): string {
    return this.name(e, lang);
  }

  @FieldResolver(() => [LocalizedName])
  titles(@Root() e: EventRow): LocalizedName[] {
    return Object.entries(e.titles).map(([lang, value]) => ({ lang, value }));
  }

  @FieldResolver(() => Country, { nullable: true, description: "Where it happened." })
  country(@Root() e: EventRow, @Ctx() ctx: Context): Promise<CountryRow | null> | null {
    return e.countryCode ? ctx.loaders.country.load(e.countryCode) : null;
  }

  @FieldResolver(() => ArticleConnection, { complexity: pageCost })
  articles(@Root() e: EventRow, @Ctx() ctx: Context, @Args() args: ArticlesArgs, @Info() info: SelectionInfo) {
    return scopedArticles(ctx, "event", e.id, args, info);
  }

  @FieldResolver(() => [Person], { description: "Participants, by how many of its articles mention them.", complexity: pageCost })
  async people(@Root() e: EventRow, @Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 20 }) first: number): Promise<PersonRow[]> {
    return (await ctx.loaders.peopleOfEvent.load(e.id)).slice(0, validFirst(first, ctx.config.maxFirst)).map((m) => m.row);
  }

  @FieldResolver(() => [Country], { complexity: pageCost })
  async countries(@Root() e: EventRow, @Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 20 }) first: number): Promise<CountryRow[]> {
    return (await ctx.loaders.countriesOfEvent.load(e.id)).slice(0, validFirst(first, ctx.config.maxFirst)).map((m) => m.row);
  }
}
