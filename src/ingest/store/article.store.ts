import type { EntityManager } from "typeorm";
import type { StoredLink } from "../../db/entities/article.entity";
import type { DedupProbe } from "../cluster/pg.dedup";
import { storeArticles } from "./batch.store";

export interface ImageInput {
  url: string;
  alt?: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
}

export interface MentionInput {
  count: number;
  salience: number;
  firstOffset: number;
}

/** A normalised article ready to store; entity references are already database ids. */
export interface ArticleInput {
  sourceId: number;
  url: string;
  canonicalUrl: string;
  guid?: string;
  title: string;
  summary?: string;
  bodyHtml: string;
  bodyText: string;
  language: string;
  direction: "ltr" | "rtl";
  publishedAt: Date;
  updatedAt?: Date;
  fetchedAt: Date;
  sourceCategory?: string;
  category?: string;
  authors: string[];
  tags: string[];
  siteName?: string;
  contentHash: string;
  wordCount: number;
  seeAlso: StoredLink[];
  relatedLinks: StoredLink[];
  images: ImageInput[];
  people: (MentionInput & { personId: number })[];
  countries: (MentionInput & { code: string })[];
}

export type StoreOutcome = "created" | "updated" | "unchanged";

export interface StoreResult { articleId: number; outcome: StoreOutcome; originalId?: number }

/**
 * Stores one article exactly once: a batch of one (see `storeArticles`). Call inside the refresh's
 * transaction: an item seen again is linked to its source and left alone; a changed item updates
 * its article in place; a new one is checked for being a near-duplicate when given a probe.
 */
export async function storeArticle(em: EntityManager, a: ArticleInput, dedup?: DedupProbe): Promise<StoreResult> {
  const [result] = await storeArticles(em, [{ input: a, dedup }]);
  return result;
}

export { storeArticles, type StoreItem, type StoreOptions } from "./batch.store";
