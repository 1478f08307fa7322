import Module from "node:module";
import path from "node:path";

/**
 * Preloaded into the PostGraphile child (node -r). The project pins graphql 16, PostGraphile 4 needs
 * 15, so npm nests graphql 15 twice: under postgraphile/ (with graphile-build) and under the hoisted
 * graphile-build-pg/ (with a second graphile-build). Two graphql copies build one schema and fail
 * at run time ("Unexpected input type: [ArticlesOrderBy!]"), so every graphql and graphile-build
 * request resolves to postgraphile's own copies.
 */
const postgraphileDir = path.dirname(require.resolve("postgraphile/package.json"));
const SHARED = new Set(["graphql", "graphile-build"]);

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const original = internals._resolveFilename;

internals._resolveFilename = function resolveShared(request, parent, ...rest) {
  const pkg = request.split("/")[0];
  if (SHARED.has(pkg)) {
    return original.call(this, request, { id: postgraphileDir, filename: path.join(postgraphileDir, "index.js"), paths: [path.join(postgraphileDir, "node_modules")] }, ...rest);
  }
  return original.call(this, request, parent, ...rest);
};
