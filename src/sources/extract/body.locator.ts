import { CONTENT_HINT, hintString } from "./labels";
import { proseWeight } from "./node.utils";

/**
 * The elements the page itself declares as the article body, in page order: every itemprop=articleBody,
 * else the class-marked body blocks sharing one class ("story-text" split around an advert), else the
 * single <article> with prose. Empty when the page declares nothing usable.
 */
export function declaredBodyParts(doc: Document): Element[] {
  const marked = outermost(Array.from(doc.querySelectorAll("[itemprop]")).filter((el) => /(?:^|\s)articlebody(?:\s|$)/i.test(el.getAttribute("itemprop") ?? "")));
  if (marked.length > 0) return marked;
  const hinted = outermost(Array.from(doc.querySelectorAll("[class], [id]")).filter((el) => CONTENT_HINT.test(hintString(el))));
  const groups = new Map<string, Element[]>();
  for (const el of hinted) groups.set(hintString(el), [...(groups.get(hintString(el)) ?? []), el]);
  let best: { parts: Element[]; prose: number } | undefined;
  for (const parts of groups.values()) {
    const prose = parts.reduce((n, p) => n + proseWeight(p), 0);
    if (prose >= 300 && (!best || prose > best.prose)) best = { parts, prose };
  }
  if (best) return best.parts;
  const articles = outermost(Array.from(doc.querySelectorAll("article")).filter((el) => proseWeight(el) >= 500));
  return articles.length === 1 ? articles : [];
}

function outermost(els: Element[]): Element[] {
  return els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
}

/** A fresh document holding only copies of the declared parts, for a second Readability pass; the page is not cloned. */
export function documentWithOnly(doc: Document, parts: Element[], base: string): Document {
  const fresh = blankDocument(doc);
  // Readability resolves links against the document base: give the copy the page's.
  const baseEl = fresh.createElement("base");
  baseEl.setAttribute("href", base);
  fresh.head.appendChild(baseEl);
  const lang = doc.documentElement.getAttribute("lang");
  if (lang) fresh.documentElement.setAttribute("lang", lang);
  for (const part of parts) fresh.body.appendChild(fresh.importNode(part, true));
  return fresh;
}

/** Share of the container's text that the extracted text also holds, by 4-word shingles. */
export function coverage(containerText: string, extracted: string): number {
  const want = shingleSet(containerText);
  if (want.size === 0) return 1;
  const have = shingleSet(extracted);
  let hit = 0;
  for (const s of want) if (have.has(s)) hit++;
  return hit / want.size;
}

function shingleSet(text: string): Set<string> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const set = new Set<string>();
  for (let i = 0; i + 4 <= tokens.length; i++) set.add(tokens.slice(i, i + 4).join(" "));
  return set;
}

/** An empty HTML document of the same DOM implementation (linkedom has no DOMImplementation; it clones instead). */
function blankDocument(doc: Document): Document {
  if (doc.implementation && typeof doc.implementation.createHTMLDocument === "function") return doc.implementation.createHTMLDocument(doc.title);
  const copy = doc.cloneNode(false) as Document;
  const html = copy.createElement("html");
  html.appendChild(copy.createElement("head"));
  html.appendChild(copy.createElement("body"));
  copy.appendChild(html);
  return copy;
}
