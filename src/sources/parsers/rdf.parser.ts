import { wrongRoot } from "./errors";
import type { ParsedFeedEx } from "./feed.model";
import { readRssDocument, type FeedParseOptions } from "./rss.parser";
import { parseXml } from "./xml.tree";

/** Parses RSS 1.0 (and Netscape RSS 0.90), whose <item>s are siblings of <channel> under <rdf:RDF>. */
export function parseRdf(text: string, options: FeedParseOptions = {}): ParsedFeedEx {
  const doc = parseXml(text, { baseUrl: options.baseUrl });
  if (doc.root.local !== "RDF") {
    throw wrongRoot("rdf.parser", "<rdf:RDF>", doc.root.qname);
  }
  return readRssDocument(doc, "rdf", options);
}
