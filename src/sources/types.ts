/**
 * Shapes shared by the fetcher, the format parsers, the HTML extractor and the ingest
 * pipeline. Parsers and extractors are pure: bytes/strings in, these shapes out.
 */

export type SourceKind = "rss" | "rdf" | "atom" | "jsonfeed" | "sitemap" | "html" | "api";

export type TextDirection = "ltr" | "rtl";

export interface ParsedImage {
  url: string;
  alt?: string;
  /** Caption with the credit removed. */
  caption?: string;
  /** Photographer / agency credit split off the caption ("Fazry Ismail/EPA"). */
  credit?: string;
  width?: number;
  height?: number;
}

/** A link the page points at but that is not part of the body: "see also" lines, related stories. */
export interface LinkRef {
  url: string;
  title: string;
  teaser?: string;
  category?: string;
  imageUrl?: string;
  imageAlt?: string;
}

/** One article as far as a parser or extractor can tell; every field but `images`/`authors` may be missing. */
export interface ParsedArticle {
  url?: string;
  canonicalUrl?: string;
  guid?: string;
  title?: string;
  /** The lede / standfirst / description, plain text. */
  summary?: string;
  /** Sanitized HTML of the body (no scripts, styles, handlers, javascript: URLs). */
  bodyHtml?: string;
  /** Plain text of the body, paragraphs separated by blank lines. */
  bodyText?: string;
  /** BCP-47 primary tag, lower case ("ar", "en"). */
  language?: string;
  direction?: TextDirection;
  publishedAt?: Date;
  updatedAt?: Date;
  /** The source's own section label, as written ("العالم", "World"). */
  category?: string;
  tags?: string[];
  authors: string[];
  images: ParsedImage[];
  seeAlso: LinkRef[];
  related: LinkRef[];
  siteName?: string;
}

/** A feed entry; `isTeaser` says the body is only a summary and the page should be fetched. */
export interface FeedItem extends ParsedArticle {
  isTeaser: boolean;
}

export interface ParsedFeed {
  kind: SourceKind;
  title?: string;
  /** Home page of the feed. */
  link?: string;
  language?: string;
  description?: string;
  /** RSS <ttl>, in minutes. */
  ttlMinutes?: number;
  /** RSS <skipHours>, 0–23 UTC. */
  skipHours?: number[];
  /** RSS <skipDays>, 0 (Sunday) – 6. */
  skipDays?: number[];
  items: FeedItem[];
  /** For paginated sources (APIs, paged feeds): the URL of the next page. */
  nextPage?: string;
}
