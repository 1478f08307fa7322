import { DomUtils, parseDocument } from "htmlparser2";
import type { ParsedImage } from "../../sources/types";
import { splitCredit } from "../../sources/extract/credit";
import { sanitizeFragment } from "../../sources/extract/body.sanitizer";
import { htmlToText } from "../../sources/parsers/text";

export interface FeedContent {
  bodyHtml: string;
  bodyText: string;
  images: ParsedImage[];
}

const absolute = (src: string | undefined, base: string | undefined) => {
  if (!src) return undefined;
  try {
    const u = new URL(src, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
};

/** Pictures of a feed item's HTML with their captions, the credit split off as on article pages. */
function contentImages(html: string, base: string | undefined): ParsedImage[] {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const images: ParsedImage[] = [];
  for (const img of DomUtils.findAll((el) => el.name === "img", doc.children)) {
    const url = absolute(DomUtils.getAttributeValue(img, "src") ?? DomUtils.getAttributeValue(img, "data-src"), base);
    if (!url || images.some((i) => i.url === url)) continue;
    const figure = closest(img, "figure");
    const captionEl = figure ? DomUtils.findAll((el) => el.name === "figcaption", figure.children)[0] : undefined;
    const { caption, credit } = splitCredit(captionEl ? DomUtils.textContent(captionEl) : undefined);
    const image: ParsedImage = { url };
    const alt = DomUtils.getAttributeValue(img, "alt")?.trim();
    if (alt) image.alt = alt;
    if (caption) image.caption = caption;
    if (credit) image.credit = credit;
    images.push(image);
  }
  return images;
}

type El = ReturnType<typeof DomUtils.findAll>[number];

function closest(el: El, name: string): El | undefined {
  for (let p = el.parent; p; p = p.parent) if ((p as El).name === name) return p as El;
  return undefined;
}

/**
 * Feed items carry their body as HTML: it is sanitized with the same rules as extracted pages and
 * read without a full DOM, which keeps bulk feed ingest fast.
 */
export function feedContent(html: string, base: string | undefined): FeedContent {
  const bodyHtml = sanitizeFragment(html);
  // Building a DOM only to find no picture is most of the cost for the many items without one.
  const images = /<img[\s/>]/i.test(bodyHtml) ? contentImages(bodyHtml, base) : [];
  return { bodyHtml, bodyText: htmlToText(bodyHtml), images };
}
