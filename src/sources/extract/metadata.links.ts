/**
 * URLs of the page's metadata: the canonical URL and the lead image (with its alt text,
 * caption and credit when the page states them).
 */
import { byTag, cleanText, ldText, metaValue, type JsonLdNode, type PageSignals } from "./metadata.signals";
import type { LeadImage } from "./metadata";

/** Resolves `href` against the page's <base href> (itself relative to the page URL); undefined unless http(s). */
export function resolveUrl(doc: Document, pageUrl: string, href: string | null | undefined): string | undefined {
  const raw = href?.trim();
  if (!raw) return undefined;
  try {
    const baseHref = (doc.querySelector("base[href]") ?? undefined)?.getAttribute("href");
    const base = baseHref ? new URL(baseHref, pageUrl).href : pageUrl;
    const url = new URL(raw, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** <link rel=canonical>, then og:url, then the JSON-LD article URL; a canonical pointing at the home page is ignored. */
export function findCanonicalUrl(doc: Document, s: PageSignals): string | undefined {
  const candidates = [
    linkHref(s, "canonical"),
    metaValue(s, "og:url"),
    ldText(s.article?.url),
    ldId(s.article?.mainEntityOfPage),
  ];
  for (const c of candidates) {
    const url = resolveUrl(doc, s.pageUrl, c);
    if (url && !isHomeOf(url, s.pageUrl)) return url.replace(/#.*$/, "");
  }
  return undefined;
}

/** href of the first <link> whose rel list holds `rel`. */
function linkHref(s: PageSignals, rel: string): string | null | undefined {
  for (const l of byTag(s, "link")) {
    if ((l.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).includes(rel)) return l.getAttribute("href");
  }
  return undefined;
}

function ldId(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  return v && typeof v === "object" ? ldText((v as JsonLdNode)["@id"]) : undefined;
}

// Templates that put the site root in rel=canonical on every article page.
function isHomeOf(url: string, pageUrl: string): boolean {
  try {
    const u = new URL(url);
    const p = new URL(pageUrl);
    return u.pathname.replace(/\/+$/, "") === "" && p.pathname.replace(/\/+$/, "") !== "" && !u.search;
  } catch {
    return false;
  }
}

export function findLeadImage(doc: Document, s: PageSignals): LeadImage | undefined {
  const ld = ldImage(s.article?.image ?? s.article?.thumbnailUrl);
  const src =
    metaValue(s, "og:image:secure_url", "og:image:url", "og:image") ??
    metaValue(s, "twitter:image", "twitter:image:src") ??
    ld?.url ??
    linkHref(s, "image_src") ??
    metaValue(s, "image", "thumbnail", "thumbnailurl");
  const url = resolveUrl(doc, s.pageUrl, src);
  if (!url) return undefined;
  const figure = figureFor(doc, s, url);
  const alt = cleanText(metaValue(s, "og:image:alt", "twitter:image:alt") ?? figure?.img.getAttribute("alt")) || undefined;
  const fromFigure = figure ? splitCredit(figure.caption) : {};
  return {
    url,
    alt,
    caption: (ld?.url && sameImage(ld.url, url) ? ld.caption : undefined) ?? fromFigure.caption,
    credit: (ld?.url && sameImage(ld.url, url) ? ld.credit : undefined) ?? fromFigure.credit,
  };
}

function ldImage(v: unknown): { url?: string; caption?: string; credit?: string } | undefined {
  if (Array.isArray(v)) return ldImage(v[0]);
  if (typeof v === "string") return { url: v };
  if (!v || typeof v !== "object") return undefined;
  const o = v as JsonLdNode;
  return {
    url: ldText(o.url) ?? ldText(o.contentUrl) ?? ldText(o["@id"]),
    caption: cleanText(ldText(o.caption) ?? ldText(o.description)) || undefined,
    credit: cleanText(ldText(o.creditText) ?? ldText(o.copyrightHolder) ?? ldText(o.author)) || undefined,
  };
}

/** Two image URLs name the same picture when their file names match (CDNs resize under different paths). */
function sameImage(a: string, b: string): boolean {
  const file = (u: string) => u.replace(/[?#].*$/, "").split("/").pop()?.replace(/(?:[-_]\d+x\d+)?\.\w+$/, "").toLowerCase();
  return !!file(a) && file(a) === file(b);
}

function figureFor(doc: Document, s: PageSignals, url: string): { img: Element; caption: string } | undefined {
  for (const img of byTag(s, "img").slice(0, 200)) {
    const srcs = [img.getAttribute("src"), img.getAttribute("data-src"), ...(img.getAttribute("srcset") ?? "").split(",").map((p) => p.trim().split(/\s+/)[0])];
    if (!srcs.some((src) => src && sameImage(resolveUrl(doc, s.pageUrl, src) ?? src, url))) continue;
    const caption = img.closest("figure")?.querySelector("figcaption");
    return { img, caption: cleanText(caption?.textContent) };
  }
  return undefined;
}

/** "Caption text [Fazry Ismail/EPA]", "Caption. Photograph: Name/Reuters", "… (Photo: AFP)", "تصوير: …". */
export function splitCredit(text: string): { caption?: string; credit?: string } {
  if (!text) return {};
  const patterns = [
    /^(.*?)\s*[[(]\s*((?:photo|photograph|image|credit|picture|foto|صورة|تصوير)?[:\s]*[^[\]()]{2,80})[\])]\s*\.?$/iu,
    /^(.*?[.!?…»"”])?\s*(?:photograph|photo|image|credit|picture|foto|صورة|تصوير|المصدر)\s*:\s*(.{2,80})$/iu,
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m && m[2] && /[/\p{Lu}]|وكال|تصوير/u.test(m[2])) {
      const credit = m[2].replace(/^(?:photo|photograph|image|credit|picture|foto|صورة|تصوير)\s*:\s*/iu, "").trim();
      return { caption: (m[1] ?? "").trim() || undefined, credit };
    }
  }
  return { caption: text };
}
