export * from "./types";
export { ClusterError, DedupError } from "./errors";
export type { ClusterErrorCode } from "./errors";
export {
  DEDUP_BANDS,
  DEDUP_MIN_SHINGLES,
  DEDUP_PERMUTATIONS,
  DEDUP_SHINGLE,
  DEDUP_THRESHOLD,
  decodeSignature,
  dedupKeys,
  dedupSignature,
  dedupSimilarity,
  encodeSignature,
  isNearDuplicate,
} from "./dedup";
export type { DedupSignature } from "./dedup";
export { InMemoryDedupIndex } from "./dedup.index";
export type { DedupMatch } from "./dedup.index";
export { DEFAULT_CLUSTER_OPTIONS, assignToEvent } from "./cluster";
export { articleFeatures, articleStatKeys, countryKey, idf, personKey, placeKey, termKey } from "./features";
export { eventKeys, eventPlace } from "./event";
export { eventSimilarity, scoreArticle } from "./score";
export { InMemoryEntityStats, InMemoryEventStore } from "./memory.store";
export { normaliseText, tokenize } from "./text";
export { contentTerms } from "./terms";
