import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

/** Values are the rollup key prefixes (`p:`, `c:`, `e:`), so no mapping table is needed. */
export enum EntityKind { PERSON = "p", COUNTRY = "c", EVENT = "e" }
registerEnumType(EntityKind, { name: "EntityKind", description: "What an Entity is." });

export enum TimelineInterval { HOUR = "HOUR", DAY = "DAY", WEEK = "WEEK", MONTH = "MONTH" }
registerEnumType(TimelineInterval, {
  name: "TimelineInterval",
  description: "Bucket size; buckets are UTC and weeks start on Monday. Longest range: HOUR 31 days, DAY 366 days, WEEK 5 years, MONTH 10 years.",
});

@ObjectType({ simpleResolvers: true, description: "An entity named in the same articles as another, with how often and when. `entity` and `articles` are resolved fields." })
export class CoMention {
  @Field(() => Int, { description: "Articles naming both (near-duplicates counted once)." })
  count!: number;

  @Field({ description: "Publication time of the first such article in the range." })
  firstSeen!: Date;

  @Field({ description: "Publication time of the latest such article in the range." })
  lastSeen!: Date;
}

@ObjectType({ simpleResolvers: true, description: "Articles mentioning an entity in one time bucket." })
export class TimelineBucket {
  @Field({ description: "Start of the bucket (UTC)." })
  start!: Date;

  @Field(() => Int)
  count!: number;
}

@InputType({ description: "The windows a trend compares: the last `recentDays` (today counted by its elapsed part) against the `baselineDays` before them." })
export class TrendWindowInput {
  @Field(() => Int, { defaultValue: 2, description: "1–30." })
  recentDays!: number;

  @Field(() => Int, { defaultValue: 14, description: "Must be at least `recentDays`; at most 180." })
  baselineDays!: number;

  @Field(() => Date, { nullable: true, description: "Reference instant; now when absent." })
  at?: Date;
}

@ObjectType({ simpleResolvers: true, description: "An entity whose rate of mentions grew against its own baseline." })
export class Trend {
  @Field(() => Int, { description: "Mentions in the recent window." })
  recent!: number;

  @Field(() => Int, { description: "Mentions in the baseline window." })
  baseline!: number;

  @Field(() => Float, { description: "Mentions a day in the recent window." })
  recentRate!: number;

  @Field(() => Float, { description: "Mentions a day in the baseline window." })
  baselineRate!: number;

  @Field(() => Float, { description: "(recentRate + 1) / (baselineRate + 1): growth, smoothed by one mention a day on both sides." })
  score!: number;
}

@ObjectType({ simpleResolvers: true, description: "Two entities named together in articles: one link of a path." })
export class PathLink {
  @Field(() => Int, { description: "Articles naming both, all time." })
  count!: number;

  @Field()
  firstSeen!: Date;

  @Field()
  lastSeen!: Date;
}

@ObjectType({ simpleResolvers: true, description: "The shortest chain of co-mentions between two entities." })
export class Path {
  @Field(() => Int, { description: "Links in the chain (0 when both ends are the same entity)." })
  hops!: number;
}
