import type { ParsedArticle, ParsedImage } from "../types";
import { extractBody } from "./body.extractor";
import { type DomEngine, documentBase, parseDocument } from "./dom";
import { dedupeImages, findLeadFigure, imageKey } from "./figures.extractor";
import { type JsonLdImage, jsonLdArticleBody, jsonLdImages, jsonLdNodes } from "./jsonld";
import { extractMetadata, type PageMetadata } from "./metadata";
import { collapseWhitespace } from "./text";

export interface ExtractOptions {
  /** DOM implementation; metadata and body are read from the same parsed document. */
  engine?: DomEngine;
  /** Reads title, dates, authors… from the page; defaults to metadata.ts's extractMetadata. */
  metadata?: (doc: Document, pageUrl: string) => PageMetadata;
}

/**
 * One article page in, one ParsedArticle out: metadata from JSON-LD/OpenGraph/meta tags, the body
 * found by Readability and cleaned (sanitized HTML and plain text), every picture with caption and
 * credit, "see also" lines and related-story cards kept apart from the body. Pure: no I/O.
 */
export function extractArticle(html: string, pageUrl: string, options: ExtractOptions = {}): ParsedArticle {
  const doc = parseDocument(html, pageUrl, options.engine);
  const meta = (options.metadata ?? extractMetadata)(doc, pageUrl);
  const base = documentBase(doc, pageUrl);
  const ld = jsonLdNodes(doc);
  const body = extractBody(doc, pageUrl, { titles: meta.title ? [meta.title] : [], declaredText: jsonLdArticleBody(ld) });
  const images = withJsonLdCredits(assembleImages(doc, base, meta, body.images), jsonLdImages(ld));
  const article: ParsedArticle = {
    url: pageUrl,
    authors: meta.authors,
    images,
    seeAlso: body.seeAlso,
    related: body.related,
  };
  const summary = collapseWhitespace(body.lede ?? meta.description);
  assign(article, {
    canonicalUrl: meta.canonicalUrl,
    title: meta.title,
    summary: summary || undefined,
    bodyHtml: body.html || undefined,
    bodyText: body.text || undefined,
    language: meta.language,
    direction: meta.direction,
    publishedAt: meta.publishedAt,
    updatedAt: meta.updatedAt,
    category: meta.category,
    tags: meta.tags.length ? meta.tags : undefined,
    siteName: meta.siteName,
  });
  return article;
}

/** The lead picture first (with its caption even when it sits outside the body), then the body's. */
function assembleImages(doc: Document, base: string, meta: PageMetadata, bodyImages: ParsedImage[]): ParsedImage[] {
  const lead = findLeadFigure(doc, base, meta.leadImage?.url);
  const declared = meta.leadImage ? pick(meta.leadImage) : undefined;
  const first = lead && declared && imageKey(lead.url) === imageKey(declared.url) ? { ...declared, ...lead } : lead ?? declared;
  return dedupeImages(first ? [first, ...bodyImages] : bodyImages);
}

function pick(lead: NonNullable<PageMetadata["leadImage"]>): ParsedImage {
  const image: ParsedImage = { url: lead.url };
  assign(image, { alt: lead.alt, caption: lead.caption, credit: lead.credit });
  return image;
}

/** schema.org ImageObject creditText/copyrightHolder fill credits the markup did not show. */
function withJsonLdCredits(images: ParsedImage[], declared: JsonLdImage[]): ParsedImage[] {
  if (declared.length === 0) return images;
  const byKey = new Map(declared.map((d) => [imageKey(d.url), d]));
  return images.map((image) => {
    const d = byKey.get(imageKey(image.url));
    if (!d) return image;
    return { ...image, ...(image.credit || !d.credit ? {} : { credit: d.credit }), ...(image.caption || !d.caption ? {} : { caption: d.caption }) };
  });
}

/** Copies only the defined fields, so the result has no `key: undefined` entries. */
function assign<T extends object>(target: T, fields: Partial<T>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
