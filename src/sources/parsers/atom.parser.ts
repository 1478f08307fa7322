import { parseDate } from "./dates";
import { wrongRoot } from "./errors";
import type { ItemDraft, ParsedFeedEx } from "./feed.model";
import { emptyDraft } from "./feed.model";
import { assembleFeed, plainOrHtml } from "./item.builder";
import type { FeedParseOptions } from "./rss.parser";
import { readMedia } from "./rss.item";
import { resolveOrKeep } from "./urls";
import { attr, innerXml, isElement, kid, kids, kidText, textOf } from "./xml.query";
import { parseXml, type XElement } from "./xml.tree";

// Atom 1.0 and 0.3 share element names; a <feed> without a namespace (or in a pre-0.3 one) is read the same way.
type Vocab = readonly string[];

interface TextConstruct {
  value: string;
  isHtml: boolean;
}

/** Parses Atom 1.0 (and 0.3, best effort): text constructs, links, authors, categories, xml:base and xml:lang. */
export function parseAtom(text: string, options: FeedParseOptions = {}): ParsedFeedEx {
  const doc = parseXml(text, { baseUrl: options.baseUrl });
  const root = doc.root;
  if (root.local !== "feed") throw wrongRoot("atom.parser", "<feed>", root.qname);
  const ATOM: Vocab = ["atom", "", root.ns];
  const feedAuthors = personNames(ATOM, root, "author");
  const drafts = kids(root, ATOM, "entry").map((entry) => readEntry(ATOM, entry, feedAuthors, options.baseUrl));
  const subtitle = readText(kid(root, ATOM, "subtitle") ?? kid(root, ATOM, "tagline"));
  const title = readText(kid(root, ATOM, "title"));
  const head = {
    kind: "atom" as const,
    title: title ? plainOrHtml(title.value, title.isHtml) : undefined,
    link: alternateLink(ATOM, root, options.baseUrl),
    description: subtitle?.value,
    language: root.lang,
    version: attr(root, "version") ?? (root.ns === "atom" && root.attrs.xmlns?.includes("purl.org/atom") ? "0.3" : "1.0"),
    authors: feedAuthors,
    updatedAt: parseDate(kidText(root, ATOM, "updated") ?? kidText(root, ATOM, "modified")),
    imageUrl: resolveOrKeep(kidText(root, ATOM, "logo") ?? kidText(root, ATOM, "icon"), root.base ?? options.baseUrl),
  };
  return assembleFeed(head, drafts, { base: root.base ?? options.baseUrl }, { recovered: doc.recovered, problems: doc.problems });
}

function readEntry(ATOM: Vocab, entry: XElement, feedAuthors: string[], docUrl?: string): ItemDraft {
  const draft = emptyDraft();
  const title = readText(kid(entry, ATOM, "title"));
  draft.title = title?.value;
  draft.titleIsHtml = title?.isHtml;
  draft.url = alternateLink(ATOM, entry, docUrl);
  draft.guid = kidText(entry, ATOM, "id");
  const summary = readText(kid(entry, ATOM, "summary"));
  draft.summary = summary?.value;
  draft.summaryIsText = summary ? !summary.isHtml : undefined;
  const contentEl = kid(entry, ATOM, "content");
  const content = contentEl && !attr(contentEl, "src") ? readText(contentEl) : undefined;
  draft.body = content?.value;
  draft.bodyIsText = content ? !content.isHtml : undefined;
  draft.publishedAt = parseDate(kidText(entry, ATOM, "published") ?? kidText(entry, ATOM, "issued") ?? kidText(entry, ATOM, "created"));
  draft.updatedAt = parseDate(kidText(entry, ATOM, "updated") ?? kidText(entry, ATOM, "modified"));
  const own = personNames(ATOM, entry, "author");
  // RFC 4287: an entry without an author inherits the feed's (or its source's) authors.
  const fromSource = personNames(ATOM, kid(entry, ATOM, "source"), "author");
  draft.authors = own.length ? own : fromSource.length ? fromSource : feedAuthors;
  draft.categories = kids(entry, ATOM, "category").map((c) => (attr(c, "label") ?? attr(c, "term") ?? textOf(c)).trim());
  draft.language = (contentEl ?? kid(entry, ATOM, "summary") ?? kid(entry, ATOM, "title") ?? entry).lang;
  draft.base = (contentEl ?? kid(entry, ATOM, "summary") ?? entry).base;
  readMedia(entry, draft.images, draft.enclosures);
  for (const link of kids(entry, ATOM, "link").filter((l) => attr(l, "rel") === "enclosure")) {
    const href = resolveOrKeep(attr(link, "href"), link.base ?? docUrl);
    if (!href) continue;
    const type = attr(link, "type");
    if (type?.startsWith("image/")) draft.images.push({ url: href });
    else draft.enclosures.push({ url: href, type, length: Number(attr(link, "length")) || undefined });
  }
  draft.commentsUrl = attr(kids(entry, ATOM, "link").find((l) => attr(l, "rel") === "replies"), "href");
  const source = kid(entry, ATOM, "source");
  if (source) {
    draft.sourceTitle = readText(kid(source, ATOM, "title"))?.value;
    draft.sourceUrl = alternateLink(ATOM, source, docUrl);
  }
  return draft;
}

/** rel="alternate" (the default rel), preferring an HTML page; hrefs resolve against the link's xml:base. */
function alternateLink(ATOM: Vocab, el: XElement, docUrl?: string): string | undefined {
  const alternates = kids(el, ATOM, "link").filter((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  const best = alternates.find((l) => /html/.test(attr(l, "type") ?? "text/html")) ?? alternates[0];
  if (best) return resolveOrKeep(attr(best, "href") ?? textOf(best), best.base ?? docUrl);
  return undefined;
}

function personNames(ATOM: Vocab, el: XElement | undefined, local: string): string[] {
  const out: string[] = [];
  for (const person of kids(el, ATOM, local)) {
    const name = kidText(person, ATOM, "name") ?? (person.children.some(isElement) ? undefined : textOf(person).trim());
    if (name) out.push(name);
  }
  return out;
}

/** Reads an Atom text construct: type text/html/xhtml (1.0) or MIME type and mode escaped/xml/base64 (0.3). */
function readText(el: XElement | undefined): TextConstruct | undefined {
  if (!el) return undefined;
  const type = (attr(el, "type") ?? "text").toLowerCase();
  const mode = attr(el, "mode")?.toLowerCase();
  if (mode === "base64" || isBinaryType(type)) return { value: Buffer.from(textOf(el), "base64").toString("utf8"), isHtml: type.includes("html") };
  if (type === "xhtml" || type === "application/xhtml+xml" || (mode === "xml" && el.children.some(isElement))) {
    const children = el.children.filter(isElement);
    const wrapper = children.length === 1 && children[0].local === "div" && !el.children.some((c) => typeof c === "string" && c.trim()) ? children[0] : el;
    return { value: innerXml(wrapper).trim(), isHtml: true };
  }
  const value = textOf(el).trim();
  return { value, isHtml: type === "html" || type.includes("html") || mode === "escaped" && type !== "text/plain" };
}

// RFC 4287 §4.1.3.3: content of a MIME type that is neither text nor XML is base64-encoded.
function isBinaryType(type: string): boolean {
  return type.includes("/") && !type.startsWith("text/") && !type.includes("xml") && !type.includes("html");
}
