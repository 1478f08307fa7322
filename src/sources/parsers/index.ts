export { detectKind } from "./detect";
export { parseFeed, type ParseFeedOptions } from "./feed.parser";
export { parseRss, type FeedParseOptions } from "./rss.parser";
export { parseRdf } from "./rdf.parser";
export { parseAtom } from "./atom.parser";
export { parseJsonFeed } from "./jsonfeed.parser";
export { parseSitemap, type ParsedSitemap, type SitemapRef } from "./sitemap.parser";
export { parseDate } from "./dates";
export { FeedParseError, ApiConfigError, type FeedParseErrorCode, type ApiConfigErrorCode } from "./errors";
export type { FeedItemEx, ParsedFeedEx, FeedDiagnostics, Enclosure } from "./feed.model";
export { TEASER_MAX_WORDS, DESCRIPTION_BODY_MIN_WORDS } from "./item.builder";
export {
  buildApiRequest,
  buildApiRequests,
  collectApiPages,
  loadMapping,
  loadMappingText,
  parseApiResponse,
  type ApiMapping,
  type ApiPage,
  type ApiPageContext,
  type ApiRequest,
  type FetchJson,
  type PageRef,
} from "./api.parser";
