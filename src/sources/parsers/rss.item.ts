import type { ParsedImage } from "../types";
import { parseDate } from "./dates";
import type { Enclosure, ItemDraft } from "./feed.model";
import { emptyDraft } from "./feed.model";
import { looksLikeHtml } from "./text";
import { attr, innerXml, kid, kids, kidText, textOf } from "./xml.query";
import type { XElement } from "./xml.tree";

/** RSS 2.0/0.9x elements have no namespace; RSS 0.90 and 1.0 use their own. */
export const RSS_NS = ["", "rss1"] as const;
const DC = ["dc"];
const ATOM = ["atom"];
const MEDIA = ["media"];
const ITUNES = ["itunes"];

/** Reads one <item> of RSS 0.9x/1.0/2.0 with its Dublin Core, content, Media RSS, iTunes and Atom extensions. */
export function readRssItem(item: XElement): ItemDraft {
  const draft = emptyDraft();
  draft.title = kidText(item, RSS_NS, "title") ?? kidText(item, DC, "title") ?? kidText(item, ATOM, "title");
  draft.titleIsHtml = draft.title ? looksLikeHtml(draft.title) : false;
  draft.url = itemLink(item);
  draft.guid = kidText(item, RSS_NS, "guid") ?? attr(item, "rdf:about") ?? kidText(item, DC, "identifier") ?? kidText(item, ATOM, "id");
  draft.summary =
    kidText(item, RSS_NS, "description") ?? kidText(item, DC, "description") ?? kidText(item, ITUNES, "summary") ??
    kidText(item, ATOM, "summary") ?? kidText(item, ITUNES, "subtitle") ?? mediaText(item, "description");
  const body = kid(item, ["content"], "encoded") ?? kid(item, ["xhtml", ""], "body") ?? kid(item, RSS_NS, "fullitem") ?? kid(item, ATOM, "content");
  // An XHTML <body> holds markup as elements; the other content elements hold it escaped or in CDATA.
  draft.body = body ? (body.local === "body" ? innerXml(body) : textOf(body).trim() || undefined) : undefined;
  draft.publishedAt = firstDate(item, [
    [RSS_NS, "pubdate"], [DC, "date"], [["dcterms"], "issued"], [["dcterms"], "created"], [ATOM, "published"], [ATOM, "issued"],
  ]);
  draft.updatedAt = firstDate(item, [[ATOM, "updated"], [["dcterms"], "modified"], [ATOM, "modified"]]);
  if (!draft.updatedAt && kid(item, DC, "date") && draft.publishedAt) draft.updatedAt = parseDate(kidText(item, DC, "date"));
  draft.authors = itemAuthors(item);
  draft.categories = itemCategories(item);
  draft.language = kidText(item, DC, "language") ?? body?.lang ?? item.lang;
  draft.commentsUrl = kidText(item, RSS_NS, "comments");
  const source = kid(item, RSS_NS, "source");
  if (source) {
    draft.sourceTitle = textOf(source).trim() || undefined;
    draft.sourceUrl = attr(source, "url");
  }
  readMedia(item, draft.images, draft.enclosures);
  draft.base = item.base;
  return draft;
}

function itemLink(item: XElement): string | undefined {
  const link = kidText(item, RSS_NS, "link");
  if (link) return link;
  const alternate = kids(item, ATOM, "link").find((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  if (alternate) return attr(alternate, "href");
  const guid = kid(item, RSS_NS, "guid");
  const guidText = textOf(guid).trim();
  if (guid && attr(guid, "isPermaLink") !== "false" && /^https?:\/\//i.test(guidText)) return guidText;
  return attr(item, "rdf:about") ?? attr(item, "about");
}

type DateSource = [readonly string[], string];

function firstDate(el: XElement, sources: DateSource[]): Date | undefined {
  for (const [nss, local] of sources) {
    const date = parseDate(kidText(el, nss, local));
    if (date) return date;
  }
  return undefined;
}

function itemAuthors(item: XElement): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const a of kids(item, RSS_NS, "author")) out.push(textOf(a).trim() || textOf(kid(a, RSS_NS, "name")));
  for (const a of kids(item, DC, "creator")) out.push(textOf(a));
  for (const a of kids(item, DC, "author")) out.push(textOf(a));
  for (const a of kids(item, ATOM, "author")) out.push(kidText(a, ATOM, "name") ?? kidText(a, ATOM, "email"));
  for (const a of kids(item, ITUNES, "author")) out.push(textOf(a));
  return out;
}

function itemCategories(item: XElement): string[] {
  const out: string[] = [];
  for (const c of kids(item, RSS_NS, "category")) out.push(textOf(c));
  for (const c of kids(item, DC, "subject")) out.push(textOf(c));
  for (const c of kids(item, ITUNES, "keywords")) out.push(...textOf(c).split(","));
  for (const c of kids(item, ATOM, "category")) out.push(attr(c, "label") ?? attr(c, "term") ?? "");
  for (const c of kids(item, MEDIA, "category")) out.push(attr(c, "label") ?? textOf(c));
  for (const c of kids(item, ITUNES, "category")) out.push(attr(c, "text") ?? "", ...kids(c, ITUNES, "category").map((s) => attr(s, "text") ?? ""));
  return out.map((c) => c.trim()).filter(Boolean);
}

function mediaText(el: XElement, local: string): string | undefined {
  return kidText(el, MEDIA, local) ?? kidText(kid(el, MEDIA, "group"), MEDIA, local);
}

const IMAGE_EXT = /\.(jpe?g|png|gif|webp|avif|bmp|svg)(\?|#|$)/i;

/** Images from Media RSS, image enclosures and iTunes; other enclosures are kept as attachments. */
export function readMedia(el: XElement, images: ParsedImage[], enclosures: Enclosure[]): void {
  const groups = [el, ...kids(el, MEDIA, "group")];
  for (const scope of groups) {
    for (const content of kids(scope, MEDIA, "content")) readMediaContent(content, scope, images, enclosures);
    for (const thumb of kids(scope, MEDIA, "thumbnail")) pushMediaImage(thumb, [scope], images, true);
  }
  for (const enc of kids(el, RSS_NS, "enclosure")) {
    const url = attr(enc, "url")?.trim();
    if (!url) continue;
    const type = attr(enc, "type")?.trim();
    const length = Number(attr(enc, "length"));
    if (type ? type.startsWith("image/") : IMAGE_EXT.test(url)) images.push({ url });
    else enclosures.push({ url, type: type || undefined, length: Number.isFinite(length) && length > 0 ? length : undefined });
  }
  const itunesImage = attr(kid(el, ITUNES, "image"), "href");
  if (itunesImage) images.push({ url: itunesImage });
}

function readMediaContent(content: XElement, scope: XElement, images: ParsedImage[], enclosures: Enclosure[]): void {
  const url = attr(content, "url")?.trim();
  const medium = attr(content, "medium");
  const type = attr(content, "type");
  const isImage = medium ? medium === "image" : type ? type.startsWith("image/") : !!url && IMAGE_EXT.test(url);
  if (url && isImage) pushMediaImage(content, [scope], images, false);
  else if (url) enclosures.push({ url, type: type || undefined, length: Number(attr(content, "fileSize")) || undefined });
  for (const thumb of kids(content, MEDIA, "thumbnail")) pushMediaImage(thumb, [content, scope], images, true);
}

/** Media RSS lets credit and description sit on the element or on any enclosing content/group. */
function pushMediaImage(el: XElement, scopes: XElement[], images: ParsedImage[], thumbnail: boolean): void {
  const url = attr(el, "url")?.trim();
  if (!url) return;
  const inherited = (local: string) => scopes.map((s) => kidText(s, MEDIA, local)).find(Boolean);
  const credit = kidText(el, MEDIA, "credit") ?? inherited("credit");
  const caption = kidText(el, MEDIA, "description") ?? kidText(el, MEDIA, "title") ??
    (thumbnail ? undefined : inherited("description") ?? inherited("title"));
  const width = Number(attr(el, "width"));
  const height = Number(attr(el, "height"));
  images.push({
    url,
    caption: caption ? stripTags(caption) : undefined,
    credit: credit ? cleanCredit(credit) : undefined,
    width: width > 0 ? width : undefined,
    height: height > 0 ? height : undefined,
  });
}

// "Photograph: Jane Doe/AFP" and "تصوير: ..." carry a label, not part of the credit itself.
function cleanCredit(text: string): string {
  return stripTags(text).replace(/^(photograph|photo|photos|picture|image|foto|credit|صورة|الصورة|تصوير|المصدر)\s*[:：]\s*/i, "");
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
}
