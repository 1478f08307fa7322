import type { EntityManager } from "typeorm";
import type { DedupHooks } from "../store/article.store";
import { DEDUP_THRESHOLD, decodeSignature, dedupKeys, dedupSignature, dedupSimilarity, encodeSignature, type DedupSignature } from "./dedup";

// Bodies shorter than this share too many shingles by chance (boilerplate teasers, one-line items).
const MIN_WORDS = 40;

/**
 * Near-duplicate lookup over the article_dedup band index: articles sharing a band are candidates,
 * their stored signatures decide, and a copy points at the first article of its chain.
 */
export function pgDedup(bodyText: string, wordCount: number): DedupHooks | undefined {
  if (wordCount < MIN_WORDS) return undefined;
  const sig: DedupSignature = dedupSignature(bodyText);
  const bands = dedupKeys(sig);
  return {
    async findOriginal(em: EntityManager) {
      const rows: { id: number; sig: string | null; originalId: number | null }[] = await em.query(
        `SELECT a.id, a.dedup_signature AS sig, a.original_id AS "originalId" FROM article a
         WHERE a.id IN (SELECT article_id FROM article_dedup WHERE band = ANY($1::bigint[])) ORDER BY a.id LIMIT 200`,
        [bands]);
      let best: { id: number; similarity: number } | undefined;
      for (const r of rows) {
        if (!r.sig) continue;
        const similarity = dedupSimilarity(sig, decodeSignature(r.sig));
        if (similarity >= DEDUP_THRESHOLD && (!best || similarity > best.similarity)) best = { id: r.originalId ?? r.id, similarity };
      }
      return best?.id;
    },
    async index(em: EntityManager, articleId: number) {
      await em.query(`UPDATE article SET dedup_signature = $2 WHERE id = $1`, [articleId, encodeSignature(sig)]);
      await em.query(
        `INSERT INTO article_dedup (band, article_id) SELECT b, $2 FROM unnest($1::bigint[]) AS b ON CONFLICT DO NOTHING`,
        [bands, articleId]);
    },
  };
}
