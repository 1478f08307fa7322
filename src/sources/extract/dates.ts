/**
 * Publication and modification dates of an article page, from the most reliable signal
 * that has one: JSON-LD, meta tags (OpenGraph, Dublin Core, parsely, sailthru, citation…),
 * microdata, <time>, the URL, then the date printed near the headline.
 */
import { byTag, eachTextNode, elementsWhere, follows, isType, itemprop, ldText, metaValue, microdataValue, readSignals, type PageSignals } from "./metadata.signals";
import { normalizeDateText, parseDateDetailed, scanDates, type ParseDateOptions, type ParsedDate } from "./dates.parse";

export { parseDate, parseDateDetailed, normalizeDateText, type ParseDateOptions, type ParsedDate } from "./dates.parse";

export interface FoundDates {
  publishedAt?: Date;
  updatedAt?: Date;
  /** Which signal gave publishedAt: "json-ld", "meta:<key>", "microdata", "time", "url", "text", or "none". */
  source: string;
  /** The UTC offset the publisher stated with the publication date (minutes east of UTC), for its local calendar day. */
  publishedOffsetMinutes?: number;
}

export interface FindDateOptions {
  reference?: Date;
  /** Page language, for day/month order of numeric dates. */
  lang?: string;
  /** Signals already read by extractMetadata, to avoid reading the page twice. */
  signals?: PageSignals;
  /** The headline element, when the caller already found it. */
  headline?: Element | null;
}

interface Candidate {
  parsed: ParsedDate;
  source: string;
}

// Meta keys that name the publication date, most specific first.
const PUBLISHED_META = [
  "article:published_time", "og:article:published_time", "article:published", "og:published_time", "published_time",
  "datepublished", "article.published", "rnews:datepublished", "bt:pubdate", "parsely-pub-date", "sailthru.date",
  "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "citation_publication_date",
  "citation_online_date", "citation_date", "prism.publicationdate", "publishdate", "publish-date", "publish_date",
  "pubdate", "publication_date", "date_published", "originalpublicationdate", "cxenseparse:recs:publishtime",
  "article:post_date", "og:pubdate", "ptime", "pdate", "datecreated", "dc.date", "dcterms.date", "dc.created",
  "displaydate", "date",
];
const MODIFIED_META = [
  "article:modified_time", "og:article:modified_time", "og:updated_time", "article:modified", "datemodified",
  "dc.date.modified", "dcterms.modified", "bt:moddate", "last-modified", "lastmod", "modified_time", "mtime",
];

export function findPublishedDate(doc: Document, pageUrl: string, opts: FindDateOptions = {}): FoundDates {
  const signals = opts.signals ?? readSignals(doc, pageUrl);
  const popts: ParseDateOptions = { reference: opts.reference, lang: opts.lang, relative: false };
  const structured = [...jsonLdDates(signals, "published", popts), ...metaDates(signals, PUBLISHED_META, popts), ...markupDates(signals, popts)];
  const fromUrl = urlDate(pageUrl, opts.reference);
  const nearHeadline = () => headlineDates(signals, opts.headline ?? findHeadline(signals), popts);
  const published = choosePublished(structured, fromUrl, nearHeadline);
  const updated = [...jsonLdDates(signals, "modified", popts), ...metaDates(signals, MODIFIED_META, popts), ...updatedMarkup(signals, popts)][0];
  const publishedAt = published?.parsed.date;
  const updatedAt = updated && (!publishedAt || updated.parsed.date > publishedAt) ? updated.parsed.date : undefined;
  return {
    publishedAt: publishedAt ?? updatedAt,
    updatedAt: publishedAt ? updatedAt : undefined,
    source: published?.source ?? (updatedAt ? "modified" : "none"),
    publishedOffsetMinutes: published ? localOffset(published, [...structured, ...(fromUrl ? [fromUrl] : [])], nearHeadline) : undefined,
  };
}

/**
 * Structured metadata first; but when the URL carries a full date that disagrees with it by
 * more than two days, the URL wins (templates stamp render or modification times as "published").
 */
function choosePublished(structured: Candidate[], fromUrl: Candidate | undefined, nearHeadline: () => Candidate[]): Candidate | undefined {
  const best = structured[0];
  if (best && fromUrl && Math.abs(best.parsed.date.getTime() - fromUrl.parsed.date.getTime()) > 2.5 * 86_400_000) {
    const agreeing = structured.find((c) => sameDay(c, fromUrl));
    return agreeing ?? fromUrl;
  }
  if (best) return best;
  if (fromUrl) {
    const visible = nearHeadline().find((c) => sameDay(c, fromUrl));
    return visible ?? fromUrl;
  }
  return nearHeadline()[0];
}

function sameDay(a: Candidate, b: Candidate): boolean {
  return Math.abs(localDay(a) - localDay(b)) < 86_400_000;
}

function localDay(c: Candidate): number {
  const ms = c.parsed.date.getTime() + (c.parsed.offsetMinutes ?? 0) * 60_000;
  return ms - (ms % 86_400_000);
}

/**
 * The chosen date's offset; a UTC-normalised ("Z") date borrows the offset of another signal naming the
 * same instant, else the one its byline reveals by printing the same moment in local time.
 */
function localOffset(chosen: Candidate, all: Candidate[], nearHeadline: () => Candidate[]): number | undefined {
  if (chosen.parsed.offsetMinutes) return chosen.parsed.offsetMinutes;
  const twin = all.find((c) => c.parsed.offsetMinutes && Math.abs(c.parsed.date.getTime() - chosen.parsed.date.getTime()) < 60_000);
  if (twin) return twin.parsed.offsetMinutes;
  if (chosen.parsed.offsetMinutes === 0 && chosen.parsed.precision === "time") return printedOffset(chosen, nearHeadline()) ?? 0;
  return chosen.parsed.offsetMinutes;
}

/**
 * The offset between a UTC instant and the same moment printed without a zone near the headline
 * ("February 24, 2020 | 9:25pm" for 02:25Z): a whole number of quarter hours within real offsets.
 */
function printedOffset(utc: Candidate, printed: Candidate[]): number | undefined {
  for (const c of printed) {
    if (c.parsed.offsetMinutes !== undefined || c.parsed.precision !== "time") continue;
    // Bylines print whole minutes: the instant's seconds are dropped before comparing.
    const minutes = (c.parsed.date.getTime() - Math.floor(utc.parsed.date.getTime() / 60_000) * 60_000) / 60_000;
    if (minutes !== 0 && Number.isInteger(minutes / 15) && minutes >= -12 * 60 && minutes <= 14 * 60) return minutes;
  }
  return undefined;
}

function parsed(text: string | undefined, source: string, opts: ParseDateOptions): Candidate[] {
  if (!text) return [];
  const p = parseDateDetailed(text, opts);
  return p ? [{ parsed: p, source }] : [];
}

function jsonLdDates(s: PageSignals, kind: "published" | "modified", opts: ParseDateOptions): Candidate[] {
  const keys = kind === "published" ? ["datePublished", "dateCreated", "uploadDate"] : ["dateModified"];
  const nodes = s.article ? [s.article] : [];
  // A WebPage node's dates describe the page, which for an article page is the article.
  const pages = s.jsonLd.filter((n) => n !== s.article && isType(n, "webpage", "itempage"));
  const out: Candidate[] = [];
  for (const node of [...nodes, ...pages]) {
    for (const key of keys) out.push(...parsed(ldText(node[key]), "json-ld", opts));
  }
  return out;
}

function metaDates(s: PageSignals, keys: string[], opts: ParseDateOptions): Candidate[] {
  const out: Candidate[] = [];
  for (const key of keys) out.push(...parsed(metaValue(s, key), `meta:${key}`, opts));
  const parsely = metaValue(s, "parsely-page");
  if (keys === PUBLISHED_META && parsely) out.push(...parsed(/"pub_date"\s*:\s*"([^"]+)"/.exec(parsely)?.[1], "meta:parsely-page", opts));
  return out;
}

/** Microdata, <time pubdate> and hAtom `published` outside <meta>. */
function markupDates(s: PageSignals, opts: ParseDateOptions): Candidate[] {
  const out: Candidate[] = [];
  for (const el of itemprop(s, "datePublished")) {
    out.push(...parsed(el.getAttribute("datetime") ?? el.getAttribute("content") ?? microdataValue(el), el.tagName === "TIME" ? "time" : "microdata", opts));
  }
  for (const el of byTag(s, "time")) {
    if (el.hasAttribute("pubdate")) out.push(...parsed(el.getAttribute("datetime") ?? el.textContent ?? undefined, "time", opts));
  }
  // hAtom: <abbr class="published" title="2020-05-14T10:00:00Z">.
  for (const el of byTag(s, "abbr")) {
    if (/\bpublished\b/.test(el.getAttribute("class") ?? "")) out.push(...parsed(el.getAttribute("title") ?? undefined, "microdata", opts));
  }
  return out;
}

function updatedMarkup(s: PageSignals, opts: ParseDateOptions): Candidate[] {
  const out: Candidate[] = [];
  for (const el of itemprop(s, "dateModified")) {
    out.push(...parsed(el.getAttribute("datetime") ?? el.getAttribute("content") ?? microdataValue(el), "microdata", opts));
  }
  return out;
}

/** /2020/05/14/, /2020-06-03-, -20200718.html, /20201123/ in the URL path. */
export function urlDate(pageUrl: string, reference?: Date): Candidate | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(pageUrl).pathname);
  } catch {
    return undefined;
  }
  const m =
    /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=[/_.-]|$)/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/.exec(path);
  if (!m) return undefined;
  const p = parseDateDetailed(`${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`, { reference });
  return p ? { parsed: p, source: "url" } : undefined;
}

/** The page's headline: the first <h1> inside the article, else the first <h1>, else the first <h2>. */
export function findHeadline(s: PageSignals): Element | null {
  const article = byTag(s, "article")[0];
  const h1s = byTag(s, "h1");
  return (article && h1s.find((h) => article.contains(h))) ?? h1s[0] ?? byTag(s, "h2")[0] ?? null;
}

const DATEISH = /date|time|publish|posted|byline|dateline|meta|stamp|info|تاريخ/i;

/**
 * Dates printed near the headline, searched in widening containers around it. Dates below the
 * headline come first; one above it is used only when nothing follows it, and only in the two
 * innermost containers (further up, a date above the headline is the site's "today" stamp).
 */
function headlineDates(s: PageSignals, headline: Element | null, opts: ParseDateOptions): Candidate[] {
  const doc = s.doc;
  const strict = { ...opts, strict: true };
  if (!headline) {
    const scope = byTag(s, "article")[0] ?? byTag(s, "main")[0] ?? doc.body;
    return scope ? datedElements(scope, strict).map((d) => d.cand) : [];
  }
  let scope: Element | null = headline;
  for (let level = 0; level < 4 && scope; level++, scope = scope.parentElement) {
    const found = datedElements(scope, strict);
    const below = found.filter((d) => follows(headline, d.el));
    if (below.length) return below.map((d) => d.cand);
    if (level < 2 && found.length) return found.map((d) => d.cand);
  }
  return textAfter(headline, strict);
}

/** <time> elements and short elements whose class or id says they hold a date ("post-date", "pubdate", "تاريخ"), in document order. */
function datedElements(scope: Element, opts: ParseDateOptions): { el: Element; cand: Candidate }[] {
  const out: { el: Element; cand: Candidate }[] = [];
  for (const el of elementsWhere(scope, (e) => e.tagName === "TIME" || e.hasAttribute("class") || e.hasAttribute("id"), 3000)) {
    if (el.tagName === "TIME") {
      for (const cand of parsed(el.getAttribute("datetime") || el.textContent || "", "time", opts)) out.push({ el, cand });
      continue;
    }
    const key = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (!DATEISH.test(key)) continue;
    const text = el.textContent ?? "";
    if (text.length > 300) continue;
    for (const p of scanDates(normalizeDateText(text), opts)) out.push({ el, cand: { parsed: p, source: "text" } });
  }
  return out;
}

/** The first date in the ~400 characters of text that follow the headline in document order. */
function textAfter(headline: Element, opts: ParseDateOptions): Candidate[] {
  const doc = headline.ownerDocument;
  let text = "";
  let started = false;
  eachTextNode(doc.body ?? doc.documentElement, (n) => {
    if (!started) {
      if (headline.contains(n) || !follows(headline, n)) return true;
      started = true;
    }
    text += ` ${n.nodeValue ?? ""}`;
    return text.length <= 400;
  });
  return scanDates(normalizeDateText(text), opts).slice(0, 1).map((p) => ({ parsed: p, source: "text" }));
}
