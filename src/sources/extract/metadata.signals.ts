/**
 * Reads the machine-readable signals of an HTML page once — meta tags, RDFa `property`
 * attributes, JSON-LD nodes, microdata — so title, date, author and language rules can
 * consult them without walking the DOM again. Read-only: never mutates the document.
 */
import { decodeEntities } from "../parsers/text";

export type JsonLdNode = Record<string, unknown>;

export interface PageSignals {
  doc: Document;
  pageUrl: string;
  /** Lower-cased meta key (name, property, itemprop or http-equiv) → non-empty contents, in document order. */
  meta: Map<string, string[]>;
  /** Every typed JSON-LD object on the page, flattened out of arrays, `@graph` and nesting. */
  jsonLd: JsonLdNode[];
  /** The JSON-LD node that describes this article (NewsArticle family first, then WebPage). */
  article?: JsonLdNode;
  /** Lower-cased microdata property → elements carrying it (not <meta>), in document order. */
  itemprops: Map<string, Element[]>;
  /** Elements of the tags the rules read (meta, script, time, abbr, h1, h2, link, img, article, main, title, base), in document order. */
  tags: Map<string, Element[]>;
}

const INDEXED_TAGS = new Set(["META", "SCRIPT", "TIME", "ABBR", "H1", "H2", "LINK", "IMG", "ARTICLE", "MAIN", "TITLE", "BASE"]);

const ARTICLE_TYPES = new Set([
  "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
  "backgroundnewsarticle", "reviewnewsarticle", "asknewsarticle", "article", "blogposting",
  "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle", "report",
  "satiricalarticle", "advertisercontentarticle", "videoobject",
]);
const PAGE_TYPES = new Set(["webpage", "itempage", "collectionpage", "aboutpage", "profilepage"]);

export function readSignals(doc: Document, pageUrl: string): PageSignals {
  const { meta, itemprops, tags } = readAttributes(doc);
  const jsonLd = readJsonLd(tags.get("SCRIPT") ?? []);
  return { doc, pageUrl, meta, jsonLd, article: pickArticleNode(jsonLd, pageUrl), itemprops, tags };
}

/** First non-empty content among `keys`, in the order the keys are given. */
export function metaValue(s: PageSignals, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = s.meta.get(key.toLowerCase())?.[0];
    if (v) return v;
  }
  return undefined;
}

/** All non-empty contents of all `keys`, de-duplicated. */
export function metaValues(s: PageSignals, ...keys: string[]): string[] {
  const out = new Set<string>();
  for (const key of keys) for (const v of s.meta.get(key.toLowerCase()) ?? []) out.add(v);
  return [...out];
}

/** Elements carrying microdata `itemprop` (outside <meta>), by lower-cased property. */
export function itemprop(s: PageSignals, name: string): Element[] {
  return s.itemprops.get(name.toLowerCase()) ?? [];
}

/** Elements of an indexed tag ("h1", "time", "img"…), in document order. */
export function byTag(s: PageSignals, tag: string): Element[] {
  return s.tags.get(tag.toUpperCase()) ?? [];
}

// One walk over the elements indexes everything the rules read: attribute selectors and live collections are the slow part of a DOM.
function readAttributes(doc: Document): { meta: Map<string, string[]>; itemprops: Map<string, Element[]>; tags: Map<string, Element[]> } {
  const meta = new Map<string, string[]>();
  const itemprops = new Map<string, Element[]>();
  const tags = new Map<string, Element[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const add = (key: string | null, value: string | null) => {
    const v = value?.trim();
    if (!key || !v) return;
    // RDFa allows several space-separated properties on one element ("dc:title og:title").
    for (const k of key.toLowerCase().split(/\s+/)) if (k) push(meta, k, v);
  };
  elementsWhere(doc, (el) => {
    const tag = el.tagName.toUpperCase();
    if (INDEXED_TAGS.has(tag)) push(tags, tag, el);
    if (tag === "META") {
      const content = el.getAttribute("content") ?? el.getAttribute("value");
      add(el.getAttribute("name"), content);
      add(el.getAttribute("property"), content);
      add(el.getAttribute("itemprop"), content);
      add(el.getAttribute("http-equiv"), content);
      return false;
    }
    // RDFa on ordinary elements: <span property="dc:date" content="…">.
    if (el.hasAttribute("property") && el.hasAttribute("content")) add(el.getAttribute("property"), el.getAttribute("content"));
    for (const k of (el.getAttribute("itemprop") ?? "").toLowerCase().split(/\s+/)) if (k) push(itemprops, k, el);
    return false;
  });
  return { meta, itemprops, tags };
}

export function readJsonLd(scripts: Element[]): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  for (const script of scripts) {
    const type = (script.getAttribute("type") ?? "").toLowerCase();
    if (!type.startsWith("application/ld+json")) continue;
    const parsed = parseJsonLoosely(script.textContent ?? "");
    if (parsed !== undefined) collectTyped(parsed, nodes, 0);
  }
  return nodes;
}

/** JSON.parse, then the repairs real pages need: comments/CDATA wrappers, raw newlines in strings, trailing commas, concatenated objects. */
export function parseJsonLoosely(text: string): unknown {
  const attempts = [
    (t: string) => t,
    (t: string) => t.replace(/^\s*(?:<!--|<!\[CDATA\[|\/\/\s*<!\[CDATA\[)/, "").replace(/(?:-->|\]\]>|\/\/\s*\]\]>)\s*$/, ""),
    (t: string) => t.replace(/[\u0000-\u001f]+/g, " ").replace(/,(\s*[}\]])/g, "$1").replace(/;\s*$/, ""),
    (t: string) => `[${t.replace(/}\s*{/g, "},{")}]`,
  ];
  let text2 = text.trim();
  if (!text2) return undefined;
  for (const fix of attempts) {
    text2 = fix(text2);
    try {
      return JSON.parse(text2);
    } catch {
      // fall through to the next repair
    }
  }
  return salvageFields(text);
}

const SALVAGE_KEYS = [
  "@type", "headline", "name", "datePublished", "dateModified", "dateCreated",
  "articleSection", "inLanguage", "description", "url",
];

// Broken beyond repair (unescaped quotes, truncated): keep the scalar fields we can still read.
function salvageFields(text: string): JsonLdNode | undefined {
  const node: JsonLdNode = {};
  for (const key of SALVAGE_KEYS) {
    const m = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(text);
    if (m) node[key] = m[1].replace(/\\(.)/g, "$1");
  }
  const author = /"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  if (author) node.author = { name: author[1] };
  return node["@type"] ? node : undefined;
}

function collectTyped(value: unknown, out: JsonLdNode[], depth: number): void {
  if (depth > 8 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) collectTyped(v, out, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  if (node["@type"] !== undefined) out.push(node);
  for (const [key, v] of Object.entries(node)) {
    if (key !== "@context" && typeof v === "object") collectTyped(v, out, depth + 1);
  }
}

/** Lower-cased schema.org type names of a node, prefixes ("schema:", "http://schema.org/") removed. */
export function nodeTypes(node: JsonLdNode): string[] {
  const t = node["@type"];
  const list = Array.isArray(t) ? t : [t];
  return list
    .filter((x): x is string => typeof x === "string")
    .map((x) => x.replace(/^.*[/:#]/, "").toLowerCase());
}

export function isType(node: JsonLdNode, ...types: string[]): boolean {
  return nodeTypes(node).some((t) => types.includes(t));
}

function pickArticleNode(nodes: JsonLdNode[], pageUrl: string): JsonLdNode | undefined {
  const articles = nodes.filter((n) => nodeTypes(n).some((t) => ARTICLE_TYPES.has(t)));
  const pages = nodes.filter((n) => nodeTypes(n).some((t) => PAGE_TYPES.has(t)));
  // A page listing related stories carries several Article nodes: the one about this URL wins.
  const samePage = articles.find((n) => nodeUrls(n).some((u) => sameUrl(u, pageUrl)));
  const withHeadline = articles.find((n) => typeof n.headline === "string" || typeof n.datePublished === "string");
  return samePage ?? withHeadline ?? articles[0] ?? pages[0];
}

function nodeUrls(node: JsonLdNode): string[] {
  const out: string[] = [];
  for (const v of [node.url, node["@id"], node.mainEntityOfPage]) {
    if (typeof v === "string") out.push(v);
    else if (v && typeof v === "object" && typeof (v as JsonLdNode)["@id"] === "string") out.push((v as JsonLdNode)["@id"] as string);
  }
  return out;
}

function sameUrl(a: string, b: string): boolean {
  const strip = (u: string) => u.replace(/^https?:\/\/(www\.)?/i, "").replace(/[#?].*$/, "").replace(/\/+$/, "");
  return strip(a) === strip(b);
}

/** A JSON-LD value as text: strings as-is, `{name}`/`{@value}` objects by their name, first array element. */
export function ldText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = ldText(v);
      if (t) return t;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    const o = value as JsonLdNode;
    return ldText(o.name) ?? ldText(o["@value"]);
  }
  return undefined;
}

/** Every text of a JSON-LD value that may be a string, an object or an array of either. */
export function ldTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(ldTexts);
  const t = ldText(value);
  return t ? [t] : [];
}

/** Value of a microdata property on an element: content, datetime, href/src, then text. */
export function microdataValue(el: Element): string | undefined {
  const v =
    el.getAttribute("content") ??
    el.getAttribute("datetime") ??
    (el.tagName === "A" || el.tagName === "LINK" ? el.getAttribute("href") : null) ??
    (el.tagName === "IMG" ? el.getAttribute("src") : null) ??
    el.textContent;
  return v?.replace(/\s+/g, " ").trim() || undefined;
}

/**
 * True when `node` comes after `ref` in document order and is not inside it. Written out because
 * linkedom's compareDocumentPosition misorders distant nodes.
 */
export function follows(ref: Node, node: Node): boolean {
  if (ref === node || ref.contains(node)) return false;
  const chain = (n: Node) => {
    const out: Node[] = [];
    for (let x: Node | null = n; x; x = x.parentNode) out.unshift(x);
    return out;
  };
  const a = chain(ref);
  const b = chain(node);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === 0 || i >= b.length || i >= a.length) return false;
  for (let sib = a[i].nextSibling; sib; sib = sib.nextSibling) if (sib === b[i]) return true;
  return false;
}

/** Every element under `root` in document order, filtered (selector lists do not keep document order on every DOM, and live collections are slow on jsdom). */
export function elementsWhere(root: ParentNode, keep: (el: Element) => boolean, limit = Infinity): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length && out.length < limit) {
    const el = stack.pop()!;
    if (keep(el)) out.push(el);
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return out;
}

/** Calls `visit` on each text node under `root` in document order until it returns false (no TreeWalker: linkedom's is partial). */
export function eachTextNode(root: Node, visit: (text: Text) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      if (visit(node as Text) === false) return;
      continue;
    }
    const tag = (node as Element).tagName;
    if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT" || tag === "TEMPLATE") continue;
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
  }
}

/** Collapses whitespace (including NBSP and zero-width marks) and trims. */
// An entity left in decoded text: the page escaped it twice ("المدينة نيوز :-&amp;nbsp;", "Q&amp;amp;A").
const LEFTOVER_ENTITY = /&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,5});/i;

export function cleanText(text: string | null | undefined): string {
  let out = text ?? "";
  if (LEFTOVER_ENTITY.test(out)) out = decodeEntities(out);
  return out.replace(/[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "").replace(/\s+/g, " ").trim();
}
