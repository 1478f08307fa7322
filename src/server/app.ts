import { randomUUID } from "node:crypto";
import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type NextFunction, type Request, type Response } from "express";
import depthLimit from "graphql-depth-limit";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { ANONYMOUS } from "../auth/roles";
import type { Cache } from "../cache";
import type { Config } from "../config/config";
import { runWithStatementScope } from "../db/statement-counter";
import type { Context, Services } from "../graphql/context";
import { RequestCache } from "../graphql/loaders/cached-batch";
import { Loaders } from "../graphql/loaders/loaders";
import { formatErrorFor } from "../graphql/plugins/errors.plugin";
import { limitsPlugin } from "../graphql/plugins/limits.plugin";
import { createResponseCache, type ResponseCacheContext } from "../graphql/plugins/response-cache";
import { buildKhabarSchema } from "../graphql/schema";
import { explorerRouter } from "./explorer";
import { healthRouter, metricsRouter } from "./health";

export interface AppDeps {
  config: Config;
  db: DataSource;
  cache: Cache;
  log: Logger;
  services?: Services;
}

export interface RunningApp {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context & ResponseCacheContext>;
}

interface Scoped { statements: { count: number } }

/** Counts this request's SQL statements (reported as x-sql-statements outside production). */
function statementScope(req: Request, res: Response, next: NextFunction) {
  const scope = { count: 0 };
  (res.locals as Scoped).statements = scope;
  runWithStatementScope(scope, next);
}

export async function createApp(deps: AppDeps): Promise<RunningApp> {
  const { config, db, cache, log } = deps;
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const responseCache = createResponseCache(cache, config.cacheTtlSeconds);

  const apollo = new ApolloServer<Context & ResponseCacheContext>({
    schema: buildKhabarSchema(),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.env === "development",
    validationRules: [depthLimit(config.maxDepth)],
    formatError: formatErrorFor(log, config.env === "development"),
    plugins: [
      // Computing cache hints cost ~35% of CPU on a front page here; the response cache needs none.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      limitsPlugin({ maxCost: config.maxCost, maxFirst: config.maxFirst }),
      ...(config.responseCache ? [responseCache.plugin] : []),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (config.env !== "production") {
                response.http.headers.set("x-sql-statements", String((contextValue as Context & Partial<Scoped>).statements?.count ?? 0));
              }
              response.http.headers.set("x-request-id", contextValue.requestId);
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(healthRouter(db, cache));
  app.use(metricsRouter());
  app.use(explorerRouter());
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    statementScope,
    ...(config.responseCache ? [responseCache.middleware] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = (typeof req.headers["x-request-id"] === "string" && req.headers["x-request-id"].slice(0, 64)) || randomUUID();
        return {
          requestId,
          config,
          db,
          cache,
          log: log.child({ requestId }),
          loaders: new Loaders(db, new RequestCache(cache, config.cacheTtlSeconds)),
          services: deps.services ?? {},
          auth: ANONYMOUS,
          responseCacheKey: res.locals.responseCacheKey as string | undefined,
          statements: (res.locals as Scoped).statements,
        };
      },
    }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, "http: unhandled error");
    const message = status === 413 ? "request body too large (limit 1 MB)" : status === 500 ? "Internal server error" : err.message;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  });
  return { app, httpServer, apollo };
}
