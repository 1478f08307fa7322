import type { DataSource } from "typeorm";
import type { Fetcher } from "../sources/fetch";
import type { FeedItem, ParsedArticle } from "../sources/types";
import type { Analyser } from "./analyser";
import { canonicalUrl } from "./normalise/canonical-url";

export type ReadItem = FeedItem & { fromPage?: boolean };

const MAX_PAGES_PER_REFRESH = 20;
const CONCURRENCY = 4;

/**
 * Teaser items already stored need no page fetch: their article has its full text. One whose
 * title or date changed in the feed is fetched again, so corrections reach the article.
 */
async function unchangedTeasers(db: DataSource, sourceId: number, items: FeedItem[]): Promise<Set<FeedItem>> {
  const guids = items.map((i) => i.guid).filter((g): g is string => !!g);
  const urls = items.map((i) => (i.url ? canonicalUrl(i.url) : undefined)).filter((u): u is string => !!u);
  const rows: { guid: string | null; url: string; title: string; publishedAt: Date }[] = await db.query(
    `SELECT s.guid, a.canonical_url AS url, a.title, a.published_at AS "publishedAt" FROM article_source s JOIN article a ON a.id = s.article_id
     WHERE s.source_id = $1 AND (s.guid = ANY($2::text[]) OR a.canonical_url = ANY($3::text[]))`,
    [sourceId, guids, urls]);
  const byGuid = new Map(rows.filter((r) => r.guid).map((r) => [r.guid, r]));
  const byUrl = new Map(rows.map((r) => [r.url, r]));
  return new Set(
    items.filter((i) => {
      const stored = (i.guid && byGuid.get(i.guid)) || (i.url && byUrl.get(canonicalUrl(i.url) ?? ""));
      if (!stored) return false;
      const sameTitle = !i.title || i.title.trim() === stored.title;
      const sameDate = !i.publishedAt || i.publishedAt.getTime() === new Date(stored.publishedAt).getTime();
      return sameTitle && sameDate;
    }),
  );
}

/** The page fills what the feed lacked; the feed's guid, title and date stay authoritative. */
function merge(item: FeedItem, page: ParsedArticle): ReadItem {
  return {
    ...page,
    guid: item.guid,
    url: item.url,
    title: item.title ?? page.title,
    summary: page.summary ?? item.summary,
    publishedAt: item.publishedAt ?? page.publishedAt,
    category: item.category ?? page.category,
    authors: item.authors.length ? item.authors : page.authors,
    images: page.images.length ? page.images : item.images,
    language: page.language ?? item.language,
    isTeaser: false,
    fromPage: true,
  };
}

/**
 * Feed items that carry only a teaser are completed from their article page (bounded per refresh);
 * a page that fails keeps the teaser as a best-effort article and the failure is reported.
 */
export async function fillTeasers(deps: { db: DataSource; fetch: Fetcher; analyser: Pick<Analyser, "extract"> }, sourceId: number, items: FeedItem[], problems: string[]): Promise<ReadItem[]> {
  const teasers = items.filter((i) => i.isTeaser && i.url);
  if (teasers.length === 0) return items;
  const known = await unchangedTeasers(deps.db, sourceId, teasers);
  const wanted = teasers.filter((i) => !known.has(i)).slice(0, MAX_PAGES_PER_REFRESH);
  const filled = new Map<FeedItem, ReadItem>();
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const item = wanted[next++];
      try {
        const res = await deps.fetch({ url: item.url!, accept: "text/html,application/xhtml+xml" });
        filled.set(item, merge(item, await deps.analyser.extract(res.text, res.url)));
      } catch (err) {
        problems.push(`teaser page ${item.url}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (teasers.length - known.size > wanted.length) problems.push(`${teasers.length - known.size - wanted.length} teaser page(s) left for the next refresh`);
  return items.filter((i) => !known.has(i)).map((i) => filled.get(i) ?? i);
}
