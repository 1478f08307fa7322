export type ClusterErrorCode = "DEDUP_BAD_SIGNATURE" | "CLUSTER_BAD_ARTICLE" | "CLUSTER_STORE_INCONSISTENT";

/** Errors of the near-duplicate and event-clustering module; `code` is stable for callers. */
export class ClusterError extends Error {
  readonly code: ClusterErrorCode;

  constructor(code: ClusterErrorCode, message: string) {
    super(message);
    this.name = "ClusterError";
    this.code = code;
  }
}

export class DedupError extends ClusterError {
  constructor(code: "DEDUP_BAD_SIGNATURE", message: string) {
    super(code, message);
    this.name = "DedupError";
  }
}
