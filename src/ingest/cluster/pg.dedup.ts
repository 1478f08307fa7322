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

interface Candidate { id: number; signature: DedupSignature | undefined; originalId: number | undefined }

/** Stored candidates per probe (by index in the batch): at most MAX_CANDIDATES ids each, lowest first. */
export type StoredCandidates = Map<number, Candidate[]>;

interface Row { newId: number | null; id: number; sig: string | null; originalId: number | null; items: number[] }

// $1 ids taken from the article sequence; $2 the probes' bands: stored articles sharing a band with each.
const IDS_AND_CANDIDATES = `
  SELECT nextval(pg_get_serial_sequence('article', 'id'))::int AS "newId", NULL::int AS id, NULL::text AS sig, NULL::int AS "originalId", NULL::int[] AS items
  FROM generate_series(1, $1::int)
  UNION ALL
  SELECT NULL, a.id, a.dedup_signature, a.original_id, h.items FROM (
    SELECT c.id, array_agg(q.i) AS items FROM jsonb_to_recordset($2::jsonb) AS q(i int, bands bigint[])
    CROSS JOIN LATERAL (SELECT s.id FROM article s WHERE s.dedup_bands && q.bands ORDER BY 1 LIMIT ${MAX_CANDIDATES}) c
    GROUP BY c.id) h
  JOIN article a ON a.id = h.id`;

/**
 * Ids for `count` new articles (ascending) and the stored articles sharing a band with each probe,
 * in one statement: the ids come from the sequence, so they are above every stored id.
 */
export async function newIdsAndCandidates(em: EntityManager, count: number, probes: (DedupProbe | undefined)[]): Promise<{ ids: number[]; stored: StoredCandidates }> {
  const asked = probes.flatMap((p, i) => (p && p.bands.length ? [{ i, bands: p.bands }] : []));
  const rows: Row[] = await em.query(IDS_AND_CANDIDATES, [count, JSON.stringify(asked)]);
  const ids: number[] = [];
  const stored: StoredCandidates = new Map();
  for (const r of rows) {
    if (r.newId !== null) {
      ids.push(r.newId);
      continue;
    }
    const c: Candidate = { id: r.id, signature: r.sig ? decodeSignature(r.sig) : undefined, originalId: r.originalId ?? undefined };
    for (const i of r.items) {
      const list = stored.get(i);
      if (list) list.push(c);
      else stored.set(i, [c]);
    }
  }
  for (const list of stored.values()) list.sort((x, y) => x.id - y.id);
  return { ids: ids.sort((x, y) => x - y), stored };
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
 * Originals found for inserted articles among stored candidates that are not the batch's own (`own`):
 * what a second look finds once concurrent writers have committed. Undefined where none is close enough.
 */
export function lateOriginals(probes: DedupProbe[], stored: StoredCandidates, own: ReadonlySet<number>): (number | undefined)[] {
  return probes.map((probe, i) => bestOriginal(probe, (stored.get(i) ?? []).filter((c) => !own.has(c.id))));
}

/**
 * The original each new article copies, as if they were stored one by one in this order: stored
 * articles sharing a band are candidates, and so is every earlier article of the batch; `ids` are
 * the ids the new articles will get (ascending, above every stored id), `stored` their stored
 * candidates (`newIdsAndCandidates`). A copy points at the first article of its chain.
 */
export function findOriginals(probes: (DedupProbe | undefined)[], ids: readonly number[], stored: StoredCandidates): (number | undefined)[] {
  // The batch's earlier articles by band key: a probe meets only those sharing a band, without scanning them all.
  const earlierByBand = new Map<string, Candidate[]>();
  return probes.map((probe, i) => {
    if (!probe) return undefined;
    const inBatch = new Set<Candidate>();
    for (const band of probe.bands) for (const c of earlierByBand.get(band) ?? []) inBatch.add(c);
    const originalId = bestOriginal(probe, [...(stored.get(i) ?? []), ...inBatch].sort((x, y) => x.id - y.id));
    const self: Candidate = { id: ids[i], signature: probe.signature, originalId };
    for (const band of probe.bands) {
      const list = earlierByBand.get(band);
      if (list) list.push(self);
      else earlierByBand.set(band, [self]);
    }
    return originalId;
  });
}
