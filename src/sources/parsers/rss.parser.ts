import { parseDate, toAsciiDigits } from "./dates";
import { wrongRoot } from "./errors";
import type { ParsedFeedEx } from "./feed.model";
import { assembleFeed } from "./item.builder";
import type { ParsedImage } from "../types";
import { readMedia, readRssItem, RSS_NS } from "./rss.item";
import { resolveOrKeep } from "./urls";
import { attr, kid, kids, kidText, textOf } from "./xml.query";
import { parseXml, type XmlDocument, type XElement } from "./xml.tree";

export interface FeedParseOptions {
  /** URL the document was fetched from: relative links resolve against it. */
  baseUrl?: string;
}

/** Parses RSS 0.9x/2.0 (and tolerates RSS 1.0 given to it) into the shared feed shape. */
export function parseRss(text: string, options: FeedParseOptions = {}): ParsedFeedEx {
  const doc = parseXml(text, { baseUrl: options.baseUrl });
  const root = doc.root;
  if (!["rss", "channel"].includes(root.local.toLowerCase()) && root.local !== "RDF") {
    throw wrongRoot("rss.parser", "<rss> or <rdf:RDF>", root.qname);
  }
  return readRssDocument(doc, "rss", options);
}

/** Shared by rss.parser and rdf.parser: items may sit in <channel> (RSS 2.0) or beside it (RSS 1.0). */
export function readRssDocument(doc: XmlDocument, kind: "rss" | "rdf", options: FeedParseOptions): ParsedFeedEx {
  const root = doc.root;
  const channel = kid(root, RSS_NS, "channel") ?? root;
  const itemEls = [...kids(channel, RSS_NS, "item"), ...(channel === root ? [] : kids(root, RSS_NS, "item"))];
  const drafts = itemEls.map(readRssItem);
  const head = {
    kind,
    title: kidText(channel, RSS_NS, "title") ?? kidText(channel, ["dc"], "title"),
    link: resolveOrKeep(channelLink(channel), channel.base ?? options.baseUrl),
    description:
      kidText(channel, RSS_NS, "description") ?? kidText(channel, ["dc"], "description") ??
      kidText(channel, ["itunes"], "subtitle") ?? kidText(channel, ["itunes"], "summary"),
    language: kidText(channel, RSS_NS, "language") ?? kidText(channel, ["dc"], "language") ?? channel.lang ?? root.lang,
    version: kind === "rdf" ? "1.0" : attr(root, "version"),
    authors: [
      kidText(channel, RSS_NS, "managingeditor"),
      kidText(channel, RSS_NS, "author"),
      kidText(channel, ["dc"], "creator"),
      kidText(channel, ["dc"], "author"),
      kidText(channel, ["itunes"], "author"),
      kidText(channel, RSS_NS, "webmaster"),
    ],
    updatedAt: parseDate(kidText(channel, RSS_NS, "lastbuilddate") ?? kidText(channel, ["dc"], "date") ?? kidText(channel, RSS_NS, "pubdate")),
    imageUrl: channelImage(root, channel),
    ttlMinutes: positiveInt(kidText(channel, RSS_NS, "ttl")),
    skipHours: intList(kid(channel, RSS_NS, "skiphours"), "hour", 0, 24).map((h) => h % 24),
    skipDays: dayList(kid(channel, RSS_NS, "skipdays")),
  };
  const feed = assembleFeed(head, drafts, { base: channel.base ?? options.baseUrl }, { recovered: doc.recovered, problems: doc.problems });
  if (!feed.skipHours?.length) delete feed.skipHours;
  if (!feed.skipDays?.length) delete feed.skipDays;
  return feed;
}

/** The channel's logo: <image><url>, RSS 1.0's rdf:resource, iTunes, Media RSS, else the description's first <img>. */
function channelImage(root: XElement, channel: XElement): string | undefined {
  const image = kid(channel, RSS_NS, "image");
  const declared =
    kidText(image, RSS_NS, "url") ?? kidText(kid(root, RSS_NS, "image"), RSS_NS, "url") ?? attr(image, "rdf:resource") ??
    attr(kid(channel, ["itunes"], "image"), "href") ?? attr(kid(channel, ["itunes"], "image"), "url");
  if (declared) return declared;
  const media: ParsedImage[] = [];
  readMedia(channel, media, []);
  if (media.length) return media[0].url;
  const description = kidText(channel, RSS_NS, "description");
  return description ? /<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)/i.exec(description)?.[1] : undefined;
}

function channelLink(channel: XElement): string | undefined {
  for (const link of kids(channel, RSS_NS, "link")) {
    const text = textOf(link).trim();
    if (text) return text;
  }
  const alternate = kids(channel, ["atom"], "link").find((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  return attr(alternate, "href");
}

function positiveInt(value: string | undefined): number | undefined {
  const n = Number(toAsciiDigits(value ?? ""));
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

function intList(el: XElement | undefined, local: string, min: number, max: number): number[] {
  const out = new Set<number>();
  for (const child of kids(el, RSS_NS, local)) {
    const n = Number(toAsciiDigits(textOf(child).trim()));
    if (Number.isInteger(n) && n >= min && n <= max) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

function dayList(el: XElement | undefined): number[] {
  const out = new Set<number>();
  for (const child of kids(el, RSS_NS, "day")) {
    const index = DAYS.indexOf(textOf(child).trim().toLowerCase());
    if (index >= 0) out.add(index);
  }
  return [...out].sort((a, b) => a - b);
}
