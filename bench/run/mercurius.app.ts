import Fastify, { type FastifyInstance } from "fastify";
import mercurius, { type MercuriusLoaders } from "mercurius";
import { fromGlobalId, toGlobalId } from "../../src/graphql/global-id";
import { localise } from "../../src/graphql/language";
import { groupBy } from "../../src/graphql/loaders/group-by";
import { queryScripts, simpleTsQuery } from "../../src/graphql/loaders/text-query";

/**
 * The comparison the issue names beside PostGraphile: Mercurius on Fastify with graphql-jit, written
 * the way its documentation suggests (an SDL schema, resolvers, per-field `loaders` that batch one
 * statement per field and request). It speaks the gateway's dialect for the benchmark's pages — the
 * same query text, field names and global ids — so both answer the same request body and are
 * checked against the same shape. Only what those pages read is here.
 */

export type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export const MERCURIUS_SCHEMA = `
type Query {
  articles(first: Int!, filter: ArticleFilter): ArticleConnection!
  article(id: ID!): Article
  person(id: ID!): Person
}
input ArticleFilter { q: String }
type ArticleConnection { edges: [ArticleEdge!]! pageInfo: PageInfo! }
type ArticleEdge { node: Article! }
type PageInfo { endCursor: String hasNextPage: Boolean! }
type Article {
  id: ID!
  title: String!
  summary: String
  publishedAt: String!
  language: String!
  source: Source!
  images: [Image!]!
  people(first: Int = 10): [Person!]!
  countries: [Country!]!
}
type Source { name: String! }
type Image { url: String! caption: String credit: String }
type Person { id: ID! name: String! articles(first: Int!): ArticleConnection! }
type Country { code: String! name: String! }
`;

interface ArticleRow { id: number; title: string; summary: string | null; published_at: Date; language: string; source_id: number }
interface Article { rowId: number; id: string; title: string; summary: string | null; publishedAt: string; language: string; sourceId: number }
interface Person { rowId: number; id: string; name: string }
interface Connection { edges: { node: Article }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }

const ARTICLE_COLUMNS = "a.id, a.title, a.summary, a.published_at, a.language, a.source_id";

const article = (r: ArticleRow): Article => ({
  rowId: r.id, id: toGlobalId("Article", r.id), title: r.title, summary: r.summary,
  publishedAt: r.published_at.toISOString(), language: r.language, sourceId: r.source_id,
});

const person = (r: { id: number; names: Record<string, string> }): Person => ({ rowId: r.id, id: toGlobalId("Person", r.id), name: localise(r.names, undefined) });

/** `first + 1` rows read → a page of `first` and whether more follow. */
function connection(rows: ArticleRow[], first: number): Connection {
  const page = rows.slice(0, first).map(article);
  const last = page[page.length - 1];
  const endCursor = last ? Buffer.from(`${last.publishedAt}|${last.rowId}`).toString("base64url") : null;
  return { edges: page.map((node) => ({ node })), pageInfo: { endCursor, hasNextPage: rows.length > first } };
}

function rowIdOf(id: string, type: "Article" | "Person"): number {
  const decoded = fromGlobalId(id);
  if (decoded.type !== type) throw new Error(`mercurius: expected a ${type} id, got a ${decoded.type} id`);
  return Number(decoded.key);
}

/** The same text search as the gateway's (the query's language by script, or the folded `simple` vector). */
function searchSql(q: string, params: unknown[]): string {
  const { arabic } = queryScripts(q);
  params.push(q);
  const parts = [`t.tsv_lang @@ websearch_to_tsquery('${arabic ? "arabic" : "english"}', $${params.length})`];
  const simple = simpleTsQuery(q);
  if (simple) {
    params.push(simple);
    parts.push(`t.tsv_simple @@ to_tsquery('simple', $${params.length})`);
  }
  return `WHERE ${parts.join(" OR ")}`;
}

function resolvers(query: Query) {
  return {
    Query: {
      async articles(_: unknown, args: { first: number; filter?: { q?: string } }) {
        const params: unknown[] = [];
        const q = args.filter?.q;
        const where = q ? searchSql(q, params) : "";
        // A search walks the text table (search vectors on its rows), as the gateway's does.
        const from = q ? "article_text t JOIN article a ON a.id = t.article_id" : "article a";
        const order = q ? "t.published_at DESC, t.article_id DESC" : "a.published_at DESC, a.id DESC";
        params.push(args.first + 1);
        const rows = await query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM ${from} ${where} ORDER BY ${order} LIMIT $${params.length}`, params);
        return connection(rows, args.first);
      },
      async article(_: unknown, args: { id: string }) {
        const [row] = await query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id = $1`, [rowIdOf(args.id, "Article")]);
        return row ? article(row) : null;
      },
      async person(_: unknown, args: { id: string }) {
        const [row] = await query<{ id: number; names: Record<string, string> }>(`SELECT id, names FROM person WHERE id = $1`, [rowIdOf(args.id, "Person")]);
        return row ? person(row) : null;
      },
    },
  };
}

type Batch<P> = { obj: P; params: Record<string, unknown> }[];

/** Parents grouped by a page size argument: one statement per distinct size (one in every benchmark page). */
function bySize<P>(batch: Batch<P>): Map<number, P[]> {
  const out = new Map<number, P[]>();
  for (const { obj, params } of batch) {
    const size = Number(params.first);
    const list = out.get(size);
    if (list) list.push(obj);
    else out.set(size, [obj]);
  }
  return out;
}

function loaders(query: Query): MercuriusLoaders {
  return {
    Article: {
      async source(batch: Batch<Article>) {
        const rows = await query<{ id: number; name: string }>(`SELECT id, name FROM source WHERE id = ANY($1::int[])`, [[...new Set(batch.map((b) => b.obj.sourceId))]]);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return batch.map((b) => byId.get(b.obj.sourceId));
      },
      async images(batch: Batch<Article>) {
        const ids = batch.map((b) => b.obj.rowId);
        const rows = await query<{ article_id: number; url: string; caption: string | null; credit: string | null }>(
          `SELECT article_id, url, caption, credit FROM article_image WHERE article_id = ANY($1::int[]) ORDER BY article_id, position`, [ids]);
        return groupBy(ids, rows, (r) => r.article_id);
      },
      async people(batch: Batch<Article>) {
        const found = new Map<number, Person[]>();
        for (const [size, parents] of bySize(batch)) {
          const ids = parents.map((a) => a.rowId);
          const rows = await query<{ article_id: number; id: number; names: Record<string, string> }>(
            `SELECT x.article_id, p.id, p.names FROM unnest($1::int[]) AS k(id)
             CROSS JOIN LATERAL (SELECT x.article_id, x.person_id, x.salience, x.count FROM article_person x WHERE x.article_id = k.id
                                 ORDER BY x.salience DESC, x.count DESC, x.person_id LIMIT $2) x
             JOIN person p ON p.id = x.person_id
             ORDER BY x.article_id, x.salience DESC, x.count DESC, x.person_id`, [ids, size]);
          groupBy(ids, rows, (r) => r.article_id).forEach((list, i) => found.set(ids[i], list.map(person)));
        }
        return batch.map((b) => found.get(b.obj.rowId) ?? []);
      },
      async countries(batch: Batch<Article>) {
        const ids = batch.map((b) => b.obj.rowId);
        const rows = await query<{ article_id: number; code: string; name: string }>(
          `SELECT ac.article_id, c.code, c.name_en AS name FROM article_country ac JOIN country c ON c.code = ac.country_code
           WHERE ac.article_id = ANY($1::int[]) ORDER BY ac.article_id, ac.salience DESC, ac.count DESC, ac.country_code`, [ids]);
        return groupBy(ids, rows, (r) => r.article_id);
      },
    },
    Person: {
      async articles(batch: Batch<Person>) {
        const found = new Map<number, Connection>();
        for (const [size, parents] of bySize(batch)) {
          const ids = parents.map((p) => p.rowId);
          const rows = await query<ArticleRow & { person_id: number }>(
            `SELECT x.person_id, ${ARTICLE_COLUMNS} FROM unnest($1::int[]) AS k(id)
             CROSS JOIN LATERAL (SELECT x.person_id, x.article_id, x.published_at FROM article_person x WHERE x.person_id = k.id
                                 ORDER BY x.published_at DESC, x.article_id DESC LIMIT $2) x
             JOIN article a ON a.id = x.article_id
             ORDER BY x.person_id, x.published_at DESC, x.article_id DESC`, [ids, size + 1]);
          groupBy(ids, rows, (r) => r.person_id).forEach((list, i) => found.set(ids[i], connection(list, size)));
        }
        return batch.map((b) => found.get(b.obj.rowId));
      },
    },
  };
}

/** The Fastify app: POST /graphql, with graphql-jit after the first execution of an operation. */
export async function buildMercuriusApp(query: Query): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(mercurius, { schema: MERCURIUS_SCHEMA, resolvers: resolvers(query), loaders: loaders(query), jit: 1, graphiql: false });
  return app;
}
