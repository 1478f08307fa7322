/** Resolves `href` against `base`; undefined when neither yields an absolute URL. */
export function resolveUrl(href: string | undefined, base?: string): string | undefined {
  if (href === undefined) return undefined;
  const trimmed = href.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base || undefined).href;
  } catch {
    return base ? undefined : looksAbsolute(trimmed) ? trimmed : undefined;
  }
}

/** Like resolveUrl but keeps the raw value when it cannot be made absolute (a relative link with no base). */
export function resolveOrKeep(href: string | undefined, base?: string): string | undefined {
  if (href === undefined) return undefined;
  const trimmed = href.trim();
  if (!trimmed) return undefined;
  return resolveUrl(trimmed, base) ?? trimmed;
}

function looksAbsolute(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

const URL_ATTR = /\s(href|src|poster|cite|action|background|longdesc)\s*=\s*(["']?)([^"'\s>]*)\2/gi;

/** Rewrites relative href/src-like attributes in an HTML fragment to absolute URLs against `base`. */
export function absolutizeHtml(html: string, base: string | undefined): string {
  if (!base || !html) return html;
  return html.replace(/<[a-z][^>]*>/gi, (tag) => absolutizeTag(tag, base));
}

function absolutizeTag(tag: string, base: string): string {
  return tag.replace(URL_ATTR, (whole, attr: string, quote: string, value: string) => {
    if (!value || looksAbsolute(value) || value.startsWith("#")) return whole;
    const resolved = resolveUrl(decodeAttr(value), base);
    if (!resolved) return whole;
    const q = quote || '"';
    return ` ${attr}=${q}${resolved.replace(/"/g, "%22").replace(/&/g, "&amp;")}${q}`;
  }).replace(/\ssrcset\s*=\s*(["'])([^"']*)\1/gi, (_whole, quote: string, value: string) =>
    ` srcset=${quote}${absolutizeSrcset(value, base)}${quote}`,
  );
}

function absolutizeSrcset(value: string, base: string): string {
  return value
    .split(",")
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      const resolved = resolveUrl(decodeAttr(url), base) ?? url;
      return [resolved.replace(/&/g, "&amp;"), ...descriptor].join(" ");
    })
    .join(", ");
}

function decodeAttr(value: string): string {
  return value.replace(/&amp;/g, "&");
}
