import type { EntityManager } from "typeorm";
import type { DedupProbe } from "../cluster/pg.dedup";
import type { ArticleInput } from "./article.store";
import type { SourceLink, Target } from "./identity.index";

const ARTICLE_RECORD = `r(id int, source_id int, url text, canonical_url text, guid text, title text, summary text, body_html text, body_text text,
  language text, direction text, published_at timestamptz, updated_at timestamptz, fetched_at timestamptz, source_category text, category text,
  authors text[], tags text[], site_name text, content_hash text, word_count int, see_also jsonb, related_links jsonb, original_id int, dedup_signature text,
  dedup_bands bigint[], country_codes text[])`;

/** Columns an update rewrites: the first source and the canonical URL stay with the article. */
const UPDATED = [
  "url", "guid", "title", "summary", "body_html", "body_text", "language", "direction", "published_at", "updated_at", "fetched_at",
  "source_category", "category", "authors", "tags", "site_name", "content_hash", "word_count", "see_also", "related_links", "country_codes",
];
const INSERTED = ["id", "source_id", "canonical_url", ...UPDATED, "original_id", "dedup_signature", "dedup_bands"];

function articleRecord(id: number, a: ArticleInput, originalId: number | null, probe?: DedupProbe) {
  return {
    id, source_id: a.sourceId, url: a.url, canonical_url: a.canonicalUrl, guid: a.guid ?? null, title: a.title, summary: a.summary ?? null,
    body_html: a.bodyHtml, body_text: a.bodyText, language: a.language, direction: a.direction, published_at: a.publishedAt.toISOString(),
    updated_at: a.updatedAt?.toISOString() ?? null, fetched_at: a.fetchedAt.toISOString(), source_category: a.sourceCategory ?? null,
    category: a.category ?? null, authors: a.authors, tags: a.tags, site_name: a.siteName ?? null, content_hash: a.contentHash,
    word_count: a.wordCount, see_also: a.seeAlso, related_links: a.relatedLinks, original_id: originalId, dedup_signature: probe?.encoded ?? null,
    dedup_bands: probe?.bands.length ? probe.bands : null, country_codes: countryCodes(a.countries),
  };
}

/**
 * The article's country codes in its article_country rows' order (salience, count, code descending,
 * descending, ascending), as pages read them. Salience is compared as the `real` it is stored as.
 */
export function countryCodes(countries: ArticleInput["countries"]): string[] {
  return [...countries]
    .sort((x, y) => Math.fround(y.salience) - Math.fround(x.salience) || y.count - x.count || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))
    .map((c) => c.code);
}

/** Images and mentions of articles whose id the `owner` CTE returns; mention counts move for counted (non-duplicate) articles. */
const CHILDREN = (owner: string, p: [string, string, string]) => `
  img AS (INSERT INTO article_image (article_id, position, url, alt, caption, credit, width, height)
    SELECT r.article_id, r.position, r.url, r.alt, r.caption, r.credit, r.width, r.height
    FROM jsonb_to_recordset(${p[0]}::jsonb) AS r(article_id int, position int, url text, alt text, caption text, credit text, width int, height int)
    JOIN ${owner} o ON o.id = r.article_id),
  pm AS (SELECT r.* FROM jsonb_to_recordset(${p[1]}::jsonb)
      AS r(article_id int, id int, count int, salience real, first_offset int, published_at timestamptz, counted boolean)
    JOIN ${owner} o ON o.id = r.article_id),
  ap AS (INSERT INTO article_person (article_id, person_id, count, salience, first_offset, published_at)
    SELECT article_id, id, count, salience, first_offset, published_at FROM pm),
  pc AS (UPDATE person p SET mention_count = p.mention_count + x.n
    FROM (SELECT id, count(*)::int AS n FROM pm WHERE counted GROUP BY id) x WHERE p.id = x.id),
  cm AS (SELECT r.* FROM jsonb_to_recordset(${p[2]}::jsonb)
      AS r(article_id int, code text, count int, salience real, first_offset int, published_at timestamptz, counted boolean)
    JOIN ${owner} o ON o.id = r.article_id),
  ac AS (INSERT INTO article_country (article_id, country_code, count, salience, first_offset, published_at)
    SELECT article_id, code, count, salience, first_offset, published_at FROM cm),
  cc AS (UPDATE country c SET mention_count = c.mention_count + x.n
    FROM (SELECT code, count(*)::int AS n FROM cm WHERE counted GROUP BY code) x WHERE c.code = x.code)`;

export interface Owned { id: number; content: ArticleInput; counted: boolean }

function childParams(owned: Owned[]): [string, string, string] {
  const images = owned.flatMap(({ id, content }) => content.images.map((img, position) => ({ article_id: id, position, ...img })));
  const mention = (id: number, a: ArticleInput, counted: boolean, m: { count: number; salience: number; firstOffset: number }) =>
    ({ article_id: id, count: m.count, salience: m.salience, first_offset: m.firstOffset, published_at: a.publishedAt.toISOString(), counted });
  const people = owned.flatMap(({ id, content, counted }) => content.people.map((m) => ({ id: m.personId, ...mention(id, content, counted, m) })));
  const countries = owned.flatMap(({ id, content, counted }) => content.countries.map((m) => ({ code: m.code, ...mention(id, content, counted, m) })));
  return [JSON.stringify(images), JSON.stringify(people), JSON.stringify(countries)];
}

function linkRecords(t: Target, changedOnly: boolean) {
  return [...t.links].flatMap(([sourceId, l]) =>
    changedOnly && sameLink(t.storedLinks.get(sourceId), l) ? [] : [{ article_id: t.id!, source_id: sourceId, url: l.url, guid: l.guid, published_at: l.publishedAt.toISOString() }]);
}

export function sameLink(x: SourceLink | undefined, y: SourceLink): boolean {
  return !!x && x.url === y.url && x.guid === y.guid && x.publishedAt.getTime() === y.publishedAt.getTime();
}

export interface NewArticle { target: Target; probe?: DedupProbe }

/**
 * Inserts the batch's new articles (near-duplicate bands included) with their source links, images and mentions in
 * one statement, counting the mentions of those that are no copies unless `count` is false. An
 * article whose canonical URL appeared meanwhile is skipped with everything it owns; the returned
 * count tells the caller.
 */
export async function insertArticles(em: EntityManager, created: NewArticle[], count = true): Promise<number> {
  const owned = created.map(({ target: t }) => ({ id: t.id!, content: t.content!, counted: count && t.originalId === null }));
  const articles = created.map(({ target: t, probe }) => articleRecord(t.id!, t.content!, t.originalId, probe));
  const rows: { id: number }[] = await em.query(
    `WITH ins AS (
       INSERT INTO article (${INSERTED.join(", ")})
       SELECT ${INSERTED.map((c) => `r.${c}`).join(", ")} FROM jsonb_to_recordset($1::jsonb) AS ${ARTICLE_RECORD} ORDER BY r.id
       ON CONFLICT (canonical_url) DO NOTHING RETURNING id),
     src AS (INSERT INTO article_source (article_id, source_id, url, guid, published_at)
       SELECT r.article_id, r.source_id, r.url, r.guid, r.published_at
       FROM jsonb_to_recordset($2::jsonb) AS r(article_id int, source_id int, url text, guid text, published_at timestamptz) JOIN ins ON ins.id = r.article_id),
     ${CHILDREN("ins", ["$3", "$4", "$5"])}
     SELECT id FROM ins`,
    [JSON.stringify(articles), JSON.stringify(created.flatMap(({ target }) => linkRecords(target, false))), ...childParams(owned)]);
  return rows.length;
}

/** Mention counts of inserted articles that are no copies (`insertArticles` without counting): one statement. */
export async function countMentions(em: EntityManager, owned: Owned[]): Promise<void> {
  const people = new Map<number, number>();
  const countries = new Map<string, number>();
  for (const { content, counted } of owned.filter((o) => o.counted)) {
    for (const m of content.people) people.set(m.personId, (people.get(m.personId) ?? 0) + 1);
    for (const m of content.countries) countries.set(m.code, (countries.get(m.code) ?? 0) + 1);
  }
  if (people.size === 0 && countries.size === 0) return;
  await em.query(
    `WITH pc AS (UPDATE person p SET mention_count = p.mention_count + x.n FROM unnest($1::int[], $2::int[]) AS x(id, n) WHERE p.id = x.id)
     UPDATE country c SET mention_count = c.mention_count + x.n FROM unnest($3::text[], $4::int[]) AS x(code, n) WHERE c.code = x.code`,
    [[...people.keys()], [...people.values()], [...countries.keys()], [...countries.values()]]);
}

/** New articles found to copy another only after they were inserted: their `original_id` set. */
export async function repointCopies(em: EntityManager, targets: Target[]): Promise<void> {
  if (targets.length === 0) return;
  await em.query(
    `UPDATE article a SET original_id = r.original_id FROM unnest($1::int[], $2::int[]) AS r(id, original_id) WHERE a.id = r.id`,
    [targets.map((t) => t.id!), targets.map((t) => t.originalId)]);
}

/**
 * Rewrites stored articles the batch changed: old images and mentions out (counts taken back), the
 * newest content in, dates copied to the link tables' keyset columns. Two statements for all of them.
 */
export async function updateArticles(em: EntityManager, changed: Target[]): Promise<void> {
  if (changed.length === 0) return;
  const ids = changed.map((t) => t.id!);
  const counted = changed.filter((t) => t.originalId === null).map((t) => t.id!);
  await em.query(
    `WITH gp AS (DELETE FROM article_person WHERE article_id = ANY($1::int[]) RETURNING article_id, person_id),
       gc AS (DELETE FROM article_country WHERE article_id = ANY($1::int[]) RETURNING article_id, country_code),
       gi AS (DELETE FROM article_image WHERE article_id = ANY($1::int[])),
       up AS (UPDATE person p SET mention_count = p.mention_count - x.n
         FROM (SELECT person_id, count(*)::int AS n FROM gp WHERE article_id = ANY($2::int[]) GROUP BY person_id) x WHERE p.id = x.person_id),
       uc AS (UPDATE country c SET mention_count = c.mention_count - x.n
         FROM (SELECT country_code, count(*)::int AS n FROM gc WHERE article_id = ANY($2::int[]) GROUP BY country_code) x WHERE c.code = x.country_code)
     SELECT 1`,
    [ids, counted]);
  const owned = changed.map((t) => ({ id: t.id!, content: t.content!, counted: t.originalId === null }));
  await em.query(
    `WITH upd AS (
       UPDATE article a SET ${UPDATED.map((c) => `${c} = r.${c}`).join(", ")}, modified_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS ${ARTICLE_RECORD} WHERE a.id = r.id RETURNING a.id, a.published_at),
     ls AS (UPDATE article_source s SET published_at = upd.published_at FROM upd WHERE s.article_id = upd.id),
     le AS (UPDATE article_event x SET published_at = upd.published_at FROM upd WHERE x.article_id = upd.id),
     ${CHILDREN("upd", ["$2", "$3", "$4"])}
     SELECT id FROM upd`,
    [JSON.stringify(changed.map((t) => articleRecord(t.id!, t.content!, t.originalId))), ...childParams(owned)]);
}

/**
 * Source links of stored articles as the batch leaves them, rows that did not change left alone.
 * A guid an article gives up may be claimed by another in the same batch: it is freed first.
 */
export async function upsertLinks(em: EntityManager, stored: Target[]): Promise<void> {
  const rows = stored.flatMap((t) => linkRecords(t, true));
  if (rows.length === 0) return;
  await em.query(
    `INSERT INTO article_source (article_id, source_id, url, guid, published_at)
     SELECT r.article_id, r.source_id, r.url, r.guid, r.published_at
     FROM jsonb_to_recordset($1::jsonb) AS r(article_id int, source_id int, url text, guid text, published_at timestamptz)
     ON CONFLICT (article_id, source_id) DO UPDATE SET url = EXCLUDED.url, guid = EXCLUDED.guid, published_at = EXCLUDED.published_at`,
    [JSON.stringify(rows)]);
}

/** Frees guids stored articles give up when another article of the batch takes them (the guid index is unique per source). */
export async function freeMovedGuids(em: EntityManager, targets: Target[]): Promise<void> {
  const released = new Map<string, Target>();
  for (const t of targets) {
    for (const [sourceId, stored] of t.storedLinks) {
      if (stored.guid && t.links.get(sourceId)?.guid !== stored.guid) released.set(`${sourceId}\n${stored.guid}`, t);
    }
  }
  if (released.size === 0) return;
  const claimed = targets.some((t) => [...t.links].some(([sourceId, l]) => {
    const owner = l.guid ? released.get(`${sourceId}\n${l.guid}`) : undefined;
    return owner !== undefined && owner !== t;
  }));
  if (!claimed) return;
  const rows = [...released].map(([key, t]) => ({ article_id: t.id!, source_id: Number(key.split("\n")[0]) }));
  await em.query(
    `UPDATE article_source s SET guid = NULL FROM jsonb_to_recordset($1::jsonb) AS r(article_id int, source_id int)
     WHERE s.article_id = r.article_id AND s.source_id = r.source_id`,
    [JSON.stringify(rows)]);
}
