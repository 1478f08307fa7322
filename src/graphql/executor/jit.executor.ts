import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";
import { asGraphQLError } from "./errors";
import { answerTypesSynchronously } from "./type-resolvers";
import type { GatewayExecutor, GatewayRequestContext, GatewayResult } from "./gateway.types";

export interface JitStats {
  /** Operations compiled (cache misses jit could compile). */
  compiled: number;
  /** Requests whose operation was found in the cache (compiled or known to be uncompilable). */
  cacheHits: number;
  /** Requests answered by compiled code. */
  jitRuns: number;
  /** Requests run by graphql-js: operations not compiled (yet, or ever), subscriptions, refused variables. */
  fallbacks: number;
}

export interface JitExecutor {
  executor: GatewayExecutor;
  /** Counts what went through `executor` (requests the fast path answers are not in it). */
  stats: JitStats;
  /** An operation's compiled form if it has been compiled, looked up without counting or ageing it. */
  compiledFor(queryHash: string, operationName: string | undefined): CompiledQuery | undefined;
}

export interface JitOptions {
  /** Operations remembered (least recently used dropped first). */
  maxOperations: number;
  /**
   * Requests of one operation before it is compiled (graphql-js runs the ones before). Compiling
   * costs several executions, so a stream of one-off documents should not pay for it.
   */
  compileAfter: number;
}

/** An operation's compiled form, or `false` when jit cannot compile it. */
type Entry = CompiledQuery | false;

interface Slot {
  seen: number;
  entry?: Entry;
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Entry {
  try {
    const compiled = compileQuery(schema, document, operationName);
    return isCompiledQuery(compiled) ? compiled : false;
  } catch {
    // Any compiler failure leaves the operation to graphql-js, which reports it properly if it is invalid.
    return false;
  }
}

// queryHash is Apollo's sha256 of the document text; one document may hold several operations.
const keyOf = (queryHash: string, operationName: string | undefined) => `${operationName ?? ""}:${queryHash}`;

/** jit reports `errors: []` on success, which Apollo would print as an empty list. */
function tidy(result: ExecutionResult): GatewayResult {
  return result.errors?.length ? { data: result.data, errors: result.errors.map(asGraphQLError) } : { data: result.data };
}

/**
 * Runs operations with graphql-jit, compiled once per (document text, operation name) for this
 * schema; anything jit cannot do runs with graphql-js `execute`, so results and errors stay the same.
 */
export function createJitExecutor(schema: GraphQLSchema, { maxOperations, compileAfter }: JitOptions): JitExecutor {
  answerTypesSynchronously(schema);
  const cache = new LRUCache<string, Slot>({ max: maxOperations });
  const stats: JitStats = { compiled: 0, cacheHits: 0, jitRuns: 0, fallbacks: 0 };

  const viaGraphqlJs = (rc: GatewayRequestContext, operationName: string | undefined): Promise<GatewayResult> => {
    stats.fallbacks += 1;
    return Promise.resolve(execute({ schema, document: rc.document, contextValue: rc.context, variableValues: rc.request.variables, operationName }));
  };

  /** The compiled operation, `false` if jit cannot compile it, `undefined` while it is too new to compile. */
  const entryFor = (rc: GatewayRequestContext, operationName: string | undefined): Entry | undefined => {
    const key = keyOf(rc.queryHash, operationName);
    let slot = cache.get(key);
    if (!slot) cache.set(key, (slot = { seen: 0 }));
    slot.seen += 1;
    if (slot.entry !== undefined) {
      stats.cacheHits += 1;
      return slot.entry;
    }
    if (slot.seen < compileAfter) return undefined;
    slot.entry = compile(schema, rc.document, operationName);
    if (slot.entry) stats.compiled += 1;
    return slot.entry;
  };

  const executor: GatewayExecutor = async (rc) => {
    const operationName = rc.operationName ?? undefined;
    // Subscriptions over HTTP get graphql-js's own answer; they are served over WebSocket.
    if (rc.operation.operation === "subscription") return viaGraphqlJs(rc, operationName);
    const compiled = entryFor(rc, operationName);
    if (!compiled) return viaGraphqlJs(rc, operationName);
    const result = await compiled.query(undefined, rc.context, rc.request.variables);
    // No data at all: variables were refused before anything ran; graphql-js words (and codes) those errors.
    if (result.data === undefined && result.errors?.length) return viaGraphqlJs(rc, operationName);
    stats.jitRuns += 1;
    return tidy(result);
  };
  const compiledFor = (queryHash: string, operationName: string | undefined) => cache.peek(keyOf(queryHash, operationName))?.entry || undefined;
  return { executor, stats, compiledFor };
}
