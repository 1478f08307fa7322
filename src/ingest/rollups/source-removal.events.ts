import type { Queryable } from "./contribution.store";

/**
 * Takes a removed source out of its events' counts: the originals it alone carried stop counting,
 * its copies leave the duplicate count, promoted heirs count as articles, and the source leaves each
 * event's source list. Counts land on the event that absorbed a merged one. Run after the heirs are
 * promoted and before the source's articles are deleted.
 */
export async function settleEventCounts(q: Queryable, sourceId: number, heirs: number[]): Promise<void> {
  await q.query(
    `WITH RECURSIVE changes AS (
       SELECT ae.event_id, CASE WHEN a.original_id IS NULL THEN -1 ELSE 0 END AS da,
         CASE WHEN a.original_id IS NULL THEN 0 ELSE -1 END AS dd, NULL::text AS added
       FROM article a JOIN article_event ae ON ae.article_id = a.id WHERE a.source_id = $1
       UNION ALL
       SELECT ae.event_id, 1, -1, a.source_id::text
       FROM article a JOIN article_event ae ON ae.article_id = a.id WHERE a.id = ANY($2::int[])
     ),
     chain (start, id, next) AS (
       SELECT e.id, e.id, e.merged_into_id FROM event e WHERE e.id IN (SELECT event_id FROM changes)
       UNION ALL
       SELECT c.start, e.id, e.merged_into_id FROM chain c JOIN event e ON e.id = c.next
     ),
     delta AS (
       SELECT r.id AS root, sum(c.da)::int AS da, sum(c.dd)::int AS dd, array_remove(array_agg(DISTINCT c.added), NULL) AS added
       FROM changes c JOIN chain r ON r.start = c.event_id AND r.next IS NULL GROUP BY r.id
     ),
     settled AS (
       SELECT e.id, d.da, d.dd, (
         SELECT coalesce(jsonb_agg(DISTINCT s), '[]'::jsonb) FROM (
           SELECT jsonb_array_elements_text(coalesce(e.centroid -> 'sourceIds', '[]'::jsonb)) AS s UNION SELECT unnest(d.added)
         ) u WHERE s <> $1::text) AS ids
       FROM event e JOIN delta d ON d.root = e.id
     )
     UPDATE event e SET article_count = greatest(e.article_count + s.da, 0), duplicate_count = greatest(e.duplicate_count + s.dd, 0),
       centroid = jsonb_set(e.centroid, '{sourceIds}', s.ids), source_count = jsonb_array_length(s.ids), updated_at = now()
     FROM settled s WHERE e.id = s.id`,
    [sourceId, heirs],
  );
}
