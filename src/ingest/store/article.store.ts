import type { EntityManager } from "typeorm";
import type { StoredLink } from "../../db/entities/article.entity";

export interface ImageInput {
  url: string;
  alt?: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
}

export interface MentionInput {
  count: number;
  salience: number;
  firstOffset: number;
}

/** A normalised article ready to store; entity references are already database ids. */
export interface ArticleInput {
  sourceId: number;
  url: string;
  canonicalUrl: string;
  guid?: string;
  title: string;
  summary?: string;
  bodyHtml: string;
  bodyText: string;
  language: string;
  direction: "ltr" | "rtl";
  publishedAt: Date;
  updatedAt?: Date;
  fetchedAt: Date;
  sourceCategory?: string;
  category?: string;
  authors: string[];
  tags: string[];
  siteName?: string;
  contentHash: string;
  wordCount: number;
  seeAlso: StoredLink[];
  relatedLinks: StoredLink[];
  images: ImageInput[];
  people: (MentionInput & { personId: number })[];
  countries: (MentionInput & { code: string })[];
}

export type StoreOutcome = "created" | "updated" | "unchanged";

export interface StoreResult { articleId: number; outcome: StoreOutcome; originalId?: number }

/** Near-duplicate detection, asked only when the item is new (an updated article must not match itself). */
export interface DedupHooks {
  findOriginal(em: EntityManager): Promise<number | undefined>;
  /** Records the new article's signature for later lookups. */
  index(em: EntityManager, articleId: number): Promise<void>;
}

/**
 * Finds the article an item already is: by (source, guid), else by canonical URL, else — for items
 * with neither — by content hash.
 */
interface Existing { id: number; contentHash: string; publishedAt: Date; originalId: number | null }

async function findExisting(em: EntityManager, a: ArticleInput): Promise<Existing | undefined> {
  const pick = (rows: Existing[]) => rows[0];
  const cols = `a.id, a.content_hash AS "contentHash", a.published_at AS "publishedAt", a.original_id AS "originalId"`;
  if (a.guid) {
    const byGuid = pick(await em.query(
      `SELECT ${cols} FROM article_source s JOIN article a ON a.id = s.article_id WHERE s.source_id = $1 AND s.guid = $2`, [a.sourceId, a.guid]));
    if (byGuid) return byGuid;
  }
  const byUrl = pick(await em.query(`SELECT ${cols} FROM article a WHERE a.canonical_url = $1`, [a.canonicalUrl]));
  if (byUrl) return byUrl;
  return pick(await em.query(`SELECT ${cols} FROM article a WHERE a.content_hash = $1 ORDER BY a.id LIMIT 1`, [a.contentHash]));
}

const ARTICLE_FIELDS = [
  "source_id", "url", "canonical_url", "guid", "title", "summary", "body_html", "body_text", "language", "direction",
  "published_at", "updated_at", "fetched_at", "source_category", "category", "authors", "tags", "site_name",
  "content_hash", "word_count", "see_also", "related_links",
] as const;

function articleValues(a: ArticleInput): unknown[] {
  return [
    a.sourceId, a.url, a.canonicalUrl, a.guid ?? null, a.title, a.summary ?? null, a.bodyHtml, a.bodyText, a.language, a.direction,
    a.publishedAt, a.updatedAt ?? null, a.fetchedAt, a.sourceCategory ?? null, a.category ?? null, a.authors, a.tags, a.siteName ?? null,
    a.contentHash, a.wordCount, JSON.stringify(a.seeAlso), JSON.stringify(a.relatedLinks),
  ];
}

async function insertArticle(em: EntityManager, a: ArticleInput, originalId: number | undefined): Promise<number | undefined> {
  const placeholders = ARTICLE_FIELDS.map((_, i) => `$${i + 1}`).join(", ");
  // A concurrent worker may have inserted the same canonical URL since findExisting: then no row comes back.
  const rows: { id: number }[] = await em.query(
    `INSERT INTO article (${ARTICLE_FIELDS.join(", ")}, original_id) VALUES (${placeholders}, $${ARTICLE_FIELDS.length + 1})
     ON CONFLICT (canonical_url) DO NOTHING RETURNING id`,
    [...articleValues(a), originalId ?? null]);
  return rows[0]?.id;
}

async function updateArticle(em: EntityManager, id: number, a: ArticleInput): Promise<void> {
  // The first source and URL stay; everything else follows the newest version of the item.
  const fields = ARTICLE_FIELDS.filter((f) => f !== "source_id" && f !== "canonical_url");
  const values = articleValues(a).filter((_, i) => ARTICLE_FIELDS[i] !== "source_id" && ARTICLE_FIELDS[i] !== "canonical_url");
  const sets = fields.map((f, i) => `${f} = $${i + 2}`).join(", ");
  await em.query(`UPDATE article SET ${sets}, modified_at = now() WHERE id = $1`, [id, ...values]);
  // Link tables copy published_at for their keyset indexes.
  await em.query(`UPDATE article_source SET published_at = $2 WHERE article_id = $1`, [id, a.publishedAt]);
  await em.query(`UPDATE article_event SET published_at = $2 WHERE article_id = $1`, [id, a.publishedAt]);
}

async function linkSource(em: EntityManager, articleId: number, a: ArticleInput): Promise<void> {
  await em.query(
    `INSERT INTO article_source (article_id, source_id, url, guid, published_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (article_id, source_id) DO UPDATE SET url = EXCLUDED.url, guid = COALESCE(EXCLUDED.guid, article_source.guid), published_at = EXCLUDED.published_at`,
    [articleId, a.sourceId, a.url, a.guid ?? null, a.publishedAt]);
}

async function replaceImages(em: EntityManager, articleId: number, images: ImageInput[]): Promise<void> {
  await em.query(`DELETE FROM article_image WHERE article_id = $1`, [articleId]);
  if (images.length === 0) return;
  await em.query(
    `INSERT INTO article_image (article_id, position, url, alt, caption, credit, width, height)
     SELECT $1, r.position, r.url, r.alt, r.caption, r.credit, r.width, r.height
     FROM jsonb_to_recordset($2::jsonb) AS r(position int, url text, alt text, caption text, credit text, width int, height int)`,
    [articleId, JSON.stringify(images.map((img, position) => ({ position, ...img })))]);
}

/**
 * Replaces the article's mentions and keeps the per-entity mention counts in step; a near-duplicate's
 * mentions are stored (filters find it) but not counted, so a reprinted wire story counts once.
 */
async function replaceMentions(em: EntityManager, articleId: number, a: ArticleInput, counted: boolean): Promise<void> {
  const step = counted ? 1 : 0;
  await em.query(
    `WITH gone AS (DELETE FROM article_person WHERE article_id = $1 RETURNING person_id)
     UPDATE person p SET mention_count = p.mention_count - $2 FROM gone WHERE p.id = gone.person_id`, [articleId, step]);
  await em.query(
    `WITH gone AS (DELETE FROM article_country WHERE article_id = $1 RETURNING country_code)
     UPDATE country c SET mention_count = c.mention_count - $2 FROM gone WHERE c.code = gone.country_code`, [articleId, step]);
  if (a.people.length) {
    await em.query(
      `WITH added AS (
         INSERT INTO article_person (article_id, person_id, count, salience, first_offset, published_at)
         SELECT $1, r.id, r.count, r.salience, r.first_offset, $3 FROM jsonb_to_recordset($2::jsonb) AS r(id int, count int, salience real, first_offset int)
         RETURNING person_id)
       UPDATE person p SET mention_count = p.mention_count + $4 FROM added WHERE p.id = added.person_id`,
      [articleId, JSON.stringify(a.people.map((m) => ({ id: m.personId, count: m.count, salience: m.salience, first_offset: m.firstOffset }))), a.publishedAt, step]);
  }
  if (a.countries.length) {
    await em.query(
      `WITH added AS (
         INSERT INTO article_country (article_id, country_code, count, salience, first_offset, published_at)
         SELECT $1, r.code, r.count, r.salience, r.first_offset, $3 FROM jsonb_to_recordset($2::jsonb) AS r(code text, count int, salience real, first_offset int)
         RETURNING country_code)
       UPDATE country c SET mention_count = c.mention_count + $4 FROM added WHERE c.code = added.country_code`,
      [articleId, JSON.stringify(a.countries.map((m) => ({ code: m.code, count: m.count, salience: m.salience, first_offset: m.firstOffset }))), a.publishedAt, step]);
  }
}

/**
 * Stores one article exactly once. Call inside the refresh's transaction: an item seen again is
 * linked to this source and left alone; a changed item updates its article in place.
 */
export async function storeArticle(em: EntityManager, a: ArticleInput, dedup?: DedupHooks): Promise<StoreResult> {
  let existing = await findExisting(em, a);
  if (!existing) {
    const originalId = await dedup?.findOriginal(em);
    const id = await insertArticle(em, a, originalId);
    if (id !== undefined) {
      await linkSource(em, id, a);
      await replaceImages(em, id, a.images);
      await replaceMentions(em, id, a, originalId === undefined);
      await dedup?.index(em, id);
      return { articleId: id, outcome: "created", originalId };
    }
    existing = await findExisting(em, a);
    if (!existing) throw new Error(`article.store: insert of ${a.canonicalUrl} conflicted but no existing article was found`);
  }
  await linkSource(em, existing.id, a);
  if (existing.contentHash === a.contentHash && existing.publishedAt.getTime() === a.publishedAt.getTime()) {
    return { articleId: existing.id, outcome: "unchanged" };
  }
  await updateArticle(em, existing.id, a);
  await replaceImages(em, existing.id, a.images);
  await replaceMentions(em, existing.id, a, existing.originalId === null);
  return { articleId: existing.id, outcome: "updated" };
}
