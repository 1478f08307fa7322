import { absoluteUrl } from "./dom";

// Lazy-loading scripts keep the real address in one of these; `src` then holds a placeholder.
const LAZY_ATTRIBUTES = ["data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src", "data-full-src", "data-img-src", "data-image", "data-echo", "data-orig-file"];
const LAZY_SRCSET_ATTRIBUTES = ["data-srcset", "data-lazy-srcset", "srcset"];

/**
 * A `src` that is no usable picture address: inline data (a placeholder, or too big to pass around as a URL),
 * 1×1 gifs, "blank"/"placeholder"/"spacer" files.
 */
export function isPlaceholderSrc(src: string): boolean {
  if (/^data:/i.test(src)) return true;
  return /(?:^|\/)(?:blank|spacer|pixel|placeholder|transparent|grey|gray|lazy|loading|1x1)[-_.\w]*\.(?:gif|png|svg|jpg)(?:$|\?)/i.test(src);
}

/** Largest candidate of a srcset ("a.jpg 320w, b.jpg 1024w" → b.jpg). */
export function largestFromSrcset(srcset: string): string | undefined {
  let best: { url: string; size: number } | undefined;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, descriptor] = part.trim().split(/\s+/, 2);
    if (!url) continue;
    const size = descriptor ? parseFloat(descriptor) * (descriptor.endsWith("x") ? 1000 : 1) : 1;
    if (!best || size > best.size) best = { url, size: Number.isFinite(size) ? size : 1 };
  }
  return best?.url;
}

/** The real, absolute address of an <img> (or <source>), looking past lazy-loading placeholders. */
export function imageSource(img: Element, base: string): string | undefined {
  for (const attr of LAZY_ATTRIBUTES) {
    const url = absoluteUrl(img.getAttribute(attr), base);
    if (url && !isPlaceholderSrc(url)) return url;
  }
  const src = img.getAttribute("src");
  if (src && !isPlaceholderSrc(src.trim())) return absoluteUrl(src, base);
  for (const attr of LAZY_SRCSET_ATTRIBUTES) {
    const value = img.getAttribute(attr);
    const url = value ? absoluteUrl(largestFromSrcset(value), base) : undefined;
    if (url && !isPlaceholderSrc(url)) return url;
  }
  const source = img.closest("picture")?.querySelector("source[srcset], source[data-srcset]");
  const set = source?.getAttribute("srcset") ?? source?.getAttribute("data-srcset");
  return set ? absoluteUrl(largestFromSrcset(set), base) : undefined;
}
