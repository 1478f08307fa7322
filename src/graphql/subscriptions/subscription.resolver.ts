import { Arg, Args, ArgsType, Ctx, Field, ID, Resolver, Root, Subscription } from "type-graphql";
import type { IngestEvent } from "../../ingest/ingest-events";
import { badInput, clientError } from "../errors";
import { numericIdOf } from "../global-id";
import { RequestCache } from "../loaders/cached-batch";
import type { ArticleRow, EventRow } from "../loaders/columns";
import { Loaders } from "../loaders/loaders";
import { Article } from "../types/article.type";
import { Event } from "../types/event.type";
import { ArticleFilter } from "../types/filters.type";
import { toCriteria } from "../validate";
import { existingIds } from "./filter-ids";
import { matchesArticle, type ArticleAddedEvent } from "./match";
import type { SubscriptionContext, SubscriptionSession } from "./session";
import { eventStream } from "./stream";

type EventUpdated = Extract<IngestEvent, { type: "eventUpdated" }>;

@ArgsType()
class ArticleAddedArgs {
  @Field(() => ArticleFilter, { nullable: true, description: "The `articles` filter, except `q`." })
  filter?: ArticleFilter;
}

function sessionOf(ctx: SubscriptionContext): SubscriptionSession {
  if (!ctx.subscription) throw clientError("BAD_USER_INPUT", "Subscriptions are served over WebSocket (graphql-ws protocol) at /graphql.");
  return ctx.subscription;
}

/** Each event is resolved with fresh loaders: one subscription lives for hours and must not memoise. */
function freshLoaders(ctx: SubscriptionContext): Loaders {
  ctx.loaders = new Loaders(ctx.db, new RequestCache(ctx.cache, ctx.config.cacheTtlSeconds, ctx.config.loaderCache));
  return ctx.loaders;
}

async function articleAddedStream(ctx: SubscriptionContext, filter: ArticleFilter | undefined) {
  const session = sessionOf(ctx);
  const criteria = toCriteria(filter);
  if (criteria.q !== undefined) throw badInput("filter.q", "full-text search is not available on subscriptions; filter by languages, countries, people, event, sources or category");
  const known = await existingIds(ctx, filter, criteria);
  return eventStream(session.source, session.guard, (e): e is ArticleAddedEvent => e.type === "articleAdded" && matchesArticle(known, e));
}

async function eventUpdatedStream(ctx: SubscriptionContext, id: string) {
  const session = sessionOf(ctx);
  const row = await ctx.loaders.event.load(numericIdOf(id, "Event", "id"));
  if (!row) throw badInput("id", `no Event with id "${id.slice(0, 80)}"`);
  const eventId = row.mergedIntoId ?? row.id;
  return eventStream(session.source, session.guard, (e): e is EventUpdated => e.type === "eventUpdated" && e.eventId === eventId);
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Article, {
    description: "Articles as they are ingested, filtered like `articles` (every person, source and event id must exist).",
    subscribe: ({ args, context }) => articleAddedStream(context as SubscriptionContext, (args as ArticleAddedArgs).filter),
  })
  async articleAdded(@Root() event: ArticleAddedEvent, @Ctx() ctx: SubscriptionContext, @Args() _args: ArticleAddedArgs): Promise<ArticleRow> {
    const row = await freshLoaders(ctx).article.load(event.articleId);
    if (!row) throw new Error(`subscriptions: article ${event.articleId} was announced but cannot be read`);
    return row;
  }

  @Subscription(() => Event, {
    description: "An event (story) each time ingestion adds articles to it.",
    subscribe: ({ args, context }) => eventUpdatedStream(context as SubscriptionContext, (args as { id: string }).id),
  })
  async eventUpdated(@Root() update: EventUpdated, @Ctx() ctx: SubscriptionContext, @Arg("id", () => ID) _id: string): Promise<EventRow> {
    const row = await freshLoaders(ctx).event.load(update.eventId);
    if (!row) throw new Error(`subscriptions: event ${update.eventId} was announced but cannot be read`);
    return row;
  }
}
