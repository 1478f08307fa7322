import type { ParsedImage } from "../types";
import { parseDate } from "./dates";
import { FeedParseError, preview } from "./errors";
import type { ItemDraft, ParsedFeedEx } from "./feed.model";
import { emptyDraft } from "./feed.model";
import { assembleFeed } from "./item.builder";
import type { FeedParseOptions } from "./rss.parser";

type Json = Record<string, unknown>;

/** Parses JSON Feed 1.0 and 1.1 (authors vs author, content_html/content_text, attachments, language). */
export function parseJsonFeed(text: string, options: FeedParseOptions = {}): ParsedFeedEx {
  const doc = readJson(text);
  const version = str(doc.version);
  if (!version?.includes("jsonfeed.org/version/") && !Array.isArray(doc.items)) {
    throw new FeedParseError("WRONG_ROOT", `jsonfeed.parser: expected an object with "version" (jsonfeed.org) and "items", got keys ${Object.keys(doc).slice(0, 6).join(", ") || "none"}`);
  }
  const base = str(doc.home_page_url) ?? options.baseUrl;
  const feedLanguage = str(doc.language);
  const feedAuthors = people(doc);
  const items = Array.isArray(doc.items) ? doc.items.filter(isObject) : [];
  const drafts = items.map((item) => readItem(item, feedAuthors));
  const head = {
    kind: "jsonfeed" as const,
    title: str(doc.title),
    link: str(doc.home_page_url),
    description: str(doc.description),
    language: feedLanguage,
    version,
    authors: feedAuthors,
    imageUrl: str(doc.icon) ?? str(doc.favicon),
    nextPage: str(doc.next_url),
  };
  const feed = assembleFeed(head, drafts, { base }, { recovered: false, problems: [] });
  // JSON Feed has no feed-level date; the newest item stands for it.
  const newest = Math.max(...feed.items.map((i) => (i.updatedAt ?? i.publishedAt)?.getTime() ?? -Infinity));
  if (Number.isFinite(newest)) feed.updatedAt = new Date(newest);
  return feed;
}

function readJson(text: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new FeedParseError("MALFORMED_JSON", `jsonfeed.parser: expected JSON, got "${preview(text, 40)}" (${(err as Error).message})`);
  }
  if (!isObject(parsed)) throw new FeedParseError("WRONG_ROOT", `jsonfeed.parser: expected a JSON object, got ${Array.isArray(parsed) ? "an array" : typeof parsed}`);
  return parsed;
}

function readItem(item: Json, feedAuthors: string[]): ItemDraft {
  const draft = emptyDraft();
  draft.guid = item.id === undefined || item.id === null ? undefined : String(item.id);
  draft.url = str(item.url) ?? str(item.external_url);
  draft.title = str(item.title);
  draft.titleIsHtml = false;
  draft.summary = str(item.summary);
  draft.summaryIsText = true;
  const html = str(item.content_html);
  draft.body = html ?? str(item.content_text);
  draft.bodyIsText = html === undefined && draft.body !== undefined;
  draft.publishedAt = parseDate(str(item.date_published));
  draft.updatedAt = parseDate(str(item.date_modified));
  const own = people(item);
  draft.authors = own.length ? own : feedAuthors;
  draft.categories = Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === "string") : [];
  draft.language = str(item.language);
  const image = str(item.image);
  if (image) draft.images.push({ url: image });
  const banner = str(item.banner_image);
  if (banner) draft.images.push({ url: banner });
  for (const att of Array.isArray(item.attachments) ? item.attachments.filter(isObject) : []) readAttachment(att, draft);
  return draft;
}

function readAttachment(att: Json, draft: ItemDraft): void {
  const url = str(att.url);
  if (!url) return;
  const type = str(att.mime_type);
  if (type?.startsWith("image/")) {
    const image: ParsedImage = { url, caption: str(att.title) };
    draft.images.push(image);
  } else {
    const size = Number(att.size_in_bytes);
    draft.enclosures.push({ url, type, length: Number.isFinite(size) && size > 0 ? size : undefined });
  }
}

/** JSON Feed 1.1 `authors` array, else the deprecated 1.0 `author` object. */
function people(obj: Json): string[] {
  const list = Array.isArray(obj.authors) ? obj.authors : isObject(obj.author) ? [obj.author] : [];
  return list.filter(isObject).map((a) => str(a.name)).filter((n): n is string => !!n);
}

function str(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  return undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
