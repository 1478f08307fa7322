import type { EntityManager } from "typeorm";
import { indexedLastSeen } from "./key-span";
import { EVENT_COLS as COLS, searchText, storedState, toSnapshot, type EventRow } from "./pg.event-rows";
import type { CandidateQuery, EventSnapshot, EventStore } from "./types";

/** Events over PostgreSQL; candidate lookup goes through the (key, last_seen) index of event_key, then the events' exact ends. */
export class PgEventStore implements EventStore {
  constructor(private readonly em: EntityManager) {}

  async candidates(q: CandidateQuery): Promise<EventSnapshot[]> {
    const keys = [...q.entityKeys, ...q.termKeys];
    if (keys.length === 0) return [];
    const rows: EventRow[] = await this.em.query(
      `SELECT ${COLS} FROM (
         SELECT k.event_id, count(*) AS overlap FROM event_key k
         WHERE k.key = ANY($1::text[]) AND k.last_seen >= $2 AND k.first_seen <= $3 GROUP BY k.event_id
       ) c JOIN event e ON e.id = c.event_id
       WHERE e.merged_into_id IS NULL AND e.ends_at >= $2 ORDER BY c.overlap DESC, e.id DESC LIMIT $4`,
      [keys, q.from, q.to, q.limit]);
    return rows.map(toSnapshot);
  }

  async get(id: string): Promise<EventSnapshot | undefined> {
    const rows: EventRow[] = await this.em.query(`SELECT ${COLS} FROM event e WHERE e.id = $1 AND e.merged_into_id IS NULL`, [Number(id)]);
    return rows[0] ? toSnapshot(rows[0]) : undefined;
  }

  async save(e: EventSnapshot): Promise<void> {
    const state = storedState(e);
    const search = searchText(e);
    await this.em.query(
      `INSERT INTO event (id, titles, summary, starts_at, ends_at, country_code, city, article_count, duplicate_count, source_count, languages, centroid, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, khabar_fold($13))
       ON CONFLICT (id) DO UPDATE SET titles = EXCLUDED.titles, summary = EXCLUDED.summary, starts_at = EXCLUDED.starts_at,
         ends_at = EXCLUDED.ends_at, country_code = EXCLUDED.country_code, city = EXCLUDED.city, article_count = EXCLUDED.article_count,
         duplicate_count = EXCLUDED.duplicate_count, source_count = EXCLUDED.source_count, languages = EXCLUDED.languages,
         centroid = EXCLUDED.centroid, search_text = EXCLUDED.search_text, updated_at = now()`,
      [Number(e.id), e.titles, e.summary ?? null, e.firstSeen, e.lastSeen, e.place?.country ?? null, e.place?.city ?? null,
        e.articleCount, e.duplicateCount, e.sourceCount, e.languages, JSON.stringify(state), search]);
    await this.em.query(`DELETE FROM event_key WHERE event_id = $1`, [Number(e.id)]);
    if (e.keys.length) {
      await this.em.query(
        `INSERT INTO event_key (key, event_id, first_seen, last_seen) SELECT DISTINCT k, $2::int, $3::timestamptz, $4::timestamptz FROM unnest($1::text[]) AS k`,
        [e.keys, Number(e.id), e.firstSeen, indexedLastSeen(e.lastSeen)]);
    }
  }

  async merge(into: string, from: string): Promise<void> {
    await this.em.query(
      `INSERT INTO article_event (article_id, event_id, count, salience, published_at)
       SELECT article_id, $1, count, salience, published_at FROM article_event WHERE event_id = $2
       ON CONFLICT (article_id, event_id) DO NOTHING`, [Number(into), Number(from)]);
    await this.em.query(`DELETE FROM article_event WHERE event_id = $1`, [Number(from)]);
    await this.em.query(`DELETE FROM event_key WHERE event_id = $1`, [Number(from)]);
    // Kept, pointing at the survivor, so ids handed out earlier still resolve.
    await this.em.query(`UPDATE event SET merged_into_id = $1, updated_at = now() WHERE id = $2`, [Number(into), Number(from)]);
    await this.em.query(`UPDATE event SET merged_into_id = $1 WHERE merged_into_id = $2`, [Number(into), Number(from)]);
  }

  async eventOfArticle(articleId: string): Promise<string | undefined> {
    const rows: { id: number }[] = await this.em.query(
      `SELECT x.event_id AS id FROM article_event x JOIN event e ON e.id = x.event_id WHERE x.article_id = $1 AND e.merged_into_id IS NULL LIMIT 1`,
      [Number(articleId)]);
    return rows[0] ? String(rows[0].id) : undefined;
  }

  async linkArticle(articleId: string, eventId: string): Promise<void> {
    await this.em.query(
      `INSERT INTO article_event (article_id, event_id, count, salience, published_at)
       SELECT a.id, $2, 1, 1, a.published_at FROM article a WHERE a.id = $1
       ON CONFLICT (article_id, event_id) DO NOTHING`, [Number(articleId), Number(eventId)]);
  }
}
