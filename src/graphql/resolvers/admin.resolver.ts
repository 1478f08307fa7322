import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from "type-graphql";
import { SourceInputError, type SourcesService } from "../../ingest/sources.service";
import type { SourceKind } from "../../sources/types";
import type { Context } from "../context";
import { badInput } from "../errors";
import { numericIdOf } from "../global-id";
import type { SourceRow } from "../loaders/columns";
import { Source } from "../types/source.type";

@InputType({ description: "A source to poll." })
class AddSourceInput {
  @Field({ description: "Feed, sitemap, API endpoint or article page URL (http/https)." })
  url!: string;

  @Field(() => String, { nullable: true, description: "Display name; the feed's title is used when absent." })
  name?: string;

  @Field(() => String, { nullable: true, description: "Force a kind (rss, rdf, atom, jsonfeed, sitemap, html, api); detected from the content otherwise." })
  kind?: string;

  @Field(() => String, { nullable: true, description: "API mapping name for kind api: <name>.json in API_MAPPINGS_DIR or a bundled one (newsapi, guardian)." })
  mapping?: string;

  @Field(() => Boolean, { nullable: true, description: "Fetch the article page when a feed item is only a teaser (default true)." })
  fetchFullText?: boolean;

  @Field(() => Int, { nullable: true, description: "Fixed polling interval in seconds (120–86400); adaptive when absent." })
  intervalSeconds?: number;

  @Field(() => String, { nullable: true, description: "Language of the source when its documents do not say." })
  language?: string;
}

function sourcesOf(ctx: Context): SourcesService {
  const s = ctx.services.sources as SourcesService | undefined;
  if (!s) throw new Error("admin.resolver: source management is not available in this process");
  return s;
}

async function guard<T>(run: () => Promise<T>, prefix = "input"): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SourceInputError) throw badInput(`${prefix}.${err.field}`, err.message);
    throw err;
  }
}

@Resolver()
export class AdminResolver {
  @Authorized("admin")
  @Mutation(() => Source, { description: "Adds a source and refreshes it at once (admin)." })
  async addSource(@Ctx() ctx: Context, @Arg("input", () => AddSourceInput) input: AddSourceInput): Promise<SourceRow> {
    const { id } = await guard(() => sourcesOf(ctx).add({ ...input, kind: input.kind as SourceKind | undefined }));
    const row = await ctx.loaders.source.load(id);
    if (!row) throw new Error(`admin.resolver: source ${id} vanished after insert`);
    return row;
  }

  @Authorized("admin")
  @Mutation(() => Boolean, { description: "Removes a source; articles other sources also carried stay (admin). False when there is no such source." })
  removeSource(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<boolean> {
    return sourcesOf(ctx).remove(numericIdOf(id, "Source", "id"));
  }

  @Authorized("admin")
  @Mutation(() => Boolean, { description: "Queues a refresh of the source now (admin). False when there is no such source." })
  refreshSource(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<boolean> {
    return sourcesOf(ctx).refresh(numericIdOf(id, "Source", "id"));
  }
}
