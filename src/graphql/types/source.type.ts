import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, description: "How a source's polling is going." })
export class SourceHealth {
  @Field(() => Date, { nullable: true })
  lastFetchedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastSuccessAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  lastErrorAt!: Date | null;

  @Field(() => Int)
  consecutiveErrors!: number;

  @Field(() => Date, { nullable: true })
  nextFetchAt!: Date | null;

  @Field(() => Int, { description: "Items the last refresh read." })
  itemsLastRun!: number;

  @Field(() => Int, { description: "Current polling interval (adapts to how often the source publishes)." })
  intervalSeconds!: number;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: "A feed, sitemap, API or site Khabar polls." })
export class Source extends Node {
  @Field()
  name!: string;

  @Field()
  url!: string;

  @Field(() => String, { nullable: true, description: "rss, rdf, atom, jsonfeed, sitemap, html or api; null until first fetched." })
  kind!: string | null;

  @Field(() => String, { nullable: true })
  siteUrl!: string | null;

  @Field(() => String, { nullable: true })
  language!: string | null;

  @Field()
  active!: boolean;
}
