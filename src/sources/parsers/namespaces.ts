// Feeds bind these vocabularies to arbitrary prefixes; parsers match on the stable key instead.
const KNOWN: Record<string, string> = {
  "http://www.w3.org/2005/atom": "atom",
  "http://purl.org/atom/ns": "atom",
  "http://purl.org/dc/elements/1.1": "dc",
  "http://purl.org/dc/terms": "dcterms",
  "http://purl.org/rss/1.0/modules/content": "content",
  "http://search.yahoo.com/mrss": "media",
  "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns": "rdf",
  "http://purl.org/rss/1.0": "rss1",
  "http://my.netscape.com/rdf/simple/0.9": "rss1",
  "http://channel.netscape.com/rdf/simple/0.9": "rss1",
  "http://backend.userland.com/rss2": "",
  "http://blogs.law.harvard.edu/tech/rss": "",
  "http://www.w3.org/1999/xhtml": "xhtml",
  "http://www.google.com/schemas/sitemap-news/0.9": "news",
  "http://www.google.com/schemas/sitemap-image/1.1": "image",
  "http://www.sitemaps.org/schemas/sitemap/0.9": "sitemap",
  "http://www.google.com/schemas/sitemap/0.84": "sitemap",
  "http://purl.org/rss/1.0/modules/slash": "slash",
  "http://wellformedweb.org/commentapi": "wfw",
  "http://www.georss.org/georss": "georss",
  "http://purl.org/syndication/thread/1.0": "thr",
  "http://purl.org/rss/1.0/modules/syndication": "sy",
  "http://webns.net/mvcb": "admin",
  "http://www.w3.org/xml/1998/namespace": "xml",
  "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
};

/** Maps a namespace URI to the key parsers use; unknown URIs are their own key. */
export function canonicalNamespace(uri: string): string {
  const normal = uri.trim().toLowerCase().replace(/^https:/, "http:").replace(/[/#]+$/, "");
  const known = KNOWN[normal];
  if (known !== undefined) return known;
  // UserLand and others published several RSS 2.x namespace URIs; all mean plain RSS.
  return /^http:\/\/(backend\.userland\.com\/rss|purl\.org\/rss\/2\.)/.test(normal) ? "" : normal;
}
