import { collapseWhitespace } from "./text";

/** Visible text of an element, whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return collapseWhitespace(node?.textContent);
}

/** Share of an element's text that sits inside links (0 when it has no text). */
export function linkDensity(el: Element): number {
  const total = textOf(el).length;
  if (total === 0) return 0;
  let linked = 0;
  for (const a of Array.from(el.querySelectorAll("a"))) linked += textOf(a).length;
  return Math.min(1, linked / total);
}

/**
 * Text that reads like article prose: blocks (p, or a div holding text directly) of some length whose
 * text is not mostly links. Tells an article container from a widget that merely carries a boilerplate class.
 */
export function proseWeight(el: Element): number {
  const runs = new Map<Node, { chars: number; linked: number }>();
  const visit = (node: Node, block: Node, inLink: boolean): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const chars = (child.textContent ?? "").replace(/\s+/g, " ").trim().length;
        if (chars === 0) continue;
        const run = runs.get(block) ?? { chars: 0, linked: 0 };
        run.chars += chars;
        if (inLink) run.linked += chars;
        runs.set(block, run);
      } else if (child.nodeType === 1) {
        const tag = tagOf(child);
        if (tag === "script" || tag === "style" || tag === "noscript") continue;
        visit(child, BLOCK_TAGS.has(tag) ? child : block, inLink || tag === "a");
      }
    }
  };
  visit(el, el, false);
  let weight = 0;
  for (const { chars, linked } of runs.values()) if (chars >= 80 && linked < chars * 0.5) weight += chars;
  return weight;
}

export function removeNode(node: Node | null | undefined): void {
  node?.parentNode?.removeChild(node);
}

/** Replaces an element by its children, keeping their order. */
export function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

/** Tag name in lower case (jsdom upper-cases HTML tag names, linkedom too, XML keeps case). */
export function tagOf(node: Node): string {
  return (node as Element).tagName ? (node as Element).tagName.toLowerCase() : "";
}

export const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
  "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
  "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

export const HEADING_SELECTOR = "h1, h2, h3, h4, h5, h6";

/** The nearest block-level ancestor-or-self, so a label's whole line can be judged. */
export function blockOf(node: Node): Element | null {
  let cur: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (cur && cur.nodeType === 1) {
    if (BLOCK_TAGS.has(tagOf(cur))) return cur as Element;
    cur = cur.parentNode;
  }
  return null;
}

/** Visits every text node under `root` in document order (no TreeWalker: linkedom lacks a full one). */
export function forEachTextNode(root: Node, fn: (node: Text) => void): void {
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) fn(child as Text);
    else if (child.nodeType === 1) forEachTextNode(child, fn);
  }
}
