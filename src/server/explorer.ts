import path from "node:path";
import express, { type Router } from "express";

const ASSETS: Record<string, [pkg: string, file: string]> = {
  "react.js": ["react", "umd/react.production.min.js"],
  "react-dom.js": ["react-dom", "umd/react-dom.production.min.js"],
  "graphiql.js": ["graphiql", "graphiql.min.js"],
  "graphiql.css": ["graphiql", "graphiql.min.css"],
};

const EXAMPLE = `# Khabar — news as a graph. Try:
query FrontPage {
  articles(first: 10, filter: { languages: ["ar"] }) {
    totalCount
    edges { node { title publishedAt source { name } people(first: 5) { name(lang: "ar") } countries { code name(lang: "ar") } } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Khabar GraphQL explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/explorer/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style></head>
<body><div id="graphiql">Loading…</div>
<script src="/explorer/react.js"></script><script src="/explorer/react-dom.js"></script><script src="/explorer/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: "/graphql", headers: { "apollo-require-preflight": "true" } });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE)} }));
</script></body></html>`;

/** GraphiQL served from node_modules, so the explorer works without a CDN or network. */
export function explorerRouter(): Router {
  const router = express.Router();
  for (const [name, [pkg, rel]] of Object.entries(ASSETS)) {
    // Resolved through package.json because these packages' export maps hide their UMD builds.
    const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), rel);
    router.get(`/explorer/${name}`, (_req, res) => res.sendFile(path.resolve(file), { maxAge: "1d" }));
  }
  router.get("/graphql", (req, res, next) => {
    const wantsPage = req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
    if (!wantsPage || req.query.query !== undefined) return next();
    res.type("html").send(PAGE);
  });
  return router;
}
