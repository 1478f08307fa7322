import type { Queryable } from "../rollups";

/**
 * Maps person ids through merges: a worker's linker caches knowledge-base ids, so until it reloads
 * it may still name a person an analyst has since merged away. One indexed lookup per article.
 */
export async function followMerges<K>(q: Queryable, ids: Map<K, number>): Promise<Map<K, number>> {
  if (ids.size === 0) return ids;
  const rows: { id: number; survivor: number }[] = await q.query(
    `SELECT id, merged_into_id AS survivor FROM person WHERE id = ANY($1::int[]) AND merged_into_id IS NOT NULL`, [[...new Set(ids.values())]]);
  if (rows.length === 0) return ids;
  const survivor = new Map(rows.map((r) => [r.id, r.survivor]));
  return new Map([...ids].map(([k, id]) => [k, survivor.get(id) ?? id]));
}
