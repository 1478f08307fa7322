import { createHash } from "node:crypto";
import type { StoredLink } from "../../db/entities/article.entity";
import { fold } from "../../db/fold";
import { mapCategory } from "../../sources/extract/category";
import { countWords, firstWords } from "../../sources/parsers/text";
import type { FeedItem, LinkRef, ParsedArticle, ParsedImage } from "../../sources/types";
import type { ArticleInput } from "../store/article.store";
import { canonicalUrl } from "./canonical-url";
import { feedContent } from "./feed-content";
import { detectLanguage, directionOf } from "./language";

/** An article ready to link and store; entity mentions are added by the linking step. */
export type ArticleDraft = Omit<ArticleInput, "sourceId" | "people" | "countries">;

export interface NormaliseContext {
  /** The source's own URL: the base for relative links and the namespace of link-less items. */
  sourceUrl: string;
  sourceLanguage?: string | null;
  fetchedAt: Date;
}

const MIN_DATE = Date.UTC(1995, 0, 1);
// Publishers' clocks drift; an hour ahead is tolerated, more is a wrong date.
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;
const LIMITS = { images: 30, authors: 10, tags: 30, links: 30, title: 500, summary: 1000 };

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const clean = (s: string | undefined) => s?.replace(/\s+/g, " ").trim() || undefined;

function uniq(values: (string | undefined)[], limit: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const c = clean(v);
    if (c && !seen.has(c.toLowerCase()) && out.length < limit) {
      seen.add(c.toLowerCase());
      out.push(c);
    }
  }
  return out;
}

function validDate(d: Date | undefined, fetchedAt: Date): Date | undefined {
  const t = d?.getTime();
  return t !== undefined && !Number.isNaN(t) && t >= MIN_DATE && t <= fetchedAt.getTime() + FUTURE_TOLERANCE_MS ? d : undefined;
}

function links(list: LinkRef[] | undefined, base: string): StoredLink[] {
  const out: StoredLink[] = [];
  for (const l of list ?? []) {
    const url = canonicalUrl(l.url, base);
    const title = clean(l.title);
    if (!url || !title || out.some((o) => o.url === url) || out.length >= LIMITS.links) continue;
    const link: StoredLink = { url, title };
    for (const k of ["teaser", "category", "imageUrl", "imageAlt"] as const) {
      const v = clean(l[k]);
      if (v) link[k] = v;
    }
    out.push(link);
  }
  return out;
}

function images(list: ParsedImage[], base: string): ParsedImage[] {
  const out: ParsedImage[] = [];
  for (const img of list) {
    const url = canonicalUrl(img.url, base) ?? undefined;
    if (!url || out.some((o) => o.url === url) || out.length >= LIMITS.images) continue;
    out.push({ ...img, url });
  }
  return out;
}

export function contentHash(title: string, bodyText: string): string {
  return createHash("sha256").update(`${fold(title)}\n${fold(bodyText).replace(/\s+/g, " ").trim()}`).digest("hex");
}

/** Body HTML and text: extracted pages arrive sanitized; feed HTML is sanitized here. */
function body(item: ParsedArticle | FeedItem, base: string, fromPage: boolean): { html: string; text: string; images: ParsedImage[] } {
  if (fromPage || !item.bodyHtml) {
    return { html: item.bodyHtml ?? "", text: item.bodyText ?? "", images: [] };
  }
  const content = feedContent(item.bodyHtml, item.url ?? base);
  return { html: content.bodyHtml, text: content.bodyText || item.bodyText || "", images: content.images };
}

/**
 * Turns what a parser or extractor read into the stored shape: identity (canonical URL, content
 * hash), a title and date even when the source gave none, language and direction, shared category.
 */
export function normaliseArticle(item: ParsedArticle | FeedItem, ctx: NormaliseContext, opts: { fromPage?: boolean } = {}): ArticleDraft {
  const b = body(item, ctx.sourceUrl, opts.fromPage ?? false);
  const summary = clean(item.summary) ?? clean(b.text.split(/\n\s*\n/)[0]);
  const rawTitle = clean(item.title) ?? firstWords(summary ?? b.text, 12);
  const title = clip(rawTitle || "(untitled)", LIMITS.title);
  const hash = contentHash(title, b.text || summary || "");
  const pageUrl = canonicalUrl(item.url, ctx.sourceUrl);
  const canonical = canonicalUrl(item.canonicalUrl, pageUrl ?? ctx.sourceUrl) ?? pageUrl;
  // Items without a link still need a stable identity: the source plus their guid, else their content.
  const identity = canonical ?? `urn:khabar:item:${createHash("sha256").update(`${ctx.sourceUrl}\n${item.guid ?? hash}`).digest("hex").slice(0, 32)}`;
  const language = (item.language ?? ctx.sourceLanguage ?? detectLanguage(`${title}\n${b.text || summary || ""}`)).toLowerCase();
  const category = mapCategory(item.category, { url: pageUrl, title, language });
  return {
    url: pageUrl ?? canonical ?? ctx.sourceUrl,
    canonicalUrl: identity,
    guid: clean(item.guid),
    title,
    summary: summary ? clip(summary, LIMITS.summary) : undefined,
    bodyHtml: b.html,
    bodyText: b.text,
    language,
    direction: item.direction ?? directionOf(language),
    publishedAt: validDate(item.publishedAt, ctx.fetchedAt) ?? ctx.fetchedAt,
    updatedAt: validDate(item.updatedAt, ctx.fetchedAt),
    fetchedAt: ctx.fetchedAt,
    sourceCategory: clean(item.category),
    category: category?.id,
    authors: uniq(item.authors, LIMITS.authors),
    tags: uniq(item.tags ?? [], LIMITS.tags),
    siteName: clean(item.siteName),
    contentHash: hash,
    wordCount: countWords(b.text),
    seeAlso: links(item.seeAlso, pageUrl ?? ctx.sourceUrl),
    relatedLinks: links(item.related, pageUrl ?? ctx.sourceUrl),
    images: images([...item.images, ...b.images], pageUrl ?? ctx.sourceUrl),
  };
}
