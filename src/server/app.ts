import http from "node:http";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import proxyaddr from "proxy-addr";
import type { DataSource } from "typeorm";
import { authMiddleware } from "../auth/auth.middleware";
import { budgetFor } from "../auth/budget";
import { ANONYMOUS, type Principal } from "../auth/roles";
import type { Cache } from "../cache";
import { RedisCache } from "../cache/redis.cache";
import type { Config } from "../config/config";
import { runWithStatementScope } from "../db/statement-counter";
import { buildKhabarSubgraphSchema } from "../federation/subgraph";
import type { Context, Services } from "../graphql/context";
import { createJitExecutor, type JitExecutor } from "../graphql/executor/jit.executor";
import { schemaGateway } from "../graphql/executor/schema.gateway";
import { fastPath, fastRunner, type FastRunner } from "../graphql/fast-path/fast-path";
import { PreparedOperations, preparedOperationsPlugin } from "../graphql/fast-path/prepared";
import { RequestCache } from "../graphql/loaders/cached-batch";
import { countryReference } from "../graphql/loaders/country-reference";
import { Loaders } from "../graphql/loaders/loaders";
import { accessPlugin, type AccessContext } from "../graphql/plugins/access.plugin";
import { formatErrorFor } from "../graphql/plugins/errors.plugin";
import { lifecyclePlugin, requestLogPlugin, startIntegratorServices, type IntegratorServices } from "../graphql/plugins/integrator";
import { limitsPlugin, type LimitsContext } from "../graphql/plugins/limits.plugin";
import { cacheHitCharger } from "../graphql/plugins/rate-limit";
import { requestIdMiddleware, requestIdOnRefusals, requestIdPlugin } from "../graphql/plugins/request-id";
import { createResponseCache, type ResponseCacheContext } from "../graphql/plugins/response-cache";
import { parseOptions, shapeRules } from "../graphql/plugins/shape-rules";
import { buildKhabarSchema } from "../graphql/schema";
import { startSubscriptionServer } from "../graphql/subscriptions/ws.server";
import { explorerRouter } from "./explorer";
import { corsHandler, type CorsHandler } from "./cors";
import { frontDoor, warmBodyErrors } from "./front-door";
import { healthRouter, metricsRouter } from "./health";

export interface AppDeps {
  config: Config;
  db: DataSource;
  cache: Cache;
  log: Logger;
  services?: Services;
}

type GatewayContext = Context & ResponseCacheContext & LimitsContext & AccessContext;

export interface RunningApp {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<GatewayContext>;
  integrator: IntegratorServices;
  /** The graphql-jit executor and its counters; absent with EXECUTOR=graphql-js. */
  jit?: JitExecutor;
  /** The fast path (operations Apollo has answered, run without it); absent with FAST_PATH off or graphql-js. */
  fast?: FastRunner;
}

/** Operations remembered per process: far more than the distinct operations real clients send. */
const JIT_MAX_OPERATIONS = 1000;

/** Express's `trust proxy` from its setting text: booleans, a hop count, or names/CIDRs. */
function trustProxy(text: string): boolean | number | string {
  if (text === "true" || text === "false") return text === "true";
  return /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * Counts this request's SQL statements and reports them as x-sql-statements on whatever answers it
 * (GraphQL, 401, 413, a cache hit), at the moment headers are written. Mounted outside production only:
 * the count follows the request through an AsyncLocalStorage, whose promise hooks cost 5-10% of a page's CPU.
 */
function statementScope() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const scope = { count: 0 };
    const writeHead = res.writeHead;
    res.writeHead = function reportStatements(this: Response, ...args: unknown[]) {
      if (!this.headersSent) this.setHeader("x-sql-statements", String(scope.count));
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as typeof res.writeHead;
    runWithStatementScope(scope, next);
  };
}

/** Body-parser and other HTTP-level refusals, as GraphQL-shaped JSON with the request id. */
function httpErrors(config: Config, log: Logger): ErrorRequestHandler {
  return (err: Error & { status?: number }, _req, res, _next) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, requestId: res.locals.requestId }, "http: unhandled error");
    const message =
      status === 413 ? `request body too large: the limit is ${config.maxBodyBytes} bytes after decompression (MAX_BODY_BYTES)` :
      status === 500 ? "Internal server error" : err.message;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST", requestId: res.locals.requestId } }] });
  };
}

type ContextFor = (principal: Principal, requestId: string) => Context;

function contextFactory({ config, db, cache, log, services }: AppDeps): ContextFor {
  return (principal, requestId) => ({
    requestId,
    config,
    db,
    cache,
    log: log.child({ requestId, keyId: principal.keyId }),
    loaders: new Loaders(db, new RequestCache(cache, config.cacheTtlSeconds, config.loaderCache)),
    services: services ?? {},
    auth: principal,
  });
}

interface Parts {
  deps: AppDeps;
  schema: GraphQLSchema;
  httpServer: http.Server;
  integrator: IntegratorServices;
  responseCache: ReturnType<typeof createResponseCache>;
  subscriptionServer?: { dispose(): Promise<void> };
  jit?: JitExecutor;
  prepared?: PreparedOperations;
}

function apolloServer({ deps, schema, httpServer, integrator, responseCache, subscriptionServer, jit, prepared }: Parts): ApolloServer<GatewayContext> {
  const { config, log } = deps;
  return new ApolloServer<GatewayContext>({
    // A custom executor can only be given to Apollo as a gateway; it serves the same local schema.
    ...(jit ? { gateway: schemaGateway(schema, jit.executor) } : { schema }),
    // Introspection is decided per role by the access plugin.
    introspection: true,
    includeStacktraceInErrorResponses: config.env === "development",
    validationRules: shapeRules(config),
    parseOptions: parseOptions(config),
    formatError: formatErrorFor(log, config.env === "development"),
    persistedQueries: { cache: integrator.persisted, ttl: config.apqTtlSeconds },
    allowBatchedHttpRequests: false,
    // The process's own shutdown (lifecycle.ts) stops Apollo first and then the rest. Apollo's handler would
    // race it, and a second stop() during the first never returns (5.5.1): the rest was never closed.
    stopOnTerminationSignals: false,
    plugins: [
      // Computing cache hints cost ~35% of CPU on a front page here; the response cache needs none.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      // Federated traces would hand resolver timings to anyone who asks with a header.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      lifecyclePlugin(integrator, subscriptionServer),
      // Tags each error with its request before formatError sees it.
      requestIdPlugin(),
      accessPlugin(config, integrator.safelist),
      // Before the response cache, which stores the cost this plugin reports.
      limitsPlugin({ maxFirst: config.maxFirst, buckets: config.rateLimit ? integrator.buckets : undefined }),
      ...(config.responseCache ? [responseCache.plugin] : []),
      // Last, so that it sees the cost the limits plugin has just counted.
      requestLogPlugin(),
      ...(jit && prepared ? [preparedOperationsPlugin(prepared, jit, config)] : []),
    ],
  });
}

async function assemble(deps: AppDeps, app: express.Express, httpServer: http.Server, integrator: IntegratorServices, cors: CorsHandler | undefined): Promise<RunningApp> {
  const { config, db, cache, log } = deps;
  const schema = config.federation ? buildKhabarSubgraphSchema() : buildKhabarSchema();
  const contextFor = contextFactory(deps);
  const rateBuckets = config.rateLimit ? integrator.buckets : undefined;
  const responseCache = createResponseCache(cache, config.cacheTtlSeconds, cacheHitCharger(config, rateBuckets));
  const subscriptionServer = integrator.hub && startSubscriptionServer({
    httpServer,
    // The subgraph SDL leaves subscriptions out; over WebSocket they are served from the full schema.
    schema: config.federation ? buildKhabarSchema() : schema,
    config,
    log,
    authenticator: integrator.authenticator,
    buckets: rateBuckets,
    safelist: integrator.safelist,
    persisted: integrator.persisted,
    source: integrator.hub,
    clientIp: (req) => proxyaddr(req, app.get("trust proxy fn")),
    contextFor: (principal, requestId, subscription) => ({ ...contextFor(principal, requestId), subscription }),
  });
  const jit = config.executor === "jit" ? createJitExecutor(schema, { maxOperations: JIT_MAX_OPERATIONS, compileAfter: config.jitCompileAfter }) : undefined;
  const prepared = jit && config.fastPath ? new PreparedOperations(JIT_MAX_OPERATIONS) : undefined;
  const apollo = apolloServer({ deps, schema, httpServer, integrator, responseCache, subscriptionServer, jit, prepared });
  await apollo.start();
  const fast = prepared && fastRunner({ schema, config, prepared, buckets: rateBuckets, cache, contextFor });

  // Before the explorer's GET /graphql route, whose router would answer a preflight with a bare Allow header.
  if (cors) app.use("/graphql", cors);
  app.use(healthRouter(db, cache));
  app.use(metricsRouter());
  app.use(explorerRouter());
  app.use(
    "/graphql",
    requestIdMiddleware,
    warmBodyErrors,
    ...(config.env !== "production" ? [statementScope()] : []),
    // body-parser inflates gzip/deflate/br itself and applies the limit to the inflated bytes.
    express.json({ limit: config.maxBodyBytes }),
    authMiddleware(integrator.authenticator),
    ...(config.responseCache ? [responseCache.middleware] : []),
    ...(fast ? [fastPath(fast)] : []),
    requestIdOnRefusals,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const principal = (res.locals.auth as Principal | undefined) ?? ANONYMOUS;
        return {
          ...contextFor(principal, res.locals.requestId as string),
          budget: budgetFor(principal, req.ip, config),
          responseCacheKey: res.locals.responseCacheKey as ResponseCacheContext["responseCacheKey"],
        };
      },
    }),
  );
  app.use(httpErrors(config, log));
  return { app, httpServer, apollo, integrator, jit, fast };
}

/**
 * The gateway: /graphql over HTTP (Apollo) and WebSocket (graphql-ws), with keys, costs, rate
 * limits, shape limits, persisted queries and, with FEDERATION, a subgraph schema.
 */
export async function createApp(deps: AppDeps): Promise<RunningApp> {
  const { config, db, cache, log } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy(config.trustProxy));
  let listener: http.RequestListener = app;
  const httpServer = http.createServer((req, res) => listener(req, res));
  const integrator = await startIntegratorServices({ config, db, cache, log });
  // Read before the first request, so no page pays for it; a gateway that starts while the database is down reads it later.
  await countryReference(db).catch((err: unknown) => log.warn({ err }, "graphql: country reference not read at start-up; the first page that needs it reads it"));
  try {
    const cors = corsHandler(config);
    const running = await assemble(deps, app, httpServer, integrator, cors);
    const buckets = config.rateLimit ? integrator.buckets : undefined;
    // Warm hits in one round trip need the cache and the buckets in the same Redis.
    const warmHits = config.responseCache && cache instanceof RedisCache && (!buckets || buckets.kind === "redis");
    // A response cache the HTTP server cannot look up leaves every anonymous query to Express's cache middleware.
    const fast = config.responseCache && !warmHits ? undefined : running.fast;
    if (warmHits || fast) {
      listener = frontDoor({
        config,
        cors,
        warm: warmHits ? { getAndCharge: (key, charge) => cache.getAndCharge(key, charge), charging: !!buckets } : undefined,
        fast,
        clientIp: (req) => proxyaddr(req, app.get("trust proxy fn")),
      }, app);
    }
    return running;
  } catch (err) {
    // Nothing will stop Apollo if it never started, so the services' connections are closed here.
    await integrator.close();
    throw err;
  }
}
