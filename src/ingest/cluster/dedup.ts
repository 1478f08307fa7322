import { fmix32, fnv1a, seeds } from "./hash";
import { tokenize } from "./text";
import { DedupError } from "./errors";

/**
 * Near-duplicate detection with MinHash over word shingles of the normalised body.
 * The estimate of the shingle-set Jaccard similarity is the share of equal MinHash slots;
 * LSH bands turn a signature into integer keys so candidates come from an index, not a scan.
 */
export const DEDUP_PERMUTATIONS = 128;
export const DEDUP_BANDS = 32;
export const DEDUP_ROWS = DEDUP_PERMUTATIONS / DEDUP_BANDS;
/** Words per shingle. */
export const DEDUP_SHINGLE = 3;
/** Estimated Jaccard at or above which two bodies are the same story text (chosen on tests/fixtures/events, see README). */
export const DEDUP_THRESHOLD = 0.5;
/** Bodies with fewer shingles than this get no index keys: a two-line teaser matches too easily. */
export const DEDUP_MIN_SHINGLES = 12;

export interface DedupSignature {
  /** One minimum per permutation; all 0xffffffff for an empty body. */
  hashes: Uint32Array;
  /** Distinct shingles in the body. */
  shingles: number;
}

const PERM_SEEDS = seeds(DEDUP_PERMUTATIONS, 0x6b686162);
const EMPTY = 0xffffffff;

/** The body's distinct shingle hashes, as int32 (small integers, not heap numbers), sorted. */
function shingleHashes(text: string): Int32Array {
  const toks = tokenize(text);
  // A body shorter than one shingle is one shingle of all its words.
  if (toks.length < DEDUP_SHINGLE) return toks.length === 0 ? new Int32Array(0) : Int32Array.of(joinedHash(toks, 0, toks.length));
  const all = new Int32Array(toks.length - DEDUP_SHINGLE + 1);
  for (let i = 0; i < all.length; i++) all[i] = joinedHash(toks, i, i + DEDUP_SHINGLE);
  all.sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i];
  return all.subarray(0, distinct);
}

/** fnv1a of toks[from..to) joined by spaces, without building the string (FNV-1a chains through its seed). */
function joinedHash(toks: string[], from: number, to: number): number {
  let h = fnv1a(toks[from]);
  for (let i = from + 1; i < to; i++) h = fnv1a(toks[i], fnv1a(" ", h));
  return h | 0;
}

/** Signature of a body text (plain text; title and boilerplate headers are better left out). */
export function dedupSignature(bodyText: string): DedupSignature {
  const hashes = new Uint32Array(DEDUP_PERMUTATIONS).fill(EMPTY);
  const shingles = shingleHashes(bodyText);
  for (let s = 0; s < shingles.length; s++) {
    const sh = shingles[s];
    for (let i = 0; i < DEDUP_PERMUTATIONS; i++) {
      const v = fmix32(sh ^ PERM_SEEDS[i]);
      if (v < hashes[i]) hashes[i] = v;
    }
  }
  return { hashes, shingles: shingles.length };
}

/** Estimated Jaccard similarity of the two bodies' shingle sets, 0..1. */
export function dedupSimilarity(a: DedupSignature, b: DedupSignature): number {
  if (a.shingles === 0 || b.shingles === 0) return 0;
  checkLength(a);
  checkLength(b);
  let same = 0;
  for (let i = 0; i < DEDUP_PERMUTATIONS; i++) if (a.hashes[i] === b.hashes[i]) same++;
  return same / DEDUP_PERMUTATIONS;
}

export function isNearDuplicate(a: DedupSignature, b: DedupSignature, threshold = DEDUP_THRESHOLD): boolean {
  return dedupSimilarity(a, b) >= threshold;
}

/**
 * LSH keys, one per band, each a decimal integer below 2^53 (band index in the top bits,
 * a 48-bit hash of the band's rows below) so the lead can store them as BIGINT.
 * Two signatures share at least one key with probability 1-(1-J^4)^32: 0.87 at J=0.5, 0.99 at J=0.6.
 */
export function dedupKeys(sig: DedupSignature): string[] {
  if (sig.shingles < DEDUP_MIN_SHINGLES) return [];
  checkLength(sig);
  const keys: string[] = [];
  for (let b = 0; b < DEDUP_BANDS; b++) {
    let lo = 0x9747b28c ^ b;
    let hi = 0x5bd1e995 ^ b;
    for (let r = 0; r < DEDUP_ROWS; r++) {
      const v = sig.hashes[b * DEDUP_ROWS + r];
      lo = fmix32(lo ^ v);
      hi = fmix32(hi ^ Math.imul(v, 0x27d4eb2d));
    }
    const key = b * 2 ** 48 + (hi & 0xffff) * 2 ** 32 + (lo >>> 0);
    keys.push(String(key));
  }
  return keys;
}

/** Compact text form for a database column: shingle count, a colon, base64 of the little-endian hashes. */
export function encodeSignature(sig: DedupSignature): string {
  checkLength(sig);
  const bytes = Buffer.alloc(DEDUP_PERMUTATIONS * 4);
  sig.hashes.forEach((h, i) => bytes.writeUInt32LE(h, i * 4));
  return `${sig.shingles}:${bytes.toString("base64")}`;
}

export function decodeSignature(text: string): DedupSignature {
  const m = /^(\d+):([A-Za-z0-9+/=]+)$/.exec(text);
  const bytes = m ? Buffer.from(m[2], "base64") : undefined;
  if (!m || !bytes || bytes.length !== DEDUP_PERMUTATIONS * 4) {
    throw new DedupError(
      "DEDUP_BAD_SIGNATURE",
      `cluster.dedup: expected "<shingles>:<base64 of ${DEDUP_PERMUTATIONS * 4} bytes>", got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  const hashes = new Uint32Array(DEDUP_PERMUTATIONS);
  for (let i = 0; i < DEDUP_PERMUTATIONS; i++) hashes[i] = bytes.readUInt32LE(i * 4);
  return { hashes, shingles: Number(m[1]) };
}

function checkLength(sig: DedupSignature): void {
  if (sig.hashes.length !== DEDUP_PERMUTATIONS) {
    throw new DedupError(
      "DEDUP_BAD_SIGNATURE",
      `cluster.dedup: expected a signature of ${DEDUP_PERMUTATIONS} hashes, got ${sig.hashes.length}`,
    );
  }
}
