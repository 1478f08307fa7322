import type { IngestEvent } from "../../ingest/ingest-events";
import type { ArticleCriteria } from "../loaders/article-query";

export type ArticleAddedEvent = Extract<IngestEvent, { type: "articleAdded" }>;

/** The `articles` filter, evaluated on an ingest event instead of in SQL (same any/all rules). */
export function matchesArticle(c: ArticleCriteria, e: ArticleAddedEvent): boolean {
  if (c.languages && !c.languages.includes(e.language)) return false;
  if (c.sourceIds && !c.sourceIds.includes(e.sourceId)) return false;
  if (c.category !== undefined && e.category !== c.category) return false;
  if (c.countryCodes && !c.countryCodes.every((code) => e.countryCodes.includes(code))) return false;
  if (c.personIds && !c.personIds.every((id) => e.personIds.includes(id))) return false;
  if (c.eventId !== undefined && !e.eventIds.includes(c.eventId)) return false;
  const at = Date.parse(e.publishedAt);
  if (c.publishedAfter && !(at >= c.publishedAfter.getTime())) return false;
  if (c.publishedBefore && !(at < c.publishedBefore.getTime())) return false;
  return true;
}
