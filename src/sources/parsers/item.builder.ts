import type { ParsedImage } from "../types";
import { authorName, uniqueNames } from "./authors";
import type { FeedDiagnostics, FeedItemEx, ItemDraft, ParsedFeedEx } from "./feed.model";
import { directionOf, normalizeLanguage } from "./lang";
import { collapse, countWords, decodeText, firstWords, htmlToLine, htmlToText } from "./text";
import { absolutizeHtml, resolveOrKeep } from "./urls";

/** Content fields are meant to be bodies: below this many words they are still only a teaser. */
export const TEASER_MAX_WORDS = 80;
/** A description (no content field) this long is a full body some feeds put in the wrong element. */
export const DESCRIPTION_BODY_MIN_WORDS = 150;

export interface FeedContext {
  language?: string;
  base?: string;
}

/** Turns a format parser's draft into the shared item shape, with the same rules for every format. */
export function buildItem(draft: ItemDraft, feed: FeedContext): FeedItemEx {
  const url = resolveOrKeep(draft.url, draft.base ?? feed.base);
  // Relative links in content are relative to the article page unless xml:base says otherwise.
  const itemBase = draft.base ?? url ?? feed.base;
  const summaryText = draft.summary ? (draft.summaryIsText ? collapse(draft.summary) : htmlToLine(draft.summary)) : "";
  let bodyHtml = draft.body && !draft.bodyIsText ? absolutizeHtml(draft.body, itemBase) : undefined;
  let bodyText = draft.body ? (draft.bodyIsText ? draft.body.trim() : htmlToText(bodyHtml)) : "";
  let bodyWords = countWords(bodyText, TEASER_MAX_WORDS);
  if (!bodyText && draft.summary && !draft.alwaysTeaser) {
    const words = countWords(summaryText, DESCRIPTION_BODY_MIN_WORDS);
    if (words >= DESCRIPTION_BODY_MIN_WORDS) {
      bodyHtml = draft.summaryIsText ? undefined : absolutizeHtml(draft.summary, itemBase);
      bodyText = draft.summaryIsText ? draft.summary.trim() : htmlToText(bodyHtml);
      bodyWords = words;
    }
  }
  const language = normalizeLanguage(draft.language) ?? feed.language;
  const tags = uniqueNames(draft.categories.map((c) => decodeText(c)));
  const title = titleOf(draft) || firstWords(summaryText || bodyText);
  const item: FeedItemEx = {
    url,
    guid: draft.guid?.trim() || undefined,
    title: title || undefined,
    summary: summaryText || undefined,
    bodyHtml: bodyHtml || undefined,
    bodyText: bodyText || undefined,
    language,
    direction: directionOf(language),
    publishedAt: draft.publishedAt ?? draft.updatedAt,
    updatedAt: draft.updatedAt,
    category: tags[0],
    tags,
    authors: uniqueNames(draft.authors.map(authorName)),
    images: uniqueImages(draft.images, itemBase, bodyHtml ?? draft.summary),
    seeAlso: [],
    related: [],
    isTeaser: draft.alwaysTeaser === true || bodyWords < TEASER_MAX_WORDS,
    enclosures: draft.enclosures.map((e) => ({ ...e, url: resolveOrKeep(e.url, itemBase) ?? e.url })),
    commentsUrl: resolveOrKeep(draft.commentsUrl, itemBase),
    sourceTitle: draft.sourceTitle ? decodeText(draft.sourceTitle) : undefined,
    sourceUrl: draft.sourceUrl,
    siteName: draft.siteName,
  };
  return dropUndefined(item);
}

function titleOf(draft: ItemDraft): string {
  if (!draft.title) return "";
  return draft.titleIsHtml ? htmlToLine(draft.title) : collapse(draft.title);
}

const IMG_SRC = /<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)/i;

/** Declared images first; failing those, the first <img> of the content, as readers show it. */
function uniqueImages(images: ParsedImage[], base: string | undefined, html: string | undefined): ParsedImage[] {
  const seen = new Set<string>();
  const out: ParsedImage[] = [];
  for (const image of images) {
    const url = resolveOrKeep(image.url, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push(dropUndefined({ ...image, url }));
  }
  if (!out.length && html) {
    const match = IMG_SRC.exec(html);
    const url = match ? resolveOrKeep(match[1].replace(/&amp;/g, "&"), base) : undefined;
    if (url && !url.startsWith("data:")) out.push({ url });
  }
  return out;
}

/** Drops repeated GUIDs (or links, for items without one), keeping each first occurrence. */
export function dedupeItems(items: FeedItemEx[]): { items: FeedItemEx[]; dropped: number } {
  const seen = new Set<string>();
  const kept: FeedItemEx[] = [];
  for (const item of items) {
    const key = item.guid ?? item.url;
    if (key !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    kept.push(item);
  }
  return { items: kept, dropped: items.length - kept.length };
}

export interface FeedHead {
  kind: ParsedFeedEx["kind"];
  title?: string;
  link?: string;
  language?: string;
  description?: string;
  version?: string;
  authors?: (string | undefined)[];
  updatedAt?: Date;
  imageUrl?: string;
  ttlMinutes?: number;
  skipHours?: number[];
  skipDays?: number[];
  nextPage?: string;
}

/** Assembles the feed: normalised head fields, built and de-duplicated items, diagnostics. */
export function assembleFeed(head: FeedHead, drafts: ItemDraft[], ctx: FeedContext, diag: Omit<FeedDiagnostics, "duplicatesDropped">): ParsedFeedEx {
  const language = normalizeLanguage(head.language);
  const built = drafts.map((d) => buildItem(d, { ...ctx, language }));
  const { items, dropped } = dedupeItems(built);
  return dropUndefined({
    ...head,
    title: head.title ? collapse(head.title) || undefined : undefined,
    description: head.description ? htmlToLine(head.description) || undefined : undefined,
    language,
    direction: directionOf(language),
    authors: uniqueNames((head.authors ?? []).map(authorName)),
    items,
    diagnostics: { ...diag, duplicatesDropped: dropped },
  });
}

/** Text of a field that is HTML or literal text (Atom type="text" is taken as written, entities and all). */
export function plainOrHtml(text: string | undefined, isHtml: boolean): string | undefined {
  if (!text) return undefined;
  return (isHtml ? htmlToLine(text) : collapse(text)) || undefined;
}

export function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
