import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import {
  getOperationAST, GraphQLError, parse, specifiedRules, subscribe, validate,
  type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import type { Authenticator } from "../../auth/authenticator";
import type { Buckets } from "../../auth/bucket";
import { budgetFor } from "../../auth/budget";
import { presentedKey } from "../../auth/credentials";
import { AuthError, AuthThrottledError } from "../../auth/errors";
import type { Principal } from "../../auth/roles";
import type { Config } from "../../config/config";
import { introspectionForbidden, introspects, maySeeSchema, mustUseSafelist, unregisteredOperation } from "../plugins/access.plugin";
import { estimateCost } from "../plugins/cost";
import { formatError } from "../plugins/errors.plugin";
import { rateLimitedError } from "../plugins/rate-limit";
import { queryHash, type PersistedQueryStore, type Safelist } from "../plugins/safelist";
import { parseOptions, shapeRules } from "../plugins/shape-rules";
import type { SubscriptionContext, SubscriptionSession } from "./session";
import { SocketGuard, type EventSource } from "./stream";

export interface SubscriptionServerDeps {
  httpServer: Server;
  schema: GraphQLSchema;
  config: Config;
  log: Logger;
  authenticator: Authenticator;
  buckets?: Buckets;
  safelist: Safelist;
  persisted: PersistedQueryStore;
  source: EventSource;
  clientIp(req: IncomingMessage): string | undefined;
  contextFor(principal: Principal, requestId: string, session: SubscriptionSession): SubscriptionContext;
}

interface Connection {
  id: string;
  principal: Principal;
  ip: string | undefined;
  guard: SocketGuard;
}

type Params = Record<string, unknown> | undefined;

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** WebSocket close reasons are limited to 123 bytes. */
const reason = (text: string) => Buffer.from(text).subarray(0, 123).toString().replace(/\uFFFD$/, "");

/** Formats for the wire: Apollo's `http` extension means nothing on a WebSocket. */
function wire(log: Logger, exposeDetails: boolean, e: GraphQLError, requestId: string) {
  const { http: _http, ...extensions } = e.extensions as Record<string, unknown>;
  return formatError(log, exposeDetails, { ...e.toJSON(), extensions }, e.originalError ?? e, requestId);
}

const fail = (message: string, code: string, extensions: Record<string, unknown> = {}) => [new GraphQLError(message, { extensions: { code, ...extensions } })];

/** graphql-js request errors (no code, no original error) are the client's; Apollo names them the same way. */
function withCode(errors: readonly GraphQLError[], code: string): GraphQLError[] {
  return errors.map((e) => (e.extensions.code || e.originalError ? e : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, originalError: e.originalError, extensions: { ...e.extensions, code } })));
}

/**
 * graphql-ws on the HTTP server's /graphql: the key is checked at connection_init, and each
 * subscription goes through the same parse limits, validation, access rules and cost charge as
 * HTTP before its source stream is opened.
 */
export function startSubscriptionServer(deps: SubscriptionServerDeps): { dispose(): Promise<void> } {
  const { config, schema, log } = deps;
  const connections = new WeakMap<WebSocket, Connection>();
  const prepared = new WeakMap<ExecutionArgs, AsyncIterable<ExecutionResult>>();
  const rules = [...specifiedRules, ...shapeRules(config)];
  const exposeDetails = config.env === "development";
  const wss = new WebSocketServer({ server: deps.httpServer, path: "/graphql", maxPayload: config.maxBodyBytes });
  const requestIdOf = (socket: WebSocket, id: string) => `${connections.get(socket)?.id ?? "ws"}/${id}`.slice(0, 64);

  async function connect(socket: WebSocket, request: IncomingMessage, params: Params): Promise<boolean> {
    const ip = deps.clientIp(request);
    try {
      const key = presentedKey({
        authorization: str(params?.authorization) ?? request.headers.authorization,
        "x-api-key": str(params?.["x-api-key"]) ?? request.headers["x-api-key"],
      });
      const principal = await deps.authenticator.authenticate(key, ip);
      const guard = new SocketGuard(socket, { queueLimit: config.subscriptionQueueLimit, maxBufferedBytes: config.subscriptionMaxBufferedBytes },
        (why) => log.warn({ keyId: principal.keyId, ip, why }, "subscriptions: dropped a slow consumer"));
      connections.set(socket, { id: randomUUID(), principal, ip, guard });
      return true;
    } catch (err) {
      if (err instanceof AuthError) socket.close(4401, reason(`UNAUTHENTICATED: ${err.message}`));
      else if (err instanceof AuthThrottledError) socket.close(4290, reason(`RATE_LIMITED: ${err.message}`));
      else throw err;
      return false;
    }
  }

  type Payload = { query?: string; operationName?: string | null; variables?: Record<string, unknown> | null; extensions?: Record<string, unknown> | null };

  /** The subscription document a payload names (its text or a persisted hash), parsed and validated. */
  async function documentOf(payload: Payload): Promise<{ document: DocumentNode; query: string } | GraphQLError[]> {
    const hash = str((payload.extensions?.persistedQuery as Record<string, unknown> | undefined)?.sha256Hash);
    const query = payload.query || (hash && (await deps.persisted.get(`apq:${hash}`)));
    if (!query) return fail("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND");
    let document: DocumentNode;
    try {
      document = parse(query, parseOptions(config));
    } catch (err) {
      return withCode([err as GraphQLError], "GRAPHQL_PARSE_FAILED");
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length) return withCode(invalid, "GRAPHQL_VALIDATION_FAILED");
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return fail("Unable to identify the operation: name it with operationName.", "BAD_REQUEST");
    if (operation.operation !== "subscription") return fail("Only subscriptions are served over WebSocket; send queries and mutations with HTTP POST /graphql.", "BAD_REQUEST");
    return { document, query };
  }

  /** The same access rules and cost charge as HTTP; undefined when the subscription may start. */
  async function refusal(conn: Connection, document: DocumentNode, query: string, payload: Payload): Promise<GraphQLError[] | undefined> {
    const { principal } = conn;
    const sha = queryHash(query);
    if (mustUseSafelist(principal, config) && !deps.safelist.has(sha)) return [unregisteredOperation(sha, principal, config)];
    if (!maySeeSchema(principal, config) && introspects(schema, document)) return [introspectionForbidden(principal, config)];
    const budget = budgetFor(principal, conn.ip, config);
    let requested: number;
    try {
      requested = estimateCost({ schema, document, operationName: payload.operationName, variables: payload.variables ?? undefined, maxFirst: config.maxFirst });
    } catch (err) {
      return [err as GraphQLError];
    }
    if (requested > budget.maxCost) return fail(`Query is too complex: cost ${requested} exceeds the maximum of ${budget.maxCost}.`, "QUERY_TOO_COMPLEX", { limit: "cost", cost: requested, maxCost: budget.maxCost });
    const state = await deps.buckets?.take(budget.bucketKey, Math.max(1, requested), budget.policy);
    if (state && !state.allowed) return [rateLimitedError(requested, budget, state)];
    return undefined;
  }

  /** Everything HTTP checks, then the source stream is opened here, so its errors answer the Subscribe message. */
  async function prepare(socket: WebSocket, id: string, payload: Payload, open: number): Promise<ExecutionArgs | GraphQLError[]> {
    const conn = connections.get(socket);
    if (!conn) return fail("Connection not initialised", "UNAUTHENTICATED");
    if (open > config.subscriptionsPerSocket) return fail(`At most ${config.subscriptionsPerSocket} subscriptions per connection; complete one first.`, "RATE_LIMITED");
    const parsed = await documentOf(payload);
    if (Array.isArray(parsed)) return parsed;
    const refused = await refusal(conn, parsed.document, parsed.query, payload);
    if (refused) return refused;
    const contextValue = deps.contextFor(conn.principal, requestIdOf(socket, id), { source: deps.source, guard: conn.guard });
    const args: ExecutionArgs = { schema, document: parsed.document, operationName: payload.operationName, variableValues: payload.variables ?? undefined, contextValue };
    const result = await subscribe(args);
    if (!(Symbol.asyncIterator in result)) return withCode(result.errors ?? [], "BAD_USER_INPUT");
    prepared.set(args, result);
    return args;
  }

  const server = useServer<Params, { socket: WebSocket; request: IncomingMessage }>({
    schema,
    onConnect: (ctx) => connect(ctx.extra.socket, ctx.extra.request, ctx.connectionParams),
    onSubscribe: (ctx, id, payload) => prepare(ctx.extra.socket, id, payload, Object.keys(ctx.subscriptions).length),
    // onSubscribe already opened the source stream (so its errors answer the Subscribe message).
    subscribe: (args) => prepared.get(args) ?? subscribe(args),
    onError: (ctx, id, _payload, errors) => errors.map((e) => wire(log, exposeDetails, e, requestIdOf(ctx.extra.socket, id))),
    onNext: (ctx, id, _payload, _args, result) => {
      if (!result.errors) return;
      return { ...result, errors: result.errors.map((e) => wire(log, exposeDetails, e, requestIdOf(ctx.extra.socket, id))) };
    },
  }, wss);

  return { dispose: async () => server.dispose() };
}
