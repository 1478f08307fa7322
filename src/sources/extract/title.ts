/**
 * The headline of a page, without the site-name decorations that <title> and og:title carry
 * ("Foo | TechCrunch", "Foo - BBC News", "Site: Foo", "خبر | الجزيرة نت"). Decorations are found
 * generically: by the site's own names (og:site_name, publisher, the domain), and by comparing
 * the candidates with each other — when one candidate is another plus a separator and more
 * text, that extra text is decoration.
 */
import { getDomainWithoutSuffix } from "tldts";
import { byTag, cleanText, isType, ldText, metaValue, metaValues, type PageSignals } from "./metadata.signals";

type Source = "ld" | "og" | "dc" | "meta" | "title" | "h1" | "tw";

interface Candidate {
  text: string;
  source: Source;
  /** JSON-LD headlines are cut at 110 characters with "…": they support, never supply, the title. */
  truncated: boolean;
  el?: Element;
}

export interface TitleResult {
  title?: string;
  /** The element holding the visible headline, when one agrees with the chosen title. */
  headline?: Element;
  /** A site name learnt from a stripped decoration, when the page names none itself. */
  siteNameFromTitle?: string;
}

// Twitter titles usually copy og:title: half a vote so the pair does not outvote the page.
const WEIGHT: Record<Source, number> = { ld: 1, og: 1, dc: 1, meta: 0.5, title: 1, h1: 1, tw: 0.5 };
// Which member of an agreeing group is returned: the curated metadata spelling first.
const OUTPUT_ORDER: Source[] = ["dc", "og", "ld", "title", "h1", "meta", "tw"];
// Separators between a headline and its decorations; unspaced ones only count when another candidate confirms them.
const SPACED_SEP = /\s+(?:\||｜|-|–|—|·|•|»|«|::|~|\/|_|:)\s+|\s*(?:\||｜)\s*/u;
// "Site: Foo" — a colon only separates a prefix, never a suffix ("Zimbabwe coup: Mugabe…" keeps both halves unless "Zimbabwe coup" is the site).
const PREFIX_SEP = new RegExp(`${SPACED_SEP.source}|:\\s+`, "u");
const ANY_SEP = /\s*(?:\||｜|-|–|—|·|•|»|«|::|~|\/|_|：|:)\s*/u;

export function extractTitle(s: PageSignals): TitleResult {
  const raw = collectCandidates(s);
  if (raw.length === 0) return {};
  const keys = siteKeys(s);
  const decorations = crossDecorations(raw, keys);
  const cleaned = raw
    .map((c) => ({ ...c, text: stripDecorations(c.text, keys, decorations) }))
    .filter((c) => c.text.length > 0 || c.source === "title");
  const best = pickGroup(cleaned);
  if (!best) return {};
  let title = outputText(best);
  if (best.every((c) => c.source === "title")) title = dropUnconfirmedSuffix(title);
  const headline = best.find((c) => c.el)?.el ?? undefined;
  return { title: title || undefined, headline, siteNameFromTitle: learnedSiteName(raw, title, keys) };
}

function collectCandidates(s: PageSignals): Candidate[] {
  const out: Candidate[] = [];
  const add = (text: string | undefined | null, source: Source, el?: Element) => {
    const t = cleanText(text);
    if (t || source === "title") out.push({ text: t, source, truncated: /(?:…|\.\.\.)$/.test(t) && source !== "title", el });
  };
  const article = s.article && !isType(s.article, "webpage", "itempage") ? s.article : undefined;
  add(ldText(article?.headline) ?? ldText(article?.name), "ld");
  add(metaValue(s, "og:title"), "og");
  add(metaValue(s, "dc:title", "dc.title", "dcterms:title", "dcterms.title"), "dc");
  add(metaValue(s, "parsely-title", "sailthru.title", "title", "headline"), "meta");
  // One <meta property="og:title twitter:title"> is one editorial choice: it must not vote twice.
  if (!declaresBoth(s, "og:title", "twitter:title")) add(metaValue(s, "twitter:title"), "tw");
  add(byTag(s, "title")[0]?.textContent ?? "", "title");
  const seen = new Set<string>();
  const headings = [...byTag(s, "h1").slice(0, 5), ...(s.itemprops.get("headline") ?? []).slice(0, 2)];
  for (const h of headings) {
    const t = cleanText(h.textContent);
    if (!t || seen.has(t) || t.length > 400 || isHomeLink(h, s.pageUrl)) continue;
    seen.add(t);
    add(t, "h1", h);
  }
  return out;
}

/** Whether a single <meta> element names both keys in its space-separated property/name list. */
function declaresBoth(s: PageSignals, a: string, b: string): boolean {
  return byTag(s, "meta").some((m) => {
    const keys = `${m.getAttribute("property") ?? ""} ${m.getAttribute("name") ?? ""}`.toLowerCase().split(/\s+/);
    return keys.includes(a) && keys.includes(b);
  });
}

/** Compact comparable forms of every name the site goes by (og:site_name, publisher, app names, the domain). */
export function siteKeys(s: PageSignals): string[] {
  const names = [
    ...metaValues(s, "og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher", "al:android:app_name", "al:ios:app_name", "twitter:app:name:iphone"),
    ...metaValues(s, "twitter:site").map((h) => h.replace(/^@/, "")),
    ...s.jsonLd.filter((n) => isType(n, "website", "organization", "newsmediaorganization")).map((n) => ldText(n.name)),
    ldText(s.article?.publisher),
    ...byTag(s, "h1").filter((h) => isHomeLink(h, s.pageUrl)).map((h) => cleanText(h.textContent)),
  ].filter((n): n is string => !!n);
  const keys = new Set<string>();
  for (const name of names) {
    keys.add(compact(name));
    for (const part of name.split(ANY_SEP)) if (compact(part).length >= 3) keys.add(compact(part));
  }
  const host = hostKey(s.pageUrl);
  if (host) keys.add(host);
  keys.delete("");
  return [...keys];
}

/** A heading that is nothing but a link to the site's home page is the site's logo ("<h1><a href="/">V8</a></h1>"). */
function isHomeLink(heading: Element, pageUrl: string): boolean {
  const links = heading.getElementsByTagName("a");
  if (links.length !== 1 || cleanText(links[0].textContent) !== cleanText(heading.textContent)) return false;
  try {
    const target = new URL(links[0].getAttribute("href") ?? "", pageUrl);
    return target.host === new URL(pageUrl).host && /^\/(?:index\.\w+)?$/.test(target.pathname);
  } catch {
    return false;
  }
}

export function hostKey(pageUrl: string): string | undefined {
  const d = getDomainWithoutSuffix(pageUrl);
  return d && d.length >= 3 ? compact(d) : undefined;
}

/** Lower case, diacritics and everything but letters and digits removed: "CNN.com" → "cnncom". */
export function compact(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Texts that some candidate adds to another after a separator: "Foo | TechCrunch" beside "Foo".
 * The addition counts as decoration only when it is no longer than the core or names the site,
 * so a blog-name <h1> ("Silicon Exposed") never turns the real headline into "decoration".
 */
function crossDecorations(cands: Candidate[], keys: string[]): Set<string> {
  const out = new Set<string>();
  for (const long of cands) {
    for (const short of cands) {
      if (short === long || short.text.length < 2 || short.text.length >= long.text.length || short.truncated) continue;
      const rest = affix(long.text, short.text);
      if (!rest || !(rest.length <= short.text.length || isSiteSegment(rest, keys))) continue;
      // Text that is itself another candidate (a second <h1>) is a headline, not decoration.
      if (cands.some((c) => c !== long && compact(c.text) === compact(rest))) continue;
      out.add(compact(rest));
    }
  }
  out.delete("");
  return out;
}

/** The text around `core` in `whole` when `whole` is core+separator+rest or rest+separator+core. */
function affix(whole: string, core: string): string | undefined {
  const w = whole.toLowerCase();
  const c = core.toLowerCase();
  if (w.startsWith(c)) {
    const m = new RegExp(`^${ANY_SEP.source}(.+)$`, "u").exec(whole.slice(core.length));
    if (m) return m[1];
  }
  if (w.endsWith(c)) {
    const m = new RegExp(`^(.+?)${ANY_SEP.source}$`, "u").exec(whole.slice(0, whole.length - core.length));
    if (m) return m[1];
  }
  return undefined;
}

/** Removes leading and trailing segments that are the site's name or a confirmed decoration. */
export function stripDecorations(title: string, keys: string[], decorations: Set<string> = new Set()): string {
  let text = title;
  for (let guard = 0; guard < 6; guard++) {
    const next = stripOnce(text, keys, decorations);
    if (next === text) break;
    text = next;
  }
  return text;
}

function stripOnce(text: string, keys: string[], decorations: Set<string>): string {
  if (decorations.size) {
    for (const m of text.matchAll(new RegExp(ANY_SEP.source, "gu"))) {
      if (!m[0] || m.index === undefined) continue;
      const before = text.slice(0, m.index).trim();
      const after = text.slice(m.index + m[0].length).trim();
      if (before && decorations.has(compact(after))) return before;
      if (after && decorations.has(compact(before))) return after;
    }
  }
  const last = splitLast(text, SPACED_SEP);
  if (last && last[0] && isSiteSegment(last[1], keys)) return last[0];
  const first = splitFirst(text, PREFIX_SEP);
  // "| Some Title": a title that is only a separator and the site name is no title.
  if (first && !first[0] && isSiteSegment(first[1], keys)) return "";
  if (first && first[1] && isSiteSegment(first[0], keys)) return first[1];
  return text;
}

function splitLast(text: string, sep: RegExp): [string, string] | undefined {
  const re = new RegExp(sep.source, "gu");
  let last: RegExpExecArray | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].length > 0) last = m;
  if (!last) return undefined;
  return [text.slice(0, last.index).trim(), text.slice(last.index + last[0].length).trim()];
}

function splitFirst(text: string, sep: RegExp): [string, string] | undefined {
  const m = new RegExp(sep.source, "u").exec(text);
  if (!m || m[0].length === 0) return undefined;
  return [text.slice(0, m.index).trim(), text.slice(m.index + m[0].length).trim()];
}

/** A short segment that is, nearly is, or is part of one of the site's names ("BBC News", "CNN.com", "Guardian"). */
function isSiteSegment(segment: string, keys: string[]): boolean {
  const c = compact(segment);
  if (!c) return true;
  if (segment.split(/\s+/).length > 5) return false;
  // Containment is bounded so that "BBC admits error" is not mistaken for "BBC News".
  return keys.some((k) => c === k || (k.length >= 3 && c.includes(k) && c.length <= k.length + 9) || (c.length >= 4 && k.includes(c)));
}

/** Comparable form for grouping: quotes, dashes and case folded. */
function norm(text: string): string {
  return text.toLowerCase().replace(/[‘’ʼ`´]/g, "'").replace(/[“”«»„]/g, '"').replace(/[‐-―]/g, "-").replace(/\s+/g, " ").replace(/[\s.!?:;,]+$/, "").trim();
}

/** Same headline: equal, a truncated prefix, or the same words give or take one ("Seven secrets…" / "The seven secrets…"). */
function agrees(a: Candidate, b: Candidate): boolean {
  const x = norm(a.text);
  const y = norm(b.text);
  if (!x || !y) return false;
  if (x === y) return true;
  const cut = (t: string) => t.replace(/(?:…|\.\.\.)$/, "").trim();
  if (a.truncated && y.startsWith(cut(x))) return true;
  if (b.truncated && x.startsWith(cut(y))) return true;
  return wordOverlap(x, y) >= 0.66;
}

/** Jaccard overlap of word pairs: high for the same headline re-punctuated, low for a reworded one. */
function wordOverlap(x: string, y: string): number {
  const pairs = (t: string) => {
    const w = t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return new Set(w.slice(1).map((word, i) => `${w[i]} ${word}`));
  };
  const a = pairs(x);
  const b = pairs(y);
  if (a.size < 3 || b.size < 3) return 0;
  let common = 0;
  for (const p of a) if (b.has(p)) common++;
  return common / (a.size + b.size - common);
}

/**
 * Groups agreeing candidates and returns the best-supported group. On a tie, curated metadata wins:
 * Dublin Core, then og:title (the headline the publisher chose for sharing), JSON-LD, <title>, <h1>.
 */
function pickGroup(cands: Candidate[]): Candidate[] | undefined {
  const groups: Candidate[][] = [];
  for (const c of cands) {
    const g = groups.find((grp) => grp.some((m) => agrees(m, c)));
    if (g) g.push(c);
    else groups.push([c]);
  }
  const tieOrder: Source[] = ["dc", "og", "ld", "title", "h1", "meta", "tw"];
  const rank = (g: Candidate[]) => Math.min(...g.map((c) => tieOrder.indexOf(c.source)));
  const score = (g: Candidate[]) => {
    const sources = new Set(g.map((c) => c.source));
    return [...sources].reduce((sum, src) => sum + WEIGHT[src], 0) - (g.every((c) => c.truncated) ? 10 : 0);
  };
  const usable = groups.filter((g) => g.some((c) => c.text));
  usable.sort((a, b) => score(b) - score(a) || rank(a) - rank(b));
  return usable[0];
}

function outputText(group: Candidate[]): string {
  const full = group.filter((c) => !c.truncated && c.text);
  const pool = full.length ? full : group;
  pool.sort((a, b) => OUTPUT_ORDER.indexOf(a.source) - OUTPUT_ORDER.indexOf(b.source));
  return pool[0]?.text ?? "";
}

/** A bare <title> "Headline | Section" with nothing to confirm it: drop the last segment when three words remain. */
function dropUnconfirmedSuffix(title: string): string {
  const parts = splitLast(title, /\s+(?:\||-|–|—|»|\/)\s+/u);
  if (!parts) return title;
  return parts[0].split(/\s+/).length >= 3 ? parts[0] : title;
}

/** The decoration stripped from <title>/og:title, offered as the site name when it looks like one. */
function learnedSiteName(raw: Candidate[], title: string, keys: string[]): string | undefined {
  for (const c of raw) {
    if (c.source !== "og" && c.source !== "title") continue;
    const rest = affix(c.text, title);
    if (rest && rest.split(/\s+/).length <= 5 && isSiteSegment(rest, keys)) return rest;
  }
  return undefined;
}
