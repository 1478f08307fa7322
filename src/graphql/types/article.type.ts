import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "./connection.type";
import { Node } from "./node.type";

export enum TextDirection { LTR = "ltr", RTL = "rtl" }
registerEnumType(TextDirection, { name: "TextDirection" });

@ObjectType({ simpleResolvers: true, description: "An image of an article, with its caption and the credit split from it." })
export class ArticleImage {
  @Field()
  url!: string;

  @Field(() => String, { nullable: true })
  alt!: string | null;

  @Field(() => String, { nullable: true, description: "Caption without the credit." })
  caption!: string | null;

  @Field(() => String, { nullable: true, description: "Photographer and/or agency (\"Fazry Ismail/EPA\")." })
  credit!: string | null;

  @Field(() => Int)
  position!: number;

  @Field(() => Int, { nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  height!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "A link the source placed next to the article: a \"see also\" line or a related story." })
export class Link {
  @Field()
  url!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  teaser?: string;

  @Field(() => String, { nullable: true, description: "The source's section label of the linked story." })
  category?: string;

  @Field(() => String, { nullable: true })
  imageUrl?: string;

  @Field(() => String, { nullable: true })
  imageAlt?: string;
}

@ObjectType({ simpleResolvers: true, description: "One of the shared categories (IPTC Media Topics, top level)." })
export class Category {
  @Field({ description: "Stable id, e.g. \"politics\"." })
  id!: string;

  @Field({ description: "IPTC Media Topic code, e.g. \"medtop:11000000\"." })
  iptc!: string;

  @Field()
  nameEn!: string;

  @Field()
  nameAr!: string;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: "A news article, stored once however many sources carried it." })
export class Article extends Node {
  @Field({ description: "The URL it was fetched from." })
  url!: string;

  @Field({ description: "Canonical URL (tracking parameters and fragment removed)." })
  canonicalUrl!: string;

  @Field(() => String, { nullable: true })
  guid!: string | null;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: "The lede / standfirst, plain text." })
  summary!: string | null;

  @Field({ description: "Sanitized body HTML." })
  bodyHtml!: string;

  @Field({ description: "Body as plain text, paragraphs separated by blank lines." })
  bodyText!: string;

  @Field({ description: "ISO 639-1 code, or \"und\" when unknown." })
  language!: string;

  @Field(() => TextDirection)
  direction!: TextDirection;

  @Field()
  publishedAt!: Date;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  @Field()
  fetchedAt!: Date;

  @Field(() => String, { nullable: true, description: "The source's own section label (\"العالم\", \"World\")." })
  sourceCategory!: string | null;

  @Field(() => [String])
  authors!: string[];

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, { nullable: true })
  siteName!: string | null;

  @Field({ description: "sha256 of the normalised title and text." })
  contentHash!: string;

  @Field(() => Int)
  wordCount!: number;

  @Field(() => [Link], { description: "Inline \"see also\" / \"read more\" links the source put in the body." })
  seeAlso!: Link[];

  @Field(() => [Link], { description: "The source's related-stories block." })
  relatedLinks!: Link[];
}

export const ArticleConnection = Connection(Article, "Article");
