import type { LinkRef } from "../types";
import { removeLabelBlocks } from "./boilerplate.cleaner";
import { isCreditOnly } from "./credit";
import { removeOrphanCaptions } from "./figures.extractor";
import { absoluteUrl } from "./dom";
import { foldLabel, hintString, isRelatedHeading, isTrendingHeading, tagLabelLength } from "./labels";
import { BLOCK_TAGS, HEADING_SELECTOR, linkDensity, removeNode, tagOf, textOf } from "./node.utils";
import { isDateOnly } from "./stamps";

const LEADING_BLOCKS = 6;

/** "Written by …", "بقلم …", "Published 4:00 am", "آخر تحديث …". */
const BYLINE_OR_STAMP =
  /^(?:written\s+by|words\s+by|story\s+by|posted\s+by|reported\s+by|von|por|par|door|przez|автор|بقلم|كتب|كتبت|اعداد|إعداد|تحرير|published|posted|updated|last\s+updated|first\s+published|modified|created|updated\s+on|publicado|atualizado|veröffentlicht|aktualisiert|mis\s+à\s+jour|publié|نشر|نشرت|تم\s+النشر|تم\s+نشره?|تاريخ\s+النشر|اخر\s+تحديث|آخر\s+تحديث|تحديث|محدث)(?:\s|:|$)/iu;
/** Author contact lines left at the end of stories: an e-mail, a handle, a bare URL. */
const CONTACT_ONLY = /^(?:\S+@\S+\.\w{2,}|@\w{2,}|(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+\/\S*)$/iu;
/** Gallery and player controls ("Image 1 of 9", "Caption", "Close", "Expand"). */
const WIDGET_LABEL =
  /^(?:(?:image|photo|picture|slide|video)\s*\d*(?:\s*(?:of|\/)\s*)+\d*|\d+(?:\s*(?:of|\/)\s*)+\d+|caption|close|expand|enlarge|text\s+size|font\s+size|listen(?:\s+to\s+(?:this\s+)?article)?|print|comments?|\d+\s+comments?|hide\s+caption|show\s+caption|toggle\s+caption|fullscreen|full\s+screen|previous|next|prev|play|pause|replay|mute|unmute|view\s+gallery|view\s+\d+\s+(?:images|photos)|open\s+gallery|\d+\s+(?:images|photos))$/iu;
const STAMP_HINT = /(?:^|[-_\s])(?:byline|by-?line|dateline|timestamp|date|time|published|updated|pubdate|posted|author|authors|meta|article-?meta|post-?meta|entry-?meta|story-?meta)(?:$|[-_\s])/i;
/** Closing lines about the author or the site rather than the story: contacts, follow-us, newsletters. */
const SIGN_OFF =
  /(?:follow\s+(?:us|him|her|them|me)\s+(?:on|@)|may\s+be\s+reached\s+at|can\s+be\s+reached\s+at|contact\s+(?:him|her|them|us|the\s+author)\s+at|email\s+\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+)?\s+at\s+\S+@|subscribe\s+to\s+(?:our|the)|sign\s+up\s+(?:for|to)\s+(?:our|the)|newsletters?\b.*\b(?:inbox|sign\s+up|subscribe)|join\s+our\s+\w+\s+(?:forums?|community)|have\s+a\s+(?:news\s+)?tip\?|تابعونا\s+على|تابعوا\s+\S+\s+على|اشترك\s+في\s+النشره)/iu;
/** A site's comment policy or disclaimer closing the page ("The views expressed below…", "الآراء الواردة أدناه لا تعبر عن رأي…"). */
const DISCLAIMER =
  /(?:views\s+expressed\s+(?:below|here|in\s+the\s+comments)|(?:do|does)\s+not\s+(?:necessarily\s+)?reflect\s+the\s+(?:views|opinions?)\s+of|community\s+(?:guidelines|standards)|comments\s+are\s+(?:moderated|reviewed)|by\s+(?:commenting|posting\s+a\s+comment)|ال[آا]راء\s+الوارد[ةه]|لا\s+تعبر\s+(?:بالضرور[ةه]\s+)?عن\s+ر[أا]ي|مراجع[ةه]\s+التعليقات|[إا]رشادات\s+الاستخدام|شروط\s+استخدام\s+الموقع)/iu;
/** Link lines that promote the site rather than a story. */
const PROMO_LINK = /(?:click\s+here|app\b|newsletter|subscribe|sign\s+up|download|follow\s+us|podcast|get\s+the|اشترك|حمل\s+التطبيق|تابعونا|تابعنا)/iu;

export interface PostCleanInput {
  /** Titles the page is known by (Readability's, OpenGraph, JSON-LD); a body heading repeating one is dropped. */
  titles: string[];
  base: string;
  pageUrl: string;
}

export interface PostCleanResult {
  /** Paragraphs that were a single link to another story ("TAYLOR SWIFT CLEARED TO PERFORM…"). */
  inlineLinks: LinkRef[];
}

/** Removes what Readability keeps but a reader does not want: labels, bylines, stamps, repeated titles, widget text. */
export function postClean(root: Element, input: PostCleanInput): PostCleanResult {
  removeLabelBlocks(root);
  removeLeadingTitle(root, input.titles);
  removeOrphanCaptions(root);
  removeStampElements(root);
  const inlineLinks: LinkRef[] = [];
  // Empty wrappers (of removed spacers, ads) do not count when judging what trails the story.
  const blocks = textBlocks(root).filter((b) => textOf(b) !== "" || b.querySelector("img, picture, video, iframe"));
  const firstProse = blocks.findIndex((b) => textOf(b).length >= 120 && linkDensity(b) < 0.3);
  const leadingEnd = Math.max(LEADING_BLOCKS, firstProse + 2);
  blocks.forEach((block, i) => {
    if (!root.contains(block)) return;
    const text = textOf(block).replace(/^[|•·,;:\-–—\s]+/u, "");
    const position = i < leadingEnd ? "leading" : i >= blocks.length - 3 ? "trailing" : "middle";
    if (isNoise(block, text, position) || (i >= blocks.length - 3 && isDisclaimer(block, text))) removeNode(block);
    else if (isTagLine(block, text)) removeTagLine(block, text);
    else if (isLinkOnly(block, text)) {
      const link = inlineLink(block, text, input);
      if (link) inlineLinks.push(link);
      removeNode(block);
    }
  });
  removeEmpty(root);
  return { inlineLinks };
}

function isNoise(block: Element, text: string, position: "leading" | "middle" | "trailing"): boolean {
  if (block.closest("figure, table") || text.length === 0) return false;
  if (text.length <= 40 && WIDGET_LABEL.test(text)) return true;
  if (text.length <= 100 && /^(?:\(c\)|copyright\b)/iu.test(text)) return true;
  if (text.length <= 100 && isCreditOnly(text)) return true;
  if (text.length <= 40 && (isRelatedHeading(text) || isTrendingHeading(text)) && isFollowedByLinksOrNothing(block)) return true;
  if (position === "middle" || block.matches(HEADING_SELECTOR)) return false;
  if (text.length <= 200 && CONTACT_ONLY.test(text)) return true;
  if (position === "trailing" && text.length <= 300 && SIGN_OFF.test(text)) return true;
  if (text.length <= 120 && isDateOnly(text)) return true;
  if (position === "leading" && isNavList(block)) return true;
  if (position !== "leading" || text.length > 150) return false;
  return isBylineOrStamp(text) || (text.length <= 100 && STAMP_HINT.test(hintString(block)));
}

/** One of the last blocks, saying how comments are moderated or that views are not the site's. */
function isDisclaimer(block: Element, text: string): boolean {
  return text.length > 0 && text.length <= 500 && !block.closest("figure, table, blockquote") && DISCLAIMER.test(text);
}

/** A "Related Coverage" label whose stories were taken out: nothing after it, or only links. */
function isFollowedByLinksOrNothing(block: Element): boolean {
  let next = block.nextElementSibling;
  while (next && textOf(next) === "") next = next.nextElementSibling;
  return !next || linkDensity(next) >= 0.5;
}

/** Breadcrumbs and section menus at the top: a list of short links and nothing else. */
function isNavList(block: Element): boolean {
  const list = block.closest("ul, ol");
  if (!list) return false;
  const items = Array.from(list.querySelectorAll("li"));
  return items.length >= 3 && linkDensity(list) >= 0.9 && items.every((li) => textOf(li).length <= 40);
}

function isBylineOrStamp(text: string): boolean {
  if (/^(?:by|بقلم|von|por|par)[:\s]*$/iu.test(text)) return true;
  // "By Justine Coleman - 11/18/19": a capitalised name right after "By", and no second sentence.
  if (/^[Bb][Yy]\s+\p{Lu}/u.test(text) && text.length <= 100 && !/\p{Ll}{2}[.!?]\s+\p{Lu}/u.test(text)) return true;
  if (BYLINE_OR_STAMP.test(text) && text.length <= 120 && (/\d/.test(text) || text.length <= 60)) return true;
  // "05/10/2018 - Publicado por: …": a date first, then the byline.
  const afterDate = text.replace(/^[\d./-]+\s*[-–—|,]\s*/u, "");
  return afterDate !== text && BYLINE_OR_STAMP.test(afterDate) && text.length <= 160;
}

/** Inline bylines and time stamps ("<span class=timestamp>Published <time>…</time></span>"). */
function removeStampElements(root: Element): void {
  for (const el of Array.from(root.querySelectorAll("time, [class], [id]"))) {
    const stampy = tagOf(el) === "time" || STAMP_HINT.test(hintString(el));
    if (!stampy || !root.contains(el) || el.closest("figure")) continue;
    const text = textOf(el).replace(/^[|•·,;:\-–—\s]+/u, "");
    if (text.length === 0 || text.length > 120) continue;
    if (isDateOnly(text) || isBylineOrStamp(text) || (tagOf(el) !== "time" && el.querySelector("time") !== null)) removeNode(el);
  }
}

function isTagLine(block: Element, text: string): boolean {
  const label = tagLabelLength(text.slice(0, 40));
  if (label === 0 || text.length > 300) return false;
  return text.length - label < 3 || linkDensity(block) >= 0.4 || text.split(/[,،|•·]/).length >= 3;
}

/** A bare "Tags" label also takes the list of tags that follows it. */
function removeTagLine(block: Element, text: string): void {
  const next = block.nextElementSibling;
  if (text.length - tagLabelLength(text.slice(0, 40)) < 3 && next && textOf(next).length <= 800 && (linkDensity(next) >= 0.5 || textOf(next).split(/[,،]/).length >= 4)) {
    removeNode(next);
  }
  removeNode(block);
}

function isLinkOnly(block: Element, text: string): boolean {
  if (text.length < 12 || !/^(?:p|div|h[2-6])$/.test(tagOf(block))) return false;
  const hrefs = new Set(Array.from(block.querySelectorAll("a[href]")).map((a) => a.getAttribute("href")));
  return hrefs.size === 1 && linkDensity(block) >= 0.9;
}

/** A single-link paragraph to another story of the same site becomes a see-also link. */
function inlineLink(block: Element, text: string, input: PostCleanInput): LinkRef | undefined {
  const url = absoluteUrl(block.querySelector("a[href]")?.getAttribute("href"), input.base);
  if (!url || !/^https?:/i.test(url) || PROMO_LINK.test(text)) return undefined;
  const host = (u: string): string => new URL(u).hostname.replace(/^www\./, "");
  return host(url) === host(input.pageUrl) ? { url, title: text } : undefined;
}

/** Blocks that hold text directly (p, li, headings, text-bearing divs): the lines a reader sees. */
function textBlocks(root: Element): Element[] {
  const blocks: Element[] = [];
  const lengths = textLengths(root);
  for (const el of Array.from(root.querySelectorAll("*"))) {
    if (!BLOCK_TAGS.has(tagOf(el))) continue;
    if (Array.from(el.children).some((c) => BLOCK_TAGS.has(tagOf(c)))) {
      // A gallery counter split over blocks ("Image", "1", "of", "9") is judged as one line.
      if ((lengths.get(el) ?? 0) <= 60 && WIDGET_LABEL.test(textOf(el))) blocks.push(el);
      continue;
    }
    blocks.push(el);
  }
  return blocks;
}

/** Raw text length of every element, computed bottom-up in one pass instead of once per element. */
function textLengths(root: Element): Map<Element, number> {
  const lengths = new Map<Element, number>();
  const visit = (el: Element): number => {
    let n = 0;
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) n += (child.textContent ?? "").trim().length;
      else if (child.nodeType === 1) n += visit(child as Element);
    }
    lengths.set(el, n);
    return n;
  };
  visit(root);
  return lengths;
}

/** The headline repeated at the top of the body; page titles often carry a " | Site" suffix, so a long prefix counts. */
function removeLeadingTitle(root: Element, titles: string[]): void {
  const wanted = titles.map(foldLabel).filter((t) => t.length > 0);
  if (wanted.length === 0) return;
  const headings = Array.from(root.querySelectorAll(`${HEADING_SELECTOR}, p`)).slice(0, 4);
  for (const h of headings) {
    const text = foldLabel(textOf(h));
    if (!text) continue;
    const isTitle = wanted.some((t) => t === text || (text.length >= 15 && text.length >= t.length * 0.5 && t.startsWith(text)));
    if (isTitle) removeNode(h);
  }
}

/** Elements left without text or media after cleaning. */
function removeEmpty(root: Element): void {
  const all = Array.from(root.querySelectorAll("p, div, section, span, li, ul, ol, h2, h3, h4, h5, h6, blockquote, strong, em, b, i, a, figure"));
  for (const el of all.reverse()) {
    if (!root.contains(el) || textOf(el) !== "") continue;
    if (el.querySelector("img, picture, video, audio, iframe, embed, object, svg, canvas, table")) continue;
    removeNode(el);
  }
}
