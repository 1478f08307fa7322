import { Parser } from "htmlparser2";

// Their text is code or chrome, never prose a reader should see.
const SKIPPED = new Set(["script", "style", "noscript", "template", "head", "title", "svg", "math", "select", "button"]);
const BLOCKS = new Set([
  "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd",
  "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "figure", "figcaption", "hr", "address", "main", "nav", "form", "body", "html",
]);

/** Plain text of an HTML fragment: entities decoded, scripts dropped, blocks separated by blank lines. */
export function htmlToText(html: string | undefined): string {
  if (!html) return "";
  if (!/[<&]/.test(html)) return tidyParagraphs(html);
  const parts: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth++;
        else if (name === "br") parts.push("\n");
        else if (BLOCKS.has(name)) parts.push("\n\n");
      },
      ontext(text) {
        if (skipDepth === 0) parts.push(text);
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCKS.has(name)) parts.push("\n\n");
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return tidyParagraphs(parts.join(""));
}

/** Single-line plain text (titles, summaries): HTML removed and all whitespace collapsed. */
export function htmlToLine(html: string | undefined): string {
  return collapse(htmlToText(html));
}

/** Decodes entities in text that is meant to be plain but arrives entity-escaped ("AT&amp;T"). */
export function decodeText(text: string | undefined): string {
  if (!text) return "";
  return collapse(text.includes("&") ? decodeEntities(text) : text);
}

/** Decodes HTML entities only, keeping whitespace as it is. */
export function decodeEntities(text: string): string {
  let out = "";
  const parser = new Parser({ ontext: (t) => (out += t) }, { decodeEntities: true });
  parser.end(text.replace(/</g, "&lt;"));
  return out;
}

export function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

function tidyParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((para) => para.split("\n").map(collapse).filter(Boolean).join("\n"))
    .filter(Boolean)
    .join("\n\n");
}

/** Counts words in any script (Arabic included): runs of letters or digits; stops counting at `limit`. */
export function countWords(text: string, limit = Infinity): number {
  const word = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;
  let count = 0;
  // test() steps through the matches as exec() does, without building a match array per word.
  while (count < limit && word.test(text)) count++;
  return count;
}

/** True when a string carries markup worth parsing as HTML rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*[\s/>]|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(text);
}

/** First `n` words of a text, for titles of untitled items. */
export function firstWords(text: string, n = 12): string {
  const words = collapse(text).split(" ").filter(Boolean);
  return words.length > n ? `${words.slice(0, n).join(" ")}…` : words.join(" ");
}
