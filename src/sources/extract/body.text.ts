import { BLOCK_TAGS, tagOf } from "./node.utils";

/** Never part of the readable text: media, their captions (they travel in `images`) and widgets. */
const SKIPPED = new Set([
  "script", "style", "noscript", "template", "figure", "figcaption", "img", "picture", "video", "audio", "iframe",
  "svg", "button", "object", "embed", "canvas", "map", "head", "select", "textarea",
]);

/**
 * Plain text of an article body: one paragraph per block (headings and list items included),
 * paragraphs separated by a blank line, <br> kept as a line break, whitespace collapsed.
 */
export function bodyText(root: Element): string {
  const paragraphs: string[] = [];
  let line = "";
  const flush = (): void => {
    const text = line
      .split("\n")
      .map((l) => l.replace(/[\u200b\u200e\u200f\u2060]/g, "").replace(/[^\S\n]+/g, " ").trim())
      .filter(Boolean)
      .join("\n");
    if (text) paragraphs.push(text);
    line = "";
  };
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        line += (child.textContent ?? "").replace(/\s+/g, " ");
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = tagOf(child);
      if (SKIPPED.has(tag)) continue;
      if (tag === "br") line += "\n";
      else if (tag === "td" || tag === "th") {
        line += " ";
        visit(child);
        line += " ";
      } else if (BLOCK_TAGS.has(tag)) {
        flush();
        visit(child);
        flush();
      } else visit(child);
    }
  };
  visit(root);
  flush();
  return paragraphs.join("\n\n");
}
