import type { LinkRef } from "../types";
import { absoluteUrl } from "./dom";
import { imageSource } from "./image.source";
import { hintString, isPlaceholderText, isRelatedHeading, isTrendingHeading } from "./labels";
import { HEADING_SELECTOR, blockOf, forEachTextNode, linkDensity, proseWeight, removeNode, textOf } from "./node.utils";
import { dedupeLinks } from "./see-also.extractor";

/** Class/id fragments of related-story widgets; a weak signal, confirmed by the cards inside. */
const RELATED_HINT =
  /(?:^|[-_\s])(?:related|relatedposts|related-?(?:news|stories|articles|content|posts|links)|recommend(?:ed|ations)?|more-?(?:stories|news|articles|from|on)|more-?on-?this-?story|onward|read-?next|also-?read|you-?may-?like|suggested)(?:$|[-_\s\d])/i;
/** Site-wide lists (most read, trending): removed from the page but not returned as related. */
const TRENDING_HINT = /(?:^|[-_\s])(?:most-?(?:read|popular|viewed|shared)|mostread|mostpopular|popular|trending|top-?stories|outbrain|taboola|sponsored|partner-?content)(?:$|[-_\s\d])/i;
const CATEGORY_HINT = /(?:categ|section|kicker|eyebrow|rubric|topic|label|tag|badge|overline|tax)/i;
const MAX_CARD_PROSE = 600;

/**
 * Finds related-story blocks ("أخبار ذات صلة", "Related stories", related-classed asides),
 * returns their cards and removes the blocks from `doc` so they never reach the body.
 */
export function takeRelated(doc: Document, pageUrl: string, base: string): LinkRef[] {
  const related: LinkRef[] = [];
  for (const block of relatedBlocks(doc, pageUrl, base)) {
    if (block.kind === "related") for (const part of block.cards) related.push(...cardsOf(part, pageUrl, base).map((c) => c.ref));
    block.parts.forEach((p) => removeNode(p));
  }
  return dedupeLinks(related);
}

/** A block of story cards: the elements to remove, and those holding the cards. */
interface RelatedBlock {
  kind: "related" | "trending";
  parts: Element[];
  cards: Element[];
}

export function relatedBlocks(doc: Document, pageUrl: string, base: string): RelatedBlock[] {
  const body = doc.body;
  if (!body) return [];
  const pageProse = proseWeight(body);
  const found: RelatedBlock[] = [];
  const overlaps = (el: Element): boolean => found.some((f) => f.parts.some((p) => p.contains(el) || el.contains(p)));
  const accepts = (el: Element | null): el is Element =>
    el !== null && el !== body && !overlaps(el) && !el.querySelector("h1") && isMostlyCards(el, pageUrl, base, pageProse);
  for (const { heading, kind } of cardHeadings(body)) {
    const container = containerAbove(heading, pageUrl, base);
    if (accepts(container)) {
      found.push({ kind, parts: [container], cards: [container] });
      continue;
    }
    const lists = linkListsAfter(heading, pageUrl, base);
    if (lists.length && !overlaps(heading) && lists.every((l) => accepts(l))) found.push({ kind, parts: [heading, ...lists], cards: lists });
  }
  for (const el of Array.from(body.querySelectorAll("aside, section, div, ul, ol, nav"))) {
    const hint = hintString(el);
    const kind = RELATED_HINT.test(hint) ? "related" : TRENDING_HINT.test(hint) ? "trending" : undefined;
    if (kind && articleLinks(el, pageUrl, base).size >= 1 && accepts(el)) found.push({ kind, parts: [el], cards: [el] });
  }
  return found;
}

/** "DON'T MISS" inside the article text, followed by a few paragraphs or a list that are each a story link. */
function linkListsAfter(heading: Element, pageUrl: string, base: string): Element[] {
  const lists: Element[] = [];
  for (let sib = heading.nextElementSibling; sib && lists.length < 8; sib = sib.nextElementSibling) {
    const text = textOf(sib);
    if (!text) continue;
    if ((linkDensity(sib) < 0.6 && !isListOfLinks(sib)) || articleLinks(sib, pageUrl, base).size === 0) break;
    lists.push(sib);
  }
  const links = lists.reduce((n, l) => n + articleLinks(l, pageUrl, base).size, 0);
  return links >= 2 ? lists : [];
}

/** A list whose every item is a short line holding a link ("YouTubers must unionize, <a>no matter what…</a>"). */
function isListOfLinks(el: Element): boolean {
  if (!el.matches("ul, ol")) return false;
  const items = Array.from(el.children).filter((c) => c.matches("li"));
  return items.length > 0 && items.every((li) => li.querySelector("a[href]") !== null && textOf(li).length <= 200);
}

/** Short lines reading "Related stories" / "أخبار ذات صلة" / "Most read"; found from text nodes so big pages stay linear. */
function cardHeadings(body: Element): Array<{ heading: Element; kind: RelatedBlock["kind"] }> {
  const headings: Array<{ heading: Element; kind: RelatedBlock["kind"] }> = [];
  const kindOf = (text: string): RelatedBlock["kind"] | undefined =>
    isRelatedHeading(text) ? "related" : isTrendingHeading(text) ? "trending" : undefined;
  forEachTextNode(body, (node) => {
    // Most text nodes are prose: skip them before any folding.
    if ((node.data ?? "").length > 200) return;
    const own = textOf(node);
    if (own.length === 0 || own.length > 60 || !kindOf(own)) return;
    const block = blockOf(node) ?? node.parentElement;
    if (!block || block === body) return;
    const text = textOf(block);
    const kind = text.length <= 60 ? kindOf(text) : undefined;
    if (!kind) return;
    const links = Array.from(block.querySelectorAll("a"));
    if (links.length > 1 || (links.length === 1 && textOf(links[0]) !== text)) return;
    if (!headings.some((h) => h.heading.contains(block) || block.contains(h.heading))) headings.push({ heading: block, kind });
  });
  return headings;
}

/** The smallest ancestor of a related heading that holds a story link besides it (one card is enough under a label). */
function containerAbove(heading: Element, pageUrl: string, base: string): Element | null {
  let cur: Element | null = heading.parentElement;
  for (let depth = 0; cur && depth < 5; depth++, cur = cur.parentElement) {
    if (articleLinks(cur, pageUrl, base).size >= 1) return cur;
  }
  return null;
}

/** Links that look like stories: not the page itself, and titled (a few words, or an image). */
function articleLinks(container: Element, pageUrl: string, base: string): Map<string, Element[]> {
  const groups = new Map<string, Element[]>();
  const self = pageUrl.replace(/#.*$/, "");
  for (const a of Array.from(container.querySelectorAll("a[href]"))) {
    const url = absoluteUrl(a.getAttribute("href"), base)?.replace(/#.*$/, "");
    if (!url || !/^https?:/i.test(url) || url === self) continue;
    const words = textOf(a).split(/\s+/).filter(Boolean).length;
    if (words < 3 && !a.querySelector("img, picture") && !groups.has(url)) continue;
    groups.set(url, [...(groups.get(url) ?? []), a]);
  }
  return groups;
}

/**
 * A related block is made of cards: prose outside the cards means the links sit in article text,
 * and a block holding much of the page's prose is the article itself.
 */
function isMostlyCards(el: Element, pageUrl: string, base: string, pageProse: number): boolean {
  const prose = proseWeight(el);
  if (prose > Math.max(MAX_CARD_PROSE, pageProse * 0.4)) return false;
  const inCards = cardsOf(el, pageUrl, base).reduce((n, c) => n + proseWeight(c.el), 0);
  return prose - inCards <= Math.max(120, prose * 0.25);
}

function cardsOf(container: Element, pageUrl: string, base: string): Array<{ el: Element; ref: LinkRef }> {
  const groups = articleLinks(container, pageUrl, base);
  const anchors = Array.from(groups.values()).flat();
  const cards: Array<{ el: Element; ref: LinkRef }> = [];
  for (const [url, links] of groups) {
    const el = cardElement(links[0], container, anchors, links);
    const ref = isCardLike(el, links) ? cardRef(el, url, links, base) : undefined;
    if (ref) cards.push({ el, ref });
  }
  return cards;
}

/** A card is short and is mostly its link, or carries a picture or a headline; a paragraph with a link in it is not. */
function isCardLike(el: Element, links: Element[]): boolean {
  const text = textOf(el).length;
  if (text > 700) return false;
  if (el.querySelector(`img, picture, ${HEADING_SELECTOR}`)) return true;
  const linked = links.reduce((n, a) => n + textOf(a).length, 0);
  return text === 0 || linked / text >= 0.5;
}

/** Climbs from a story link while the ancestor holds no other story's link: that ancestor is the card. */
function cardElement(anchor: Element, container: Element, all: Element[], own: Element[]): Element {
  let card: Element = anchor;
  for (let cur = anchor.parentElement; cur && cur !== container; cur = cur.parentElement) {
    if (all.some((a) => !own.includes(a) && cur.contains(a))) break;
    card = cur;
  }
  return card;
}

function cardRef(card: Element, url: string, links: Element[], base: string): LinkRef | undefined {
  const title = cardTitle(card, links);
  if (!title) return undefined;
  const ref: LinkRef = { url, title };
  const category = cardCategory(card, title);
  const teaser = cardTeaser(card, title, category);
  if (teaser) ref.teaser = teaser;
  if (category) ref.category = category;
  const img = card.querySelector("img");
  const imageUrl = img ? imageSource(img, base) : undefined;
  if (imageUrl) ref.imageUrl = imageUrl;
  const alt = img?.getAttribute("alt")?.trim();
  if (alt) ref.imageAlt = alt;
  return ref;
}

function cardTitle(card: Element, links: Element[]): string | undefined {
  for (const h of Array.from(card.querySelectorAll(HEADING_SELECTOR))) {
    const text = textOf(h);
    if (text && !isPlaceholderText(text)) return text;
  }
  // A list item with one link and a little text around it reads as one title.
  const whole = textOf(card);
  if (card.matches("li, p") && whole.length <= 160 && card.querySelectorAll("a[href]").length === 1) return whole;
  const texts = links.map((a) => textOf(a)).filter((t) => t && !isPlaceholderText(t));
  texts.sort((a, b) => b.length - a.length);
  return texts[0] ?? (links[0].getAttribute("title")?.trim() || undefined);
}

function cardTeaser(card: Element, title: string, category?: string): string | undefined {
  let best: string | undefined;
  for (const el of Array.from(card.querySelectorAll("p, div, span"))) {
    if (el.querySelector("p, div, h1, h2, h3, h4, h5, h6")) continue;
    const text = textOf(el);
    if (text.length < 20 || text === title || text === category || isPlaceholderText(text) || title.includes(text)) continue;
    if (!best || text.length > best.length) best = text;
  }
  return best;
}

function cardCategory(card: Element, title: string): string | undefined {
  for (const el of Array.from(card.querySelectorAll("*"))) {
    if (el.children.length > 0 || !CATEGORY_HINT.test(hintString(el))) continue;
    const text = textOf(el);
    if (text && text.length <= 40 && text !== title && !isPlaceholderText(text)) return text;
  }
  return undefined;
}
