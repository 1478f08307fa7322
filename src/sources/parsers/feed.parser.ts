import type { SourceKind } from "../types";
import { parseAtom } from "./atom.parser";
import { detectKind } from "./detect";
import { FeedParseError, preview } from "./errors";
import type { ParsedFeedEx } from "./feed.model";
import { parseJsonFeed } from "./jsonfeed.parser";
import { parseRdf } from "./rdf.parser";
import { parseRss, type FeedParseOptions } from "./rss.parser";
import { parseSitemap } from "./sitemap.parser";

export interface ParseFeedOptions extends FeedParseOptions {
  contentType?: string;
}

/** Parses any supported feed, detecting its format from the content unless `kind` is given. */
export function parseFeed(text: string, kind?: SourceKind | null, options: ParseFeedOptions = {}): ParsedFeedEx {
  if (!text || !text.replace(/^\uFEFF/, "").trim()) {
    throw new FeedParseError("EMPTY_DOCUMENT", "feed.parser: expected a feed document, got an empty body");
  }
  const detected = kind ?? detectKind(text, options.contentType);
  switch (detected) {
    case "rss":
      return parseRss(text, options);
    case "rdf":
      return parseRdf(text, options);
    case "atom":
      return parseAtom(text, options);
    case "jsonfeed":
      return parseJsonFeed(text, options);
    case "sitemap":
      return parseSitemap(text, options);
    case "html":
      throw new FeedParseError("NOT_A_FEED", "feed.parser: expected a feed, got an HTML page");
    case "api":
      throw new FeedParseError("UNKNOWN_FORMAT", "feed.parser: API responses need their mapping; use parseApiResponse");
    default:
      throw new FeedParseError("UNKNOWN_FORMAT", `feed.parser: expected RSS, RDF, Atom, JSON Feed or a sitemap, got "${preview(text)}"`);
  }
}
