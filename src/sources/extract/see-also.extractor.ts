import type { LinkRef } from "../types";
import { absoluteUrl } from "./dom";
import { isRelatedHeading, seeAlsoLabelLength, startsWithSeeAlsoWords } from "./labels";
import { blockOf, removeNode, tagOf, textOf } from "./node.utils";

const LIST_SELECTOR = "ul, ol";

/**
 * Takes "شاهد ايضاً: <a>…</a>" / "Read more: <a>…</a>" lines out of `root` and returns their links.
 * A line qualifies only when, after its label, it is mostly link text: a paragraph that merely
 * starts with "Read more" stays in the body.
 */
export function takeSeeAlso(root: Element, base: string): LinkRef[] {
  const found: Array<{ el: Element; links: LinkRef[]; extra?: Element }> = [];
  for (const { line, label } of labelledLines(root)) {
    if (found.some((f) => f.el.contains(line) || f.extra?.contains(line))) continue;
    const hit = seeAlsoLine(line, label, base);
    if (hit) found.push({ el: line, ...hit });
  }
  for (const f of found) {
    removeNode(f.extra);
    removeNode(f.el);
  }
  return dedupeLinks(found.flatMap((f) => f.links));
}

/**
 * Blocks whose first words are a see-also label ("Read more:") or a related-stories label standing
 * alone ("<strong>DON'T MISS</strong><br><a>…</a>"); found from text nodes so big pages stay linear.
 */
function labelledLines(root: Element): Array<{ line: Element; label: number }> {
  const lines: Array<{ line: Element; label: number }> = [];
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) {
        visit(child);
        continue;
      }
      if (child.nodeType !== 3) continue;
      // Only the opening words matter; folding whole paragraphs would cost time on long pages.
      const raw = (child.textContent ?? "").trimStart();
      const standalone = raw.length <= 40 && isRelatedHeading(raw.trim());
      if (!standalone && !startsWithSeeAlsoWords(raw.slice(0, 40))) continue;
      const line = blockOf(child);
      if (!line || line === root || !root.contains(line)) continue;
      const text = textOf(line);
      const label = seeAlsoLabelLength(text) || (standalone && text.startsWith(textOf(child)) ? textOf(child).length : 0);
      if (label > 0) lines.push({ line, label });
    }
  };
  visit(root);
  return lines;
}

function seeAlsoLine(el: Element, labelLength: number, base: string): { links: LinkRef[]; extra?: Element } | undefined {
  const text = textOf(el);
  if (text.length > 600) return undefined;
  const anchors = Array.from(el.querySelectorAll("a[href]"));
  if (anchors.length === 0) {
    // "Read more:" alone, with the links in the list right after it.
    const next = el.nextElementSibling;
    const rest = text.slice(labelLength).trim();
    if (rest === "" && next && next.matches(LIST_SELECTOR) && !next.querySelector("img")) {
      const links = linksOf(Array.from(next.querySelectorAll("a[href]")), base);
      return links.length && isMostlyLinks(next, textOf(next)) ? { links, extra: next } : undefined;
    }
    return undefined;
  }
  const rest = text.slice(labelLength);
  if (!isMostlyLinks(el, rest)) return undefined;
  const links = linksOf(anchors, base);
  return links.length ? { links } : undefined;
}

function isMostlyLinks(el: Element, rest: string): boolean {
  const linked = Array.from(el.querySelectorAll("a[href]")).reduce((n, a) => n + textOf(a).length, 0);
  const restLength = rest.replace(/[\s:|•·,،\-–—"“”«»]/g, "").length;
  return restLength > 0 && linked >= restLength * 0.6;
}

function linksOf(anchors: Element[], base: string): LinkRef[] {
  const links: LinkRef[] = [];
  for (const a of anchors) {
    const url = absoluteUrl(a.getAttribute("href"), base);
    const title = textOf(a) || a.getAttribute("title")?.trim() || "";
    if (!url || !title || !/^https?:/i.test(url) || tagOf(a) !== "a") continue;
    links.push({ url, title: stripQuotes(title) });
  }
  return links;
}

function stripQuotes(title: string): string {
  return title.replace(/^[«"“]\s*(.*?)\s*[»"”]$/u, "$1");
}

export function dedupeLinks(links: LinkRef[]): LinkRef[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = l.url.replace(/#.*$/, "");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
