import { parseDate } from "./dates";
import { wrongRoot } from "./errors";
import type { ItemDraft, ParsedFeedEx } from "./feed.model";
import { emptyDraft } from "./feed.model";
import { assembleFeed } from "./item.builder";
import type { FeedParseOptions } from "./rss.parser";
import { kid, kids, kidText } from "./xml.query";
import { parseXml, type XElement } from "./xml.tree";

const SM = ["sitemap", ""];
const NEWS = ["news"];
const IMAGE = ["image"];

export interface SitemapRef {
  url: string;
  updatedAt?: Date;
}

/** A sitemap index lists further sitemaps, not articles: they come back as `sitemaps`, with no items. */
export interface ParsedSitemap extends ParsedFeedEx {
  sitemaps: SitemapRef[];
}

/** Parses Google News sitemaps (and plain urlsets / sitemap indexes); every entry is a teaser to fetch. */
export function parseSitemap(text: string, options: FeedParseOptions = {}): ParsedSitemap {
  const doc = parseXml(text, { baseUrl: options.baseUrl });
  const root = doc.root;
  if (root.local !== "urlset" && root.local !== "sitemapindex") {
    throw wrongRoot("sitemap.parser", "<urlset> or <sitemapindex>", root.qname);
  }
  const drafts = kids(root, SM, "url").map(readUrl).filter((d): d is ItemDraft => d !== undefined);
  const sitemaps: SitemapRef[] = [];
  for (const ref of kids(root, SM, "sitemap")) {
    const url = kidText(ref, SM, "loc");
    if (url) sitemaps.push({ url, updatedAt: parseDate(kidText(ref, SM, "lastmod")) });
  }
  const firstNews = kid(kids(root, SM, "url")[0], NEWS, "news");
  const languages = new Set(drafts.map((d) => d.language).filter(Boolean));
  const head = {
    kind: "sitemap" as const,
    // A news sitemap names its publication on every entry; the first one titles the feed.
    title: kidText(kid(firstNews, NEWS, "publication"), NEWS, "name"),
    language: languages.size === 1 ? [...languages][0] : undefined,
  };
  const feed = assembleFeed(head, drafts, { base: options.baseUrl }, { recovered: doc.recovered, problems: doc.problems });
  return { ...feed, sitemaps };
}

function readUrl(url: XElement): ItemDraft | undefined {
  const loc = kidText(url, SM, "loc");
  if (!loc) return undefined;
  const draft = emptyDraft();
  draft.url = loc;
  draft.alwaysTeaser = true;
  const news = kid(url, NEWS, "news");
  const lastmod = parseDate(kidText(url, SM, "lastmod"));
  if (news) {
    draft.title = kidText(news, NEWS, "title");
    draft.publishedAt = parseDate(kidText(news, NEWS, "publication_date"));
    draft.updatedAt = lastmod;
    draft.language = kidText(kid(news, NEWS, "publication"), NEWS, "language");
    draft.categories = (kidText(news, NEWS, "keywords") ?? "").split(/[,،]/).map((k) => k.trim()).filter(Boolean);
  } else {
    draft.updatedAt = lastmod;
  }
  for (const image of kids(url, IMAGE, "image")) {
    const src = kidText(image, IMAGE, "loc");
    if (src) draft.images.push({ url: src, caption: kidText(image, IMAGE, "caption") ?? kidText(image, IMAGE, "title") });
  }
  return draft;
}
