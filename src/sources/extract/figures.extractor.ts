import type { ParsedImage } from "../types";
import { isCreditOnly, mergeCredit, splitCredit } from "./credit";
import { hintString } from "./labels";
import { imageSource } from "./image.source";
import { removeNode, tagOf, textOf } from "./node.utils";
import { collapseWhitespace } from "./text";

/** Elements inside a caption that carry the credit by markup rather than by wording. */
const CREDIT_SELECTOR =
  "small, cite, [class*=credit], [class*=Credit], [class*=copyright], [class*=Copyright], [class*=photographer], [class*=byline], [class*=source], [itemprop=copyrightHolder], [itemprop=creditText], [itemprop=author]";
/** Class/id fragments of a caption sitting next to an image outside <figure>. */
const CAPTION_HINT = /(?:caption|credit|legend|cutline|photo-?desc|image-?desc|img-?desc|media-?desc|wp-caption-text|figcaption|copyright)/i;
/** Classes of images that are page furniture, not pictures of the story. */
const FURNITURE_HINT = /(?:avatar|logo|icon|sprite|emoji|badge|gravatar|headshot|author|profile-?pic|spinner|loader|pixel|tracking|spacer|thumb-?author)/i;
/** File paths of furniture, as whole path words so "google-pixel-4.jpg" or "iconic-view.jpg" stay pictures. */
const FURNITURE_PATH = /(?:^|[/_.-])(?:avatars?|logos?|icons?|sprites?|emojis?|gravatar|spinner|loader|spacer|1x1|favicon)(?:[/_.-]|$)/i;

/** A picture found in the body, with the caption elements that belong to it. */
interface FoundFigure {
  img: Element;
  image: ParsedImage;
  captionEls: Element[];
}

/**
 * Every picture of the body in reading order, each with alt, caption and credit split apart.
 * Stray captions (a `<p class="caption">` under an image) are folded into a `<figure>` so that the body
 * HTML keeps them with their picture and the body text leaves them out.
 */
export function takeFigures(root: Element, base: string): ParsedImage[] {
  const found: FoundFigure[] = [];
  for (const img of Array.from(root.querySelectorAll("img"))) {
    // Spacers, tracking pixels and ad markers leave the body too, not only the list of pictures.
    const url = imageSource(img, base);
    if (isSpacer(img, url)) {
      removeNode(img);
      continue;
    }
    const figure = figureOf(img, base, url);
    if (figure) found.push(figure);
  }
  for (const f of found) {
    const captionEl = f.captionEls[0];
    if (captionEl && tagOf(captionEl) !== "figcaption" && root.contains(captionEl) && !f.img.closest("figure")) wrapInFigure(f.img, captionEl);
  }
  return dedupeImages(found.map((f) => f.image));
}

/**
 * The lead picture as the page shows it, with its caption, even when it sits outside the part of the
 * page Readability keeps. `leadUrl` (og:image, JSON-LD image) picks it; otherwise the first captioned
 * picture of the article. Read-only.
 */
export function findLeadFigure(doc: Document, base: string, leadUrl?: string): ParsedImage | undefined {
  const h1 = doc.querySelector("article h1, main h1, h1");
  const scope = h1?.closest("article, main, [itemprop=articleBody]") ?? doc.querySelector("article, main") ?? doc.body;
  if (!scope) return undefined;
  const inChrome = (img: Element): boolean => img.closest("nav, aside, footer, [role=navigation], [role=complementary]") !== null;
  if (leadUrl) {
    const wanted = imageKey(leadUrl);
    const all = [...Array.from(scope.querySelectorAll("img")), ...Array.from(doc.querySelectorAll("img"))];
    const match = all.find((img) => !inChrome(img) && imageKey(imageSource(img, base) ?? "") === wanted);
    return match ? figureOf(match, base)?.image : undefined;
  }
  for (const img of Array.from(scope.querySelectorAll("img"))) {
    if (inChrome(img)) continue;
    const found = figureOf(img, base);
    if (found && found.captionEls.length > 0) return found.image;
  }
  return undefined;
}

function figureOf(img: Element, base: string, url = imageSource(img, base)): FoundFigure | undefined {
  if (!url || isFurniture(img, url)) return undefined;
  const image: ParsedImage = { url };
  const alt = collapseWhitespace(img.getAttribute("alt"));
  if (alt) image.alt = alt;
  const width = Number(img.getAttribute("width"));
  const height = Number(img.getAttribute("height"));
  if (width > 0 && Number.isFinite(width)) image.width = Math.round(width);
  if (height > 0 && Number.isFinite(height)) image.height = Math.round(height);
  const captionEls = captionElementsOf(img);
  Object.assign(image, captionParts(captionEls));
  return { img, image, captionEls };
}

const SPACER_PATH = /(?:^|[/_.-])(?:spacer|blank|pixel|1x1|clear|transparent|advertisement|advert)(?:[/_.-]|$)/i;

/** An image no reader sees as a picture: at most 10 pixels on a side, or named a spacer, pixel or ad marker. */
function isSpacer(img: Element, url: string | undefined): boolean {
  const w = Number(img.getAttribute("width"));
  const h = Number(img.getAttribute("height"));
  if ((w > 0 && w <= 10) || (h > 0 && h <= 10)) return true;
  const src = url ?? img.getAttribute("src");
  if (!src) return false;
  try {
    return SPACER_PATH.test(new URL(src, "http://x/").pathname);
  } catch {
    return false;
  }
}

function isFurniture(img: Element, url: string): boolean {
  const w = Number(img.getAttribute("width"));
  const h = Number(img.getAttribute("height"));
  if ((w > 0 && w < 80) || (h > 0 && h < 60)) return true;
  if (/\.svg(?:$|\?)/i.test(url)) return true;
  const alt = img.getAttribute("alt") ?? "";
  return FURNITURE_HINT.test(hintString(img)) || FURNITURE_PATH.test(new URL(url).pathname) || /^(?:\S+\s+)?logo$/i.test(alt.trim());
}

/** The figcaption of the image's figure, or caption-classed blocks right around a bare image. */
function captionElementsOf(img: Element): Element[] {
  const figure = img.closest("figure");
  if (figure) {
    const captions = Array.from(figure.querySelectorAll("figcaption"));
    if (captions.length) return captions;
    return Array.from(figure.children).filter((c) => CAPTION_HINT.test(hintString(c)) && !c.querySelector("img"));
  }
  // Walk up a few wrappers (<a>, <picture>, <p>, <div class="photo">) looking at following siblings.
  let cur: Element = img;
  for (let depth = 0; depth < 4 && cur.parentElement; depth++) {
    const sibling = captionSibling(cur);
    if (sibling) return [sibling];
    const parent = cur.parentElement;
    if (parent.querySelectorAll("img").length > 1 || textOf(parent).length > 400) break;
    cur = parent;
  }
  return [];
}

function captionSibling(el: Element): Element | undefined {
  for (let sib = el.nextElementSibling; sib; sib = sib.nextElementSibling) {
    if (sib.querySelector("img") || tagOf(sib) === "img") return undefined;
    const text = textOf(sib);
    if (!text) continue;
    if (CAPTION_HINT.test(hintString(sib)) || sib.querySelector("[class*=caption], [class*=credit]") || isCreditOnly(text)) {
      return text.length <= 600 ? sib : undefined;
    }
    return undefined;
  }
  return undefined;
}

function captionParts(captionEls: Element[]): Pick<ParsedImage, "caption" | "credit"> {
  if (captionEls.length === 0) return {};
  const credits: string[] = [];
  const captionTexts: string[] = [];
  for (const el of captionEls) {
    if (isCreditElement(el)) {
      credits.push(textOf(el));
      continue;
    }
    const copy = el.cloneNode(true) as Element;
    for (const c of Array.from(copy.querySelectorAll(CREDIT_SELECTOR))) {
      const text = textOf(c);
      // A whole caption wrapped in <small> is still a caption; credits are short.
      if (!text || text.length > 100) continue;
      credits.push(text);
      removeNode(c);
    }
    captionTexts.push(textOf(copy));
  }
  const split = splitCredit(captionTexts.filter(Boolean).join(" "));
  const merged = mergeCredit(split, credits.map(stripCreditWords).filter(Boolean).join("; "));
  return { ...(merged.caption ? { caption: merged.caption } : {}), ...(merged.credit ? { credit: merged.credit } : {}) };
}

/** A caption-side block that is only a credit: `<p class="photo-credit">Photo: X</p>` with nothing nested. */
function isCreditElement(el: Element): boolean {
  return /credit|copyright/i.test(hintString(el)) && el.children.length === 0 && textOf(el).length <= 100;
}

/** "Credit: EPA", "(Image: GETTY)", "Photo: X" → the name alone. */
function stripCreditWords(text: string): string {
  const inner = text.replace(/^[([]\s*(.*?)\s*[)\]]$/u, "$1");
  const parts = splitCredit(inner);
  return parts.credit && !parts.caption ? parts.credit : collapseWhitespace(inner);
}

/**
 * Puts each bare picture and its stray caption inside one <figure>/<figcaption>. Run before Readability,
 * which otherwise flattens `<div class="caption"><p>…</p></div>` into an anonymous paragraph of body text.
 */
export function wrapStrayCaptions(root: Element): void {
  for (const img of Array.from(root.querySelectorAll("img"))) {
    if (img.closest("figure") || !root.contains(img)) continue;
    const captionEl = captionElementsOf(img)[0];
    if (captionEl) wrapInFigure(img, captionEl);
  }
}

function wrapInFigure(img: Element, captionEl: Element): void {
  const doc = img.ownerDocument;
  const parent = captionEl.parentElement;
  if (!parent) return;
  const figure = doc.createElement("figure");
  const caption = doc.createElement("figcaption");
  caption.setAttribute("class", captionEl.getAttribute("class") ?? "");
  while (captionEl.firstChild) caption.appendChild(captionEl.firstChild);
  parent.insertBefore(figure, captionEl);
  figure.appendChild(img.closest("picture") ?? img);
  figure.appendChild(caption);
  removeNode(captionEl);
}

/** Class/id fragments of captions and credits; such a block left without its picture is caption text, not body. */
const ORPHAN_CAPTION_HINT = /(?:caption|credit|cutline|photo-?desc|image-?desc|img-?desc|media-?desc|copyright)/i;

/**
 * Caption or credit blocks whose picture is gone (lazy-loaded by script, or a gallery's second copy of
 * the caption). Run before Readability too, which turns `<div class="caption"><p>` into a bare paragraph.
 */
export function removeOrphanCaptions(root: Element): void {
  for (const el of Array.from(root.querySelectorAll("[class], [id]"))) {
    if (!root.contains(el) || el.closest("figure") || !ORPHAN_CAPTION_HINT.test(hintString(el))) continue;
    if (el.querySelector("img, picture, video, iframe, figure") || textOf(el).length > 600) continue;
    if (el.querySelectorAll("p").length > 2) continue;
    removeNode(el);
  }
}

/** One entry per picture: the same file in other sizes or twice on the page counts once. */
export function dedupeImages(images: ParsedImage[]): ParsedImage[] {
  const byKey = new Map<string, ParsedImage>();
  for (const image of images) {
    const key = imageKey(image.url);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...image });
    else for (const field of ["alt", "caption", "credit", "width", "height"] as const) {
      if (seen[field] === undefined && image[field] !== undefined) (seen as unknown as Record<string, unknown>)[field] = image[field];
    }
  }
  return Array.from(byKey.values());
}

// Path segments that only select a rendition: "590x", "285x190", "w_800,h_600,c_fill", "thumbnails".
const SIZE_SEGMENT = /^(?:\d{2,5}x\d{0,5}|\d{2,5}w|[a-z]{1,2}_[\w.]+(?:,[a-z]{1,2}_[\w.]+)*|resize[d]?|thumbs?|thumbnails?|small|medium|large|original|master|standard|mobile|desktop)$/i;

/** The picture's path without rendition markers: /img/590x/photo-1024x768.jpg?w=300 and /img/285x190/photo.jpg match. */
export function imageKey(url: string): string {
  let pathname = url;
  try {
    pathname = new URL(url).pathname;
  } catch {
    // Keep the raw string: two identical unparsable values still dedupe.
  }
  const segments = decodeURIComponentSafe(pathname).split("/").filter(Boolean);
  const file = (segments.pop() ?? "")
    .replace(/\.[a-z0-9]{2,5}$/i, "")
    .replace(/[-_@](?:\d{2,5}x\d{0,5}|\d{2,5}w|\d(?:\.\d)?x|small|medium|large|thumb|thumbnail|scaled)$/i, "");
  return [...segments.filter((s) => !SIZE_SEGMENT.test(s)), file].join("/").toLowerCase();
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
