import type { EntityManager } from "typeorm";
import { DEDUP_THRESHOLD, decodeSignature, dedupKeys, dedupSignature, dedupSimilarity, encodeSignature, type DedupSignature } from "./dedup";

// Bodies shorter than this share too many shingles by chance (boilerplate teasers, one-line items).
const MIN_WORDS = 40;
// Candidates read per new article, lowest ids first: the first articles of a chain are the originals.
const MAX_CANDIDATES = 200;

/** A new article's near-duplicate fingerprint: its MinHash signature and the LSH bands it is indexed under. */
export interface DedupProbe {
  signature: DedupSignature;
  /** Band keys (decimal BIGINTs); empty for bodies too short to index. */
  bands: string[];
  /** The signature as the article.dedup_signature column stores it. */
  encoded: string;
}

/** The probe of a body, or undefined when it is too short to compare (it is then never a copy, nor indexed). */
export function pgDedup(bodyText: string, wordCount: number): DedupProbe | undefined {
  if (wordCount < MIN_WORDS) return undefined;
  const signature = dedupSignature(bodyText);
  return { signature, bands: dedupKeys(signature), encoded: encodeSignature(signature) };
}

interface Candidate { id: number; signature: DedupSignature | undefined; originalId: number | undefined; bands?: Set<string> }

/** Stored articles sharing a band with each probe: per probe, at most MAX_CANDIDATES ids, lowest first. One statement. */
async function storedCandidates(em: EntityManager, probes: (DedupProbe | undefined)[]): Promise<Map<number, Candidate[]>> {
  const asked = probes.flatMap((p, i) => (p && p.bands.length ? [{ i, bands: p.bands }] : []));
  const out = new Map<number, Candidate[]>();
  if (asked.length === 0) return out;
  const rows: { id: number; sig: string | null; originalId: number | null; items: number[] }[] = await em.query(
    `SELECT a.id, a.dedup_signature AS sig, a.original_id AS "originalId", h.items FROM (
       SELECT c.id, array_agg(q.i) AS items FROM jsonb_to_recordset($1::jsonb) AS q(i int, bands bigint[])
       CROSS JOIN LATERAL (SELECT DISTINCT d.article_id AS id FROM article_dedup d WHERE d.band = ANY(q.bands) ORDER BY 1 LIMIT ${MAX_CANDIDATES}) c
       GROUP BY c.id) h
     JOIN article a ON a.id = h.id`,
    [JSON.stringify(asked)]);
  for (const r of rows) {
    const c: Candidate = { id: r.id, signature: r.sig ? decodeSignature(r.sig) : undefined, originalId: r.originalId ?? undefined };
    for (const i of r.items) {
      const list = out.get(i);
      if (list) list.push(c);
      else out.set(i, [c]);
    }
  }
  for (const list of out.values()) list.sort((x, y) => x.id - y.id);
  return out;
}

function bestOriginal(probe: DedupProbe, candidates: Candidate[]): number | undefined {
  let best: { id: number; similarity: number } | undefined;
  for (const c of candidates.slice(0, MAX_CANDIDATES)) {
    if (!c.signature) continue;
    const similarity = dedupSimilarity(probe.signature, c.signature);
    if (similarity >= DEDUP_THRESHOLD && (!best || similarity > best.similarity)) best = { id: c.originalId ?? c.id, similarity };
  }
  return best?.id;
}

/**
 * The original each new article copies, as if they were stored one by one in this order: stored
 * articles sharing a band are candidates, and so is every earlier article of the batch; `ids` are
 * the ids the new articles will get (ascending, above every stored id). A copy points at the first
 * article of its chain. One statement for the whole batch.
 */
export async function findOriginals(em: EntityManager, probes: (DedupProbe | undefined)[], ids: readonly number[]): Promise<(number | undefined)[]> {
  const stored = await storedCandidates(em, probes);
  const earlier: Candidate[] = [];
  return probes.map((probe, i) => {
    if (!probe) return undefined;
    const bands = new Set(probe.bands);
    const inBatch = bands.size ? earlier.filter((c) => [...c.bands!].some((b) => bands.has(b))) : [];
    const originalId = bestOriginal(probe, [...(stored.get(i) ?? []), ...inBatch].sort((x, y) => x.id - y.id));
    earlier.push({ id: ids[i], signature: probe.signature, originalId, bands });
    return originalId;
  });
}
