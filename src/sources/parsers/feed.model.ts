import type { FeedItem, ParsedFeed, ParsedImage } from "../types";

/** A non-image attachment (podcast audio, video) kept so nothing the feed offers is lost. */
export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

/** FeedItem plus what feeds carry beyond the shared shape (proposed for src/sources/types.ts). */
export interface FeedItemEx extends FeedItem {
  enclosures: Enclosure[];
  commentsUrl?: string;
  /** RSS <source> / Atom <source>: the publication the item was taken from. */
  sourceTitle?: string;
  sourceUrl?: string;
}

export interface FeedDiagnostics {
  /** The document was not well-formed and was read leniently (feedparser's "bozo"). */
  recovered: boolean;
  problems: string[];
  /** Items dropped because their GUID (or link, when no GUID) repeated an earlier item's. */
  duplicatesDropped: number;
}

/** ParsedFeed plus feed-level metadata and parse diagnostics. */
export interface ParsedFeedEx extends ParsedFeed {
  items: FeedItemEx[];
  direction?: "ltr" | "rtl";
  authors: string[];
  updatedAt?: Date;
  imageUrl?: string;
  /** Format version as declared ("2.0", "0.91", "1.0", "0.3", "https://jsonfeed.org/version/1.1"). */
  version?: string;
  diagnostics: FeedDiagnostics;
}

/** What a format parser knows about one item before the shared normalisation in item.builder. */
export interface ItemDraft {
  url?: string;
  guid?: string;
  /** Title as found; `titleIsHtml` says whether markup/entities in it are to be interpreted. */
  title?: string;
  titleIsHtml?: boolean;
  /** Description / summary, HTML or plain text. */
  summary?: string;
  summaryIsText?: boolean;
  /** Full content (content:encoded, atom:content, content_html). */
  body?: string;
  bodyIsText?: boolean;
  publishedAt?: Date;
  updatedAt?: Date;
  authors: (string | undefined)[];
  images: ParsedImage[];
  categories: string[];
  language?: string;
  enclosures: Enclosure[];
  commentsUrl?: string;
  sourceTitle?: string;
  sourceUrl?: string;
  siteName?: string;
  /** Base for relative URLs in this item (xml:base, else the item link, else the feed). */
  base?: string;
  /** Sitemap entries never carry a body, whatever they contain. */
  alwaysTeaser?: boolean;
}

export function emptyDraft(): ItemDraft {
  return { authors: [], images: [], categories: [], enclosures: [] };
}
