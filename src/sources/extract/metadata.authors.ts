/**
 * Article authors as bare names: from JSON-LD, meta tags, microdata, rel=author and the visible
 * byline, with "By", "بقلم", roles, dates, e-mails, URLs and handles removed and "A and B" split.
 */
import { byTag, cleanText, elementsWhere, isType, ldText, metaValues, microdataValue, type JsonLdNode, type PageSignals } from "./metadata.signals";

// Dublin Core first: pages that carry it mean it, while plain "author" is often a CMS default.
const AUTHOR_META = [
  "dc:creator", "dc.creator", "dcterms:creator", "dcterms.creator", "author", "article:author", "og:article:author", "byl", "byline", "parsely-author", "sailthru.author", "citation_author", "cxenseparse:author", "author_name", "article:author_name", "article.author", "twitter:data1:author",
];

// Byline markers, most specific first (a byline block before its rel=author link, which may mark only the first of two names); one DOM query finds them all, then they are tried in this order.
const BYLINE_TESTS: ((el: Element, cls: string) => boolean)[] = [
  (el) => (el.getAttribute("itemprop") ?? "").toLowerCase().split(/\s+/).includes("author"),
  (_el, cls) => cls.includes("byline") || cls.includes("by-line"),
  (el) => el.tagName === "A" && (el.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).includes("author"),
  (_el, cls) => /author[-_]?name/.test(cls),
  (_el, cls) => /(?:^|\s)author(?:\s|$)/.test(cls),
  (_el, cls) => cls.includes("writer"),
  (_el, cls) => cls.includes("author"),
];
const BYLINE_HINT = /author|byline|by-line|writer/i;
const mayBeByline = (el: Element) =>
  BYLINE_HINT.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("itemprop") ?? ""} ${el.getAttribute("rel") ?? ""} ${el.getAttribute("data-component") ?? ""}`);
// Bylines of other stories, photo credits and author bios are not this article's byline.
const NOT_BYLINE =
  "footer, aside, nav, figure, figcaption, [class*=comment], [class*=related], [class*=recommend], [class*=promo], " +
  "[class*=image-caption], [class*=img-caption], [class*=photo-credit], [class*=image-credit], [class*=media-credit]";

export function extractAuthors(doc: Document, s: PageSignals, siteKeys: string[] = []): string[] {
  const ld = jsonLdAuthors(s);
  const found = ld.persons.length ? ld.persons : metaAuthors(s);
  const structured = found.length ? found : microdataAuthors(s);
  const list = structured.length ? structured : bylineAuthors(doc, s);
  return withoutSiteName(list.length ? list : ld.organisations, siteKeys);
}

/** The first author meta key that names someone; all its values (citation_author repeats). */
function metaAuthors(s: PageSignals): string[] {
  for (const key of AUTHOR_META) {
    const names = dedupe(metaValues(s, key).filter((v) => !/^https?:\/\//i.test(v)).flatMap(splitAuthors));
    if (names.length) return names;
  }
  return [];
}

/** "Dana Ford, CNN": the outlet named beside its reporters is an affiliation, not an author. */
function withoutSiteName(names: string[], siteKeys: string[]): string[] {
  const key = (n: string) => n.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const people = names.filter((n) => !siteKeys.includes(key(n)));
  return people.length ? people : names;
}

/** JSON-LD author/creator: persons first; organisations only when nobody is named. */
function jsonLdAuthors(s: PageSignals): { persons: string[]; organisations: string[] } {
  const persons: string[] = [];
  const organisations: string[] = [];
  const node = s.article;
  if (!node) return { persons, organisations };
  const values = [node.author, node.creator].flatMap((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]));
  for (const v of values) {
    const isOrg = v && typeof v === "object" && isType(v as JsonLdNode, "organization", "newsmediaorganization", "corporation");
    const name = typeof v === "string" ? v : ldText(v) ?? resolveRef(s, v);
    if (!name || /^https?:\/\//i.test(name)) continue;
    (isOrg ? organisations : persons).push(...splitAuthors(name));
  }
  return { persons: dedupe(persons), organisations: dedupe(organisations) };
}

// {"@id": "#author-1"} points at a Person node elsewhere in the @graph.
function resolveRef(s: PageSignals, v: unknown): string | undefined {
  const id = v && typeof v === "object" ? (v as JsonLdNode)["@id"] : undefined;
  if (typeof id !== "string") return undefined;
  return ldText(s.jsonLd.find((n) => n["@id"] === id)?.name);
}

const ARTICLE_ITEM = /schema\.org\/(?:\w*Article|BlogPosting|LiveBlogPosting|Report)\b/i;

/**
 * Microdata authors of the page's article item (the one holding the headline, else the first): structured
 * data like JSON-LD, so they count wherever the theme prints them (an <aside> under the story, say).
 */
function microdataAuthors(s: PageSignals): string[] {
  const byItem = new Map<Element, Element[]>();
  for (const el of s.itemprops.get("author") ?? []) {
    const item = el.parentElement?.closest("[itemscope]");
    if (!item || !ARTICLE_ITEM.test(item.getAttribute("itemtype") ?? "")) continue;
    const props = byItem.get(item);
    if (props) props.push(el);
    else byItem.set(item, [el]);
  }
  const headline = headlineOf(s);
  const items = [...byItem.keys()];
  const item = items.find((i) => headline && i.contains(headline)) ?? items[0];
  const names = (byItem.get(item) ?? []).flatMap((el) => {
    const nameEl = el.hasAttribute("itemscope") ? el.querySelector('[itemprop~="name"]') : el;
    const text = nameEl ? microdataValue(nameEl) : undefined;
    return text && text.length <= 120 && !/^https?:\/\//i.test(text) ? splitAuthors(text) : [];
  });
  return dedupe(names).slice(0, 6);
}

function bylineAuthors(doc: Document, s: PageSignals): string[] {
  const article = byTag(s, "article")[0] ?? byTag(s, "main")[0];
  const headline = headlineOf(s);
  for (const scope of article ? [article, doc.documentElement] : [doc.documentElement]) {
    const found = elementsWhere(scope, mayBeByline).filter((el) => !el.closest(NOT_BYLINE));
    for (const test of BYLINE_TESTS) {
      const names: string[] = [];
      const matched = found.filter((e) => test(e, (e.getAttribute("class") ?? "").toLowerCase() + (e.getAttribute("data-component") === "byline" ? " byline" : "")));
      for (const el of nearestToHeadline(matched, headline).slice(0, 8)) {
        const nameEl = el.querySelector('[itemprop~="name"]');
        const text = nameEl ? microdataValue(nameEl) : el.tagName === "META" ? el.getAttribute("content") : cleanText(el.textContent);
        if (!text || text.length > 120 || /^(?:photo|photograph|image|picture|illustration)/i.test(text)) continue;
        names.push(...splitAuthors(text));
      }
      const unique = dedupe(names);
      if (unique.length) return unique.slice(0, 6);
    }
  }
  return [];
}

/** The page's headline <h1>: the one with the most text (a site's logo is often an <h1> too). */
function headlineOf(s: PageSignals): Element | undefined {
  let best: Element | undefined;
  let length = 0;
  for (const h of byTag(s, "h1")) {
    const n = cleanText(h.textContent).length;
    if (n > length) [best, length] = [h, n];
  }
  return best;
}

/**
 * Of bylines spread over the page (the story's and those of teasers for other stories), the ones
 * sharing the deepest container with the headline. A single byline, or none beside an <h1>, stands.
 */
function nearestToHeadline(els: Element[], h1: Element | undefined): Element[] {
  if (!h1 || els.length < 3) return els;
  const depth = (el: Element) => {
    let n = 0;
    for (let p: Element | null = el; p; p = p.parentElement) n++;
    return n;
  };
  const shared = els.map((el) => {
    let a: Element | null = el;
    while (a && !a.contains(h1)) a = a.parentElement;
    return a ? depth(a) : 0;
  });
  const best = Math.max(...shared);
  return els.filter((_, i) => shared[i] === best);
}

const MONTH_WORD = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const DATE_TAIL = new RegExp(`\\s*(?:\\b\\d{1,2}[:/.]\\d{1,2}|\\b${MONTH_WORD}\\s+\\d{1,2}\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_WORD}(?:\\s|$)|\\d{4}).*$`, "i");
const TRAILING_ROLE = /\s+(?:(?:senior|chief|staff|contributing|associate|deputy|managing|executive|games|political|foreign|business|sports?|science|health|tech(?:nology)?|news|special)\s+)?(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer|analyst)$/i;
const PREFIX = new RegExp(
  "^(?:(?:written|posted|reported|reporting|words|story|text|photos?|compiled|published|updated|edited|interview|analysis)\\s+)?(?:by|from)[:\\s]+|" +
    // "More Richard Eskow", "More from Jane Doe": a link to the author's other stories.
    "^more\\s+(?:(?:stories|articles|posts)\\s+)?(?:(?:by|from)\\s+)?(?=\\S)|" +
    "^(?:par|von|por|di|door|av|de)\\s+|^(?:بقلم|كتبها|كتبه|كتبت|كتب|إعداد|اعداد|تقرير|تحرير|بواسطة|حوار|متابعة|ترجمة)(?=[\\s:\\-–—])\\s*[:\\-–—]?\\s*|^(?:author|autor|auteur|المؤلف|الكاتب)\\s*:\\s*",
  "i",
);
const ROLE = /^(?:staff|senior|chief|special|contributing|associate|deputy|managing|executive|political|foreign|business|sports?|science|health|tech(?:nology)?|national|local|city|investigative|news|digital|social media)?\s*(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer|analyst|photographer|intern|desk|staff|bureau|reporting)s?$|^(?:مراسل|مراسلة|محرر|محررة|صحفي|صحفية|كاتب|كاتبة|رئيس التحرير)(?:\s.*)?$/i;
const NOT_A_NAME = /^(?:by|par|von|por|no author|admin|administrator|editor|editors|staff|share|follow|facebook|twitter|email|e-mail|print|comments?|more|home|news|menu|subscribe|view (?:all )?(?:posts|profile)|unknown|anonymous|guest|null|undefined|follow author|contact|bio|about|see more|read more)$/i;

/** "By Jane Doe and John Roe, Staff Writers | May 5, 2020" → ["Jane Doe", "John Roe"]. */
export function splitAuthors(raw: string): string[] {
  let text = cleanText(raw)
    .replace(/\S+@\S+\.\w+/g, " ")
    .replace(/https?:\/\/\S+|www\.\S+/gi, " ")
    .replace(/(?:^|\s)@\w+/g, " ")
    // "(avec Damien Leloup et Morgane Tual)" names co-authors; other parentheses ("(AFP)", "(stevenhgm)") are asides.
    .replace(/\(\s*(?:avec|with|mit|con|com|مع)\s+([^()]*)\)/gi, ", $1")
    .replace(/\((?:[^()]*)\)/g, " ");
  // "كتب - محمد حسن": the byline word goes before separators are read as the end of the name.
  text = text.replace(PREFIX, "").trim();
  // Dates and times after the name belong to the byline, not the author.
  text = text.replace(/\s*(?:[|•·–—]|\s-\s).*$/u, "").replace(/\b(?:last\s+)?(?:updated|published|posted|modified)\b.*$/i, "");
  text = text.replace(DATE_TAIL, "");
  const parts = text
    .split(/\s*(?:,|;|\s+and\s+|\s+&\s+(?=\S+\s+\S)|\s+y\s+|\s+et\s+|\s+e\s+|\s+und\s+|\s+و\s+|\s*،\s*|\s+(?:edited|written|reported|photos?)\s+by\s+)\s*/i)
    .map((p) => p.trim());
  return parts.map(cleanName).filter((n): n is string => !!n);
}

function cleanName(part: string): string | undefined {
  let name = part.replace(/^(?:and|&|و)\s+/i, "");
  for (let i = 0; i < 2; i++) name = name.replace(PREFIX, "").trim();
  if (name.split(/\s+/).length > 3) name = name.replace(TRAILING_ROLE, "");
  name = name.replace(/^[\s:"'“”‘’\-–—]+|[\s:"'“”‘’\-–—.]+$/g, "").trim();
  if (!name || ROLE.test(name) || NOT_A_NAME.test(name)) return undefined;
  const words = name.split(/\s+/);
  if (words.length > 6 || name.length < 2 || name.length > 60 || !/\p{L}/u.test(name) || /\d{3,}/.test(name)) return undefined;
  // Latin-script names carry at least one capital; an all-lower-case phrase is prose, not a name.
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(name) && !/\p{Lu}/u.test(name)) return undefined;
  return name;
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const key = n.toLowerCase().replace(/\s+/g, " ");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}
