import { sameContribution } from "./contribution";
import { readContributions, writeContributions, type Queryable } from "./contribution.store";
import { diffContributions, type ContributionChange, type RollupDelta } from "./delta";
import { applyAdditions, applyDelta, isAdditive } from "./delta.store";
import { eventKey } from "./keys";

// Bounds one statement's arrays when a source removal or a merge touches many articles.
const CHUNK = 1000;

export interface SyncResult {
  /** Articles whose contribution changed. */
  changed: number;
  entityDayRows: number;
  pairDayRows: number;
}

/**
 * Brings the rollups in line with the mention tables for these articles: reads what each contributes
 * now (nothing when it is gone or a near-duplicate) and what it contributed last time, and applies
 * the difference. Idempotent: a second call finds nothing to do. Call inside the writing transaction.
 */
export async function syncRollups(q: Queryable, articleIds: Iterable<number>): Promise<SyncResult> {
  const ids = [...new Set(articleIds)].sort((x, y) => x - y);
  const result: SyncResult = { changed: 0, entityDayRows: 0, pairDayRows: 0 };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const delta = await syncChunk(q, ids.slice(i, i + CHUNK), result);
    result.entityDayRows += delta.entityDays.length;
    result.pairDayRows += delta.pairDays.length;
  }
  return result;
}

async function syncChunk(q: Queryable, ids: number[], result: SyncResult): Promise<RollupDelta> {
  const { stored, current } = await readContributions(q, ids);
  const changes: ContributionChange[] = ids
    .map((id) => ({ old: stored.get(id), next: current.get(id) }))
    .filter((c) => !sameContribution(c.old, c.next));
  if (changes.length === 0) return { entityDays: [], pairDays: [], pairTotals: [] };
  result.changed += changes.length;
  const delta = diffContributions(changes);
  const next = changes.flatMap((c) => (c.next ? [c.next] : []));
  if (isAdditive(delta) && changes.every((c) => c.next)) {
    await applyAdditions(q, next, delta);
    return delta;
  }
  await writeContributions(q, changes.filter((c) => c.old && !c.next).map((c) => c.old!.articleId), next);
  await applyDelta(q, delta);
  return delta;
}

/**
 * After events merged into `survivor`: the articles that still count under an absorbed event's key
 * (their article_event rows have already moved), so their contributions move to the survivor.
 */
export async function articlesUnderEvents(q: Queryable, survivor: number, absorbed: readonly number[]): Promise<number[]> {
  if (absorbed.length === 0) return [];
  const rows: { id: number }[] = await q.query(
    `SELECT r.article_id AS id FROM article_event x JOIN article_rollup r ON r.article_id = x.article_id
     WHERE x.event_id = $1 AND r.keys && $2::text[]`,
    [survivor, absorbed.map(eventKey)]);
  return rows.map((r) => r.id);
}
