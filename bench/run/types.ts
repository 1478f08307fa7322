/** The shapes the runner composes: servers side by side, workloads against each, measurements out. */

export interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** Facts about the dataset that workloads need (looked up once, before any server starts). */
export interface WorkloadContext {
  articles: number;
  /** Numeric id of the most mentioned person. */
  popularPersonId: number;
  popularPersonMentions: number;
  /** Numeric id of the newest article that mentions at least three people (the deep page starts there). */
  deepArticleId: number;
  /** One-word full-text searches, one per language. */
  searchWords: { en: string; ar: string };
}

/** The schema a server speaks: the gateway's, or PostGraphile's generated one over the same tables. */
export type Dialect = "khabar" | "postgraphile";

export interface Workload {
  name: string;
  description: string;
  body(ctx: WorkloadContext, dialect?: Dialect): GraphqlBody;
  /** Dialects it has a query for; the gateway's only when absent. */
  dialects?: Dialect[];
  /** The answer reduced to a shape both dialects share (ids, titles), to compare servers. */
  shape?(data: Record<string, unknown>, dialect: Dialect): unknown;
}

/** A process answering GraphQL over HTTP. `url` is valid between start() and stop(). */
export interface Server {
  name: string;
  description: string;
  url: string;
  graphqlPath: string;
  /** The schema it speaks; "khabar" when absent. */
  dialect?: Dialect;
  /** The process to account CPU and memory to. */
  pid?: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SQL statements the server has sent so far, when it can tell. */
  statements?(): Promise<number>;
  /** Runs before every request (synchronously), e.g. to make each one miss the caches. */
  beforeRequest?(): void;
  /** The server is ready for a workload (e.g. a response cache primed); called before warm-up. */
  prepare?(): Promise<void>;
}

export interface ProcessSample {
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
}

export interface Measurement {
  server: string;
  workload: string;
  round: number;
  durationS: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  /** Statements per request under load (/metrics delta ÷ responses). */
  sqlPerRequest: number | null;
  /** Statements of one request sent alone, before the load. */
  sqlSingleRequest: number | null;
  cpuMsPerRequest: number | null;
  dbCpuMsPerRequest: number | null;
  loadGeneratorCpuMsPerRequest: number;
  rssMb: number | null;
  peakRssMb: number | null;
  responseBytes: number;
  /** sha1 of the workload's normalised answer (see Workload.shape), to compare servers. */
  shapeHash?: string;
  /** Servers that answered this workload in this round with a different shape than the first one did. */
  shapeMismatch?: boolean;
}
