import sanitizeHtml from "sanitize-html";
import { absoluteUrl } from "./dom";
import { imageSource } from "./image.source";

/** Hosts whose players may stay in the body as iframes; every other iframe is dropped. */
export const VIDEO_IFRAME_HOSTS = [
  "www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com", "player.vimeo.com",
  "www.dailymotion.com", "dailymotion.com", "geo.dailymotion.com", "www.facebook.com", "streamable.com",
  "players.brightcove.net", "cdn.jwplayer.com", "content.jwplatform.com", "w.soundcloud.com", "open.spotify.com",
];

// Inline pictures are kept only in raster formats that cannot carry script (SVG can).
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "strong", "b", "em", "i",
    "u", "s", "sub", "sup", "small", "mark", "q", "cite", "abbr", "code", "pre", "kbd", "a", "figure", "figcaption",
    "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "time", "div", "section", "iframe",
    "video", "audio", "source",
  ],
  allowedAttributes: {
    "*": ["dir", "lang"],
    a: ["href", "title", "rel"],
    img: ["src", "srcset", "alt", "width", "height", "title"],
    iframe: ["src", "width", "height", "title", "allowfullscreen", "allow"],
    video: ["src", "poster", "controls", "width", "height"],
    audio: ["src", "controls"],
    source: ["src", "type"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan", "scope"],
    time: ["datetime"],
    ol: ["start", "reversed"],
    blockquote: ["cite"],
    q: ["cite"],
    abbr: ["title"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https", "data"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite", "poster"],
  allowProtocolRelative: false,
  allowedIframeHostnames: VIDEO_IFRAME_HOSTS,
  allowIframeRelativeUrls: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "svg", "button", "select", "form"],
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({ tagName, attribs: attribs.href ? { ...attribs, rel: "noopener noreferrer nofollow" } : attribs }),
    img: (tagName, attribs) => {
      const safe = { ...attribs };
      if (/^data:/i.test(safe.src ?? "") && !SAFE_DATA_IMAGE.test(safe.src ?? "")) delete safe.src;
      return { tagName, attribs: safe };
    },
  },
  exclusiveFilter: (frame) => (frame.tag === "img" && !frame.attribs.src) || (frame.tag === "iframe" && !frame.attribs.src),
};

/**
 * Sanitized HTML of a cleaned body element: no scripts, styles, handlers, classes or inline style;
 * javascript:/data: URLs gone (safe raster data: images excepted); iframes only from video hosts.
 * Links and pictures are made absolute first (lazy `data-src` promoted to `src`).
 */
export function sanitizeBody(root: Element, base: string): string {
  absolutizeUrls(root, base);
  const html = sanitizeHtml(innermost(root).innerHTML, OPTIONS);
  // Indentation and blank lines of the source page mean nothing once the markup is rebuilt; <pre> keeps its own.
  return /<pre[\s>]/i.test(html) ? html.trim() : html.replace(/^[ \t]+/gm, "").replace(/\n{2,}/g, "\n").trim();
}

/** Readability nests the article in wrapper divs ("readability-page-1"); the body HTML starts inside them. */
function innermost(root: Element): Element {
  let cur = root;
  while (cur.children.length === 1 && /^(?:div|section|article)$/i.test(cur.children[0].tagName) && onlyWhitespaceText(cur)) {
    cur = cur.children[0];
  }
  return cur;
}

function onlyWhitespaceText(el: Element): boolean {
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 && (node.textContent ?? "").trim() !== "") return false;
  }
  return true;
}

function absolutizeUrls(root: Element, base: string): void {
  for (const a of Array.from(root.querySelectorAll("a[href]"))) {
    const href = absoluteUrl(a.getAttribute("href"), base);
    if (href && /^(?:https?|mailto|tel):/i.test(href)) a.setAttribute("href", href);
    else a.removeAttribute("href");
  }
  for (const img of Array.from(root.querySelectorAll("img"))) {
    const inline = img.getAttribute("src")?.trim() ?? "";
    const src = SAFE_DATA_IMAGE.test(inline) ? inline : imageSource(img, base);
    if (src) img.setAttribute("src", src);
    else img.removeAttribute("src");
    const srcset = img.getAttribute("data-srcset") ?? img.getAttribute("srcset");
    if (srcset) img.setAttribute("srcset", absoluteSrcset(srcset, base));
  }
  for (const el of Array.from(root.querySelectorAll("iframe[src], iframe[data-src], video[src], audio[src], source[src], video[poster]"))) {
    for (const attr of ["src", "poster"]) {
      const raw = attr === "src" ? el.getAttribute("data-src") ?? el.getAttribute("src") : el.getAttribute(attr);
      const url = absoluteUrl(raw, base);
      if (url) el.setAttribute(attr, url);
    }
  }
}

function absoluteSrcset(srcset: string, base: string): string {
  return srcset
    .split(/,\s+(?=\S)/)
    .map((part) => {
      const [url, descriptor] = part.trim().split(/\s+/, 2);
      const abs = absoluteUrl(url, base);
      return abs && !/^data:/i.test(abs) ? [abs, descriptor].filter(Boolean).join(" ") : "";
    })
    .filter(Boolean)
    .join(", ");
}

/** Sanitizes an HTML fragment that never went through a DOM (feed item content): same rules as bodies. */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(html, OPTIONS).replace(/\n{3,}/g, "\n\n").trim();
}
