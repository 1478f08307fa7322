/**
 * The source's own section label, as the page writes it: JSON-LD articleSection, article:section
 * and similar meta tags, breadcrumbs, "Section:" / "التصنيف:" labels, then the URL folder.
 */
import { sectionFromUrl } from "./category";
import { byTag, cleanText, eachTextNode, elementsWhere, isType, ldText, metaValue, type JsonLdNode, type PageSignals } from "./metadata.signals";

const SECTION_META = ["article:section", "og:article:section", "section", "parsely-section", "article.section", "category", "cxenseparse:recs:articlesection", "dc.subject.section"];
const HOME = /^(?:home|homepage|start|accueil|inicio|startseite|الرئيسيه|الرئيسية|الصفحة الرئيسية|الصفحه الرئيسيه|main|news)$/i;
const LABEL_START = /^\s*(?:section|category|categories|filed under|posted in|topic|التصنيف|التصنيفات|القسم|الأقسام|الفئة|التبويب|قسم)/iu;
const LABEL = /^\s*(?:section|category|categories|filed under|posted in|topic|التصنيف|التصنيفات|القسم|الأقسام|الفئة|التبويب|قسم)\s*[:：]\s*/iu;

export function findSection(doc: Document, s: PageSignals, title: string | undefined): string | undefined {
  const fromMeta = ldText(s.article?.articleSection) ?? metaValue(s, ...SECTION_META);
  const label = cleanText(fromMeta?.split(/\s*[,;|]\s*/)[0]);
  if (label && !/^\d+$/.test(label)) return label;
  return breadcrumbSection(s, title) ?? domBreadcrumb(doc, title) ?? labelledSection(doc, s) ?? sectionFromUrl(s.pageUrl);
}

/** The deepest JSON-LD breadcrumb that is neither the home page nor the article itself. */
function breadcrumbSection(s: PageSignals, title: string | undefined): string | undefined {
  const list = s.jsonLd.find((n) => isType(n, "breadcrumblist"));
  const items = Array.isArray(list?.itemListElement) ? (list.itemListElement as JsonLdNode[]) : [];
  const names = items
    .slice()
    .sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0))
    .map((it) => ldText(it.name) ?? ldText((it.item as JsonLdNode | undefined)?.name))
    .filter((n): n is string => !!n);
  return deepestSection(names, title);
}

function domBreadcrumb(doc: Document, title: string | undefined): string | undefined {
  const trail = elementsWhere(doc, (el) => /breadcrumb/i.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""} ${el.getAttribute("itemtype") ?? ""}`), 1)[0];
  if (!trail) return undefined;
  const named = Array.from(trail.querySelectorAll('[itemprop~="name"]')).map((e) => cleanText(e.getAttribute("content") ?? e.textContent));
  const links = named.length ? named : elementsWhere(trail, (e) => e.tagName === "A" || e.tagName === "LI" || e.tagName === "SPAN").map((e) => cleanText(e.textContent));
  return deepestSection(links.filter((t) => t && t.length <= 40), title);
}

function deepestSection(names: string[], title: string | undefined): string | undefined {
  const clean = names.map(cleanText).filter((n) => n && !HOME.test(n) && n !== title && !(title && title.startsWith(n) && n.length > 40));
  const unique = [...new Set(clean)];
  return unique.length ? unique[unique.length - 1] : undefined;
}

/** "التصنيف:العالم", "Section: World", "Filed under: Politics" written on the page (found by its text nodes, in one pass). */
function labelledSection(doc: Document, s: PageSignals): string | undefined {
  const scope = byTag(s, "article")[0] ?? byTag(s, "main")[0] ?? doc.body;
  if (!scope) return undefined;
  let found: string | undefined;
  let seen = 0;
  eachTextNode(scope, (n) => {
    const text = n.nodeValue ?? "";
    if (++seen > 5000) return false;
    if (text.length > 80 || !LABEL_START.test(text)) return true;
    const holder = n.parentElement;
    const own = cleanText(holder?.textContent);
    if (!holder || own.length > 80 || !LABEL.test(own)) return true;
    const value = own.replace(LABEL, "").trim() || cleanText(holder.nextElementSibling?.textContent);
    if (value && value.length <= 40) found = value.split(/\s*[,،|]\s*/)[0];
    return !found;
  });
  return found;
}
