import { ArgsType, Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "Article filters; all given conditions must hold." })
export class ArticleFilter {
  @Field(() => [String], { nullable: true, description: "ISO 639-1 codes; any of them." })
  languages?: string[];

  @Field(() => [ID], { nullable: true, description: "Source ids; any of them." })
  sources?: string[];

  @Field(() => String, { nullable: true, description: "Shared category id (see `categories`), e.g. \"politics\"." })
  category?: string;

  @Field(() => [String], { nullable: true, description: "ISO 3166-1 alpha-2 codes; articles mentioning all of them." })
  countries?: string[];

  @Field(() => [ID], { nullable: true, description: "Person ids; articles mentioning all of them." })
  people?: string[];

  @Field(() => ID, { nullable: true, description: "Event id." })
  event?: string;

  @Field(() => Date, { nullable: true, description: "Published at or after this instant." })
  publishedAfter?: Date;

  @Field(() => Date, { nullable: true, description: "Published before this instant." })
  publishedBefore?: Date;

  @Field(() => String, { nullable: true, description: "Full-text search, Arabic and English (web-search syntax: \"phrase\", -word, or). A known person's or country's name also matches its other spellings in every script (Zelenskyy finds Zelensky and زيلينسكي; Kiev finds Kyiv); narrow with `languages`." })
  q?: string;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: "Page size, 1–100." })
  first!: number;

  @Field(() => String, { nullable: true, description: "`endCursor` of the previous page." })
  after?: string;
}

@ArgsType()
export class ArticlesArgs extends PageArgs {
  @Field(() => ArticleFilter, { nullable: true })
  filter?: ArticleFilter;
}

@InputType({ description: "Event filters." })
export class EventFilter {
  @Field(() => Date, { nullable: true, description: "Events still running at or after this instant." })
  from?: Date;

  @Field(() => Date, { nullable: true, description: "Events that started before this instant." })
  to?: Date;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 code of the place." })
  country?: string;

  @Field(() => ID, { nullable: true, description: "Person id: events they take part in." })
  person?: string;

  @Field(() => String, { nullable: true, description: "Words of the title." })
  q?: string;
}
