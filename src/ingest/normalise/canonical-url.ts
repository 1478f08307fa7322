/** Query parameters that only track the reader; they never change which article a URL names. */
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ocid|cmpid|ncid|smid|sr_share|ref|ref_src|ref_url|referrer|source|feature|at_medium|at_campaign|at_custom\d|s_cid|cid|rss|rssfeed|from|xtor|wt\.mc_id|wt_mc_id|__twitter_impression|spm|share|src)$/i;

/**
 * The identity form of a URL: lower-case scheme and host, no default port, no fragment, no
 * tracking parameters, no trailing "?" — so one story reached through different links is stored once.
 */
export function canonicalUrl(raw: string | undefined, base?: string): string | undefined {
  // An empty reference would resolve to the base itself: an item without a link is not its feed.
  if (!raw?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.hash = "";
  url.username = "";
  url.password = "";
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING.test(key)) url.searchParams.delete(key);
  }
  url.search = url.searchParams.toString() ? `?${url.searchParams.toString()}` : "";
  // AMP copies name the same article as the page they mirror.
  url.pathname = url.pathname.replace(/\/amp\/?$/i, "/").replace(/\.amp(\.html)?$/i, "$1") || "/";
  return url.toString();
}
