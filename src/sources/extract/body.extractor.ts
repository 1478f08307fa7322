import type { LinkRef, ParsedImage } from "../types";
import { removeBoilerplate } from "./boilerplate.cleaner";
import { postClean } from "./body.postclean";
import { type ReadabilityBody, runReadability } from "./body.readability";
import { coverage, declaredBodyParts, documentWithOnly } from "./body.locator";
import { sanitizeBody } from "./body.sanitizer";
import { bodyText } from "./body.text";
import { cloneDocument, documentBase } from "./dom";
import { removeOrphanCaptions, takeFigures, wrapStrayCaptions } from "./figures.extractor";
import { findLede, removeLedeFromBody } from "./lede";
import { textOf } from "./node.utils";
import { collapseWhitespace } from "./text";
import { takeRelated } from "./related.extractor";
import { dedupeLinks, takeSeeAlso } from "./see-also.extractor";

export interface BodyExtraction {
  /** Sanitized HTML of the body; "" when nothing article-like was found. */
  html: string;
  /** Plain text of the body, paragraphs separated by blank lines. */
  text: string;
  /** The standfirst, when the page shows one under the headline (kept out of the body). */
  lede?: string;
  /** Pictures of the body in reading order, captions and credits split. */
  images: ParsedImage[];
  seeAlso: LinkRef[];
  related: LinkRef[];
}

export interface BodyOptions {
  /** Titles the page is known by (metadata headline); a body heading repeating one is dropped. */
  titles?: string[];
  /** The publisher's own plain-text body (JSON-LD articleBody), used when the markup yields much less. */
  declaredText?: string;
}

/**
 * Pages that render their body with scripts leave Readability a teaser; JSON-LD articleBody then
 * holds the story. It wins only when it is long and our text covers less than half of it.
 */
function preferDeclared(text: string, declared: string | undefined): { text: string; html: string } | undefined {
  if (!declared || declared.length < 500 || coverage(declared, text) >= 0.5) return undefined;
  const paragraphs = declared
    .split(/\n\s*\n|\r?\n/)
    .map((p) => collapseWhitespace(p))
    .filter(Boolean);
  return { text: paragraphs.join("\n\n"), html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n") };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Readability first; when the page declares its body container (itemprop=articleBody, a single
 * "article-body" or <article>) and Readability's pick misses most of it, Readability runs again
 * inside that container.
 */
function locateBody(work: Document, base: string): ReadabilityBody | undefined {
  const parts = declaredBodyParts(work);
  if (parts.length === 0) return runReadability(work);
  const declaredText = parts.map((p) => textOf(p)).join(" ");
  const retry = documentWithOnly(work, parts, base);
  const first = runReadability(work);
  const firstText = first ? textOf(first.root) : "";
  const covered = coverage(declaredText, firstText);
  // Readability kept the declared body and little else, or the declared body is too small to trust alone.
  if (first && covered >= 0.5 && (firstText.length <= declaredText.length * 1.3 || declaredText.length < 200)) return first;
  const second = runReadability(retry);
  if (!second) return first;
  return !first || coverage(declaredText, textOf(second.root)) >= covered ? second : first;
}

/** Finds, cleans and returns the article body of a parsed page; `doc` itself is left untouched. */
export function extractBody(doc: Document, pageUrl: string, options: BodyOptions = {}): BodyExtraction {
  const base = documentBase(doc, pageUrl);
  const { work, seeAlso, related } = workingCopy(doc, pageUrl, base);
  const lede = findLede(doc);
  const found = locateBody(work, base);
  const withLede = lede ? { lede } : {};
  if (!found) {
    const declared = preferDeclared("", options.declaredText);
    return { html: declared?.html ?? "", text: declared?.text ?? "", images: [], seeAlso, related, ...withLede };
  }
  if (lede) removeLedeFromBody(found.root, lede);
  const images = takeFigures(found.root, base);
  const titles = [...(options.titles ?? []), found.title ?? "", textOf(doc.querySelector("h1"))];
  const cleaned = postClean(found.root, { titles, base, pageUrl });
  const text = bodyText(found.root);
  const declared = preferDeclared(text, options.declaredText);
  return {
    text: declared?.text ?? text,
    html: declared?.html ?? sanitizeBody(found.root, base),
    images,
    seeAlso: dedupeLinks([...seeAlso, ...cleaned.inlineLinks]),
    related,
    ...withLede,
  };
}

/** A copy of the page with see-also lines and related blocks taken out (and returned) and chrome removed. */
function workingCopy(doc: Document, pageUrl: string, base: string): { work: Document; seeAlso: LinkRef[]; related: LinkRef[] } {
  const work = cloneDocument(doc);
  const seeAlso = work.body ? takeSeeAlso(work.body, base) : [];
  const related = takeRelated(work, pageUrl, base);
  removeBoilerplate(work);
  if (work.body) {
    wrapStrayCaptions(work.body);
    removeOrphanCaptions(work.body);
  }
  return { work, seeAlso, related };
}
