import type { EntityManager } from "typeorm";
import type { ArticleInput } from "./article.store";

/** An article_source row: how one source links an article. */
export interface SourceLink { url: string; guid: string | null; publishedAt: Date }

/** One article the batch touches: stored before it (`id` set) or created by it (`slot` set). */
export interface Target {
  id?: number;
  /** Position among the articles the batch creates, in creation order. */
  slot?: number;
  contentHash: string;
  publishedAt: Date;
  /** Stored articles: their original when they are near-duplicates. */
  originalId: number | null;
  /** Link rows of the batch's sources as stored, and as the batch leaves them. */
  storedLinks: Map<number, SourceLink>;
  links: Map<number, SourceLink>;
  /** The content the batch writes: the newest version of the item (set when created or changed). */
  content?: ArticleInput;
}

interface Row {
  id: number;
  canonicalUrl: string;
  contentHash: string;
  publishedAt: Date;
  originalId: number | null;
  sourceId: number | null;
  linkUrl: string | null;
  guid: string | null;
  linkPublishedAt: Date | null;
}

const guidKey = (sourceId: number, guid: string) => `${sourceId}\n${guid}`;

/**
 * The identities an item may already have — (source, guid), canonical URL, content hash — read for a
 * whole batch in one statement, then kept up to date in memory as the batch creates, updates and
 * re-links articles, so the n-th item is identified exactly as if the n−1 before it had been stored.
 */
export class IdentityIndex {
  private readonly byId = new Map<number, Target>();
  private readonly byGuid = new Map<string, Target>();
  private readonly byUrl = new Map<string, Target>();
  /** Lowest stored id per content hash, as read. */
  private readonly firstByHash = new Map<string, Target>();
  /** Targets whose content the batch set: they carry their hash now, whatever was stored. */
  private readonly rehashed = new Map<string, Set<Target>>();
  private readonly hashOf = new Map<Target, string>();
  private created = 0;

  private constructor(private readonly em: EntityManager, private readonly sourceIds: number[]) {}

  static async read(em: EntityManager, items: readonly ArticleInput[]): Promise<IdentityIndex> {
    const index = new IdentityIndex(em, [...new Set(items.map((a) => a.sourceId))]);
    const guids = items.filter((a) => a.guid);
    const rows: (Row & { via: string; k: string })[] = await em.query(
      `WITH found AS (
         SELECT s.article_id AS id FROM article_source s JOIN unnest($1::int[], $2::text[]) AS q(source_id, guid)
           ON s.source_id = q.source_id AND s.guid = q.guid
         UNION
         SELECT a.id FROM article a WHERE a.canonical_url = ANY($3::text[])
         UNION
         SELECT min(a.id) FROM article a WHERE a.content_hash = ANY($4::text[]) GROUP BY a.content_hash)
       ${selectFound("$5")}`,
      [guids.map((a) => a.sourceId), guids.map((a) => a.guid), [...new Set(items.map((a) => a.canonicalUrl))], [...new Set(items.map((a) => a.contentHash))], index.sourceIds]);
    index.add(rows, new Set(items.map((a) => a.contentHash)));
    return index;
  }

  /** The article an item already is: by (source, guid), else by canonical URL, else by content hash. */
  async find(a: ArticleInput): Promise<Target | undefined> {
    return (a.guid ? this.byGuid.get(guidKey(a.sourceId, a.guid)) : undefined) ?? this.byUrl.get(a.canonicalUrl) ?? this.byHash(a.contentHash);
  }

  /** A new article of the batch, identified from now on by its URL and hash (its guid once linked). */
  create(a: ArticleInput): Target {
    const t: Target = { slot: this.created++, contentHash: a.contentHash, publishedAt: a.publishedAt, originalId: null, storedLinks: new Map(), links: new Map(), content: a };
    this.byUrl.set(a.canonicalUrl, t);
    this.rehash(t, a.contentHash);
    return t;
  }

  /** The item's content replaces the article's (its first source and canonical URL stay). */
  change(t: Target, a: ArticleInput): void {
    t.content = a;
    t.publishedAt = a.publishedAt;
    for (const link of t.links.values()) link.publishedAt = a.publishedAt;
    this.rehash(t, a.contentHash);
  }

  /** Links the article to the item's source, as an upsert of article_source would. */
  link(t: Target, a: ArticleInput): void {
    const before = t.links.get(a.sourceId);
    const guid = a.guid ?? before?.guid ?? null;
    if (before?.guid && before.guid !== guid && this.byGuid.get(guidKey(a.sourceId, before.guid)) === t) this.byGuid.delete(guidKey(a.sourceId, before.guid));
    t.links.set(a.sourceId, { url: a.url, guid, publishedAt: a.publishedAt });
    if (guid) this.byGuid.set(guidKey(a.sourceId, guid), t);
  }

  /** Articles the batch creates, in creation order. */
  get createdCount(): number {
    return this.created;
  }

  private rehash(t: Target, hash: string): void {
    const before = this.hashOf.get(t);
    if (before !== undefined) this.rehashed.get(before)?.delete(t);
    t.contentHash = hash;
    this.hashOf.set(t, hash);
    const set = this.rehashed.get(hash) ?? new Set<Target>();
    set.add(t);
    this.rehashed.set(hash, set);
  }

  /** Lowest id with this hash now: stored articles first (lowest id), then the batch's own in creation order. */
  private async byHash(hash: string): Promise<Target | undefined> {
    let first = this.firstByHash.get(hash);
    // The stored first one has since changed: the next stored article with the hash takes its place.
    if (first && first.contentHash !== hash) first = await this.nextStored(hash);
    const all = [...(first ? [first] : []), ...(this.rehashed.get(hash) ?? [])];
    return all.sort(byAge)[0];
  }

  private async nextStored(hash: string): Promise<Target | undefined> {
    const changed = [...this.byId.values()].filter((t) => t.content && t.contentHash !== hash).map((t) => t.id!);
    const rows: Row[] = await this.em.query(
      `WITH found AS (SELECT a.id FROM article a WHERE a.content_hash = $1 AND a.id <> ALL($2::int[]) ORDER BY a.id LIMIT 1) ${selectFound("$3")}`,
      [hash, changed, this.sourceIds]);
    const t = this.add(rows, new Set([hash]));
    this.firstByHash.set(hash, t[0]);
    return t[0];
  }

  private add(rows: Row[], hashes: Set<string>): Target[] {
    const out: Target[] = [];
    for (const r of rows) {
      let t = this.byId.get(r.id);
      if (!t) {
        t = { id: r.id, contentHash: r.contentHash, publishedAt: new Date(r.publishedAt), originalId: r.originalId, storedLinks: new Map(), links: new Map() };
        this.byId.set(r.id, t);
        this.byUrl.set(r.canonicalUrl, t);
        const first = this.firstByHash.get(r.contentHash);
        if (hashes.has(r.contentHash) && (!first || first.id! > r.id)) this.firstByHash.set(r.contentHash, t);
      }
      if (r.sourceId !== null && !t.storedLinks.has(r.sourceId)) {
        const link: SourceLink = { url: r.linkUrl!, guid: r.guid, publishedAt: new Date(r.linkPublishedAt!) };
        t.storedLinks.set(r.sourceId, link);
        t.links.set(r.sourceId, { ...link });
        if (r.guid) this.byGuid.set(guidKey(r.sourceId, r.guid), t);
      }
      out.push(t);
    }
    return out;
  }
}

/** Found articles with their links from the batch's sources (parameter `p`): one row per (article, link). */
const selectFound = (p: string) => `
  SELECT a.id, a.canonical_url AS "canonicalUrl", a.content_hash AS "contentHash", a.published_at AS "publishedAt", a.original_id AS "originalId",
    l.source_id AS "sourceId", l.url AS "linkUrl", l.guid, l.published_at AS "linkPublishedAt"
  FROM found f JOIN article a ON a.id = f.id LEFT JOIN article_source l ON l.article_id = a.id AND l.source_id = ANY(${p}::int[])
  ORDER BY a.id`;

function byAge(x: Target, y: Target): number {
  if (x.id !== undefined && y.id !== undefined) return x.id - y.id;
  if (x.id !== undefined) return -1;
  if (y.id !== undefined) return 1;
  return x.slot! - y.slot!;
}

// Two-key advisory locks in this namespace guard article identities (apart from the one-key write lock).
const IDENTITY_LOCKS = 7_220_002;

/**
 * Locks the identities the batch may create — canonical URLs, content hashes, (source, guid) — until
 * the transaction ends, in one order for every writer. Taken before the write lock, it makes a
 * concurrent refresh with the same story wait for that one to commit, then identify against it;
 * and no writer ever waits, holding the write lock, for a row another writer queued behind it holds.
 */
export async function lockIdentities(em: EntityManager, items: readonly Pick<ArticleInput, "sourceId" | "canonicalUrl" | "contentHash" | "guid">[]): Promise<void> {
  if (items.length === 0) return;
  const keys = new Set(items.flatMap((a) => [`u\n${a.canonicalUrl}`, `h\n${a.contentHash}`, ...(a.guid ? [`g\n${guidKey(a.sourceId, a.guid)}`] : [])]));
  await em.query(
    `SELECT pg_advisory_xact_lock(${IDENTITY_LOCKS}, k) FROM (SELECT DISTINCT hashtext(s) AS k FROM unnest($1::text[]) AS s) x ORDER BY k`,
    [[...keys]]);
}
