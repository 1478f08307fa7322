/**
 * Page metadata of an article page — title, authors, dates, language, direction, canonical URL,
 * site name, section, tags, description, lead image — from JSON-LD, microdata/RDFa, OpenGraph,
 * meta tags, the markup and the URL. Pure and read-only: works on a jsdom or linkedom Document
 * through standard DOM APIs and never mutates it.
 */
import { findPublishedDate } from "./dates";
import { extractAuthors } from "./metadata.authors";
import { detectLanguage } from "./metadata.language";
import { findCanonicalUrl, findLeadImage } from "./metadata.links";
import { findSection } from "./metadata.section";
import { cleanText, isType, ldText, ldTexts, metaValue, metaValues, readSignals, type PageSignals } from "./metadata.signals";
import { compact, extractTitle, hostKey, siteKeys } from "./title";

export interface LeadImage {
  url: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

export interface PageMetadata {
  title?: string;
  authors: string[];
  publishedAt?: Date;
  updatedAt?: Date;
  language?: string;
  direction?: "ltr" | "rtl";
  canonicalUrl?: string;
  siteName?: string;
  /** The source's own section label, as written ("العالم", "World"); map it with mapCategory. */
  category?: string;
  tags: string[];
  description?: string;
  leadImage?: LeadImage;
  /** UTC offset (minutes east) the publisher stated with publishedAt: its local calendar day is publishedAt shifted by it. */
  publishedOffsetMinutes?: number;
  /** Which signal gave publishedAt ("json-ld", "meta:article:published_time", "url", "text"…). */
  dateSource?: string;
}

export class MetadataError extends Error {
  readonly code = "METADATA_INPUT";
  constructor(message: string) {
    super(message);
    this.name = "MetadataError";
  }
}

export function extractMetadata(doc: Document, pageUrl: string, opts: { reference?: Date } = {}): PageMetadata {
  if (!doc || typeof doc.querySelector !== "function") {
    throw new MetadataError(`metadata.extractor: expected a DOM Document, got ${doc === null ? "null" : typeof doc}`);
  }
  const s = readSignals(doc, pageUrl);
  const lang = detectLanguage(doc, s);
  const title = extractTitle(s);
  const dates = findPublishedDate(doc, pageUrl, { signals: s, lang: lang.declaredTag ?? lang.language, headline: title.headline, reference: opts.reference });
  return {
    title: title.title,
    authors: extractAuthors(doc, s, siteKeys(s)),
    publishedAt: dates.publishedAt,
    updatedAt: dates.updatedAt,
    language: lang.language,
    direction: lang.direction,
    canonicalUrl: findCanonicalUrl(doc, s),
    siteName: siteName(s, title.title) ?? title.siteNameFromTitle,
    category: findSection(doc, s, title.title),
    tags: tags(doc, s),
    description: description(s),
    leadImage: findLeadImage(doc, s),
    publishedOffsetMinutes: dates.publishedOffsetMinutes,
    dateSource: dates.source,
  };
}

/**
 * og:site_name, the JSON-LD publisher or WebSite, then app names. A name that matches the domain
 * wins over one that does not (Reuters' og:site_name is its edition, "U.S."); URLs and names that
 * repeat the headline (templates filling application-name with the title) are not site names.
 */
function siteName(s: PageSignals, title: string | undefined): string | undefined {
  const website = s.jsonLd.find((n) => isType(n, "website"));
  const names = [
    metaValue(s, "og:site_name"),
    ldText(s.article?.publisher) ?? publisherById(s),
    ldText(website?.name),
    ...metaValues(s, "application-name", "apple-mobile-web-app-title", "al:android:app_name", "al:ios:app_name"),
  ]
    .map((n) => cleanText(n))
    .filter((n) => n && !/^https?:\/\/|^www\./i.test(n) && n !== title && n.split(/\s+/).length <= 8);
  const host = hostKey(s.pageUrl);
  const first = names[0];
  // Only a Latin-script name can be compared with the domain: "اليوم السابع" stays, whatever youm7.com says.
  if (!host || !first || matchesHost(first, host) || !/^[\p{Script=Latin}\p{N}\p{P}\s]+$/u.test(first)) return first;
  return names.find((n) => matchesHost(n, host)) ?? first;
}

/** "Reuters" ~ reuters, "South China Morning Post" ~ scmp (initials), "Salon.com" ~ salon. */
function matchesHost(name: string, host: string): boolean {
  const c = compact(name);
  const initials = name.split(/\s+/).map((w) => compact(w)[0] ?? "").join("");
  return c.includes(host) || (c.length >= 3 && host.includes(c)) || initials === host || initials.replace(/^t/, "") === host;
}

function publisherById(s: PageSignals): string | undefined {
  const ref = s.article?.publisher;
  const id = ref && typeof ref === "object" ? (ref as Record<string, unknown>)["@id"] : undefined;
  return typeof id === "string" ? ldText(s.jsonLd.find((n) => n["@id"] === id)?.name) : undefined;
}

function description(s: PageSignals): string | undefined {
  const text =
    metaValue(s, "og:description") ??
    metaValue(s, "description") ??
    metaValue(s, "twitter:description") ??
    ldText(s.article?.description) ??
    metaValue(s, "dc.description", "dcterms.description", "sailthru.description");
  return cleanText(text) || undefined;
}

const TAG_SPLIT = /\s*[,،;|]\s*/;
// CMS bookkeeping that leaks into keyword lists: "articleID/N6TPO…", "Length/medium", "[SYNDICATED CONTENT]", "/article".
const MACHINE_TAG = /^\S*[/=]\S*$|^\[.*\]$/;

/** article:tag, JSON-LD keywords, news_keywords, parsely/sailthru tags and rel=tag links; plain `keywords` only when nothing else. */
function tags(doc: Document, s: PageSignals): string[] {
  const specific = [
    ...metaValues(s, "article:tag", "og:article:tag"),
    ...ldTexts(s.article?.keywords).flatMap((k) => k.split(TAG_SPLIT)),
    ...metaValues(s, "news_keywords", "parsely-tags", "sailthru.tags").flatMap((k) => k.split(TAG_SPLIT)),
    ...Array.from(doc.querySelectorAll('a[rel~="tag"]')).map((a) => a.textContent ?? ""),
  ];
  const list = specific.length ? specific : metaValues(s, "keywords").flatMap((k) => k.split(TAG_SPLIT));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const tag = cleanText(raw);
    const key = tag.toLowerCase();
    if (!tag || tag.length > 60 || seen.has(key) || MACHINE_TAG.test(tag)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out.slice(0, 30);
}
