import { pgDedup, type DedupProbe } from "./cluster/pg.dedup";
import { extractEntities, type EntityMatcher, type EntityResult } from "./entities";
import { normaliseArticle, type ArticleDraft, type NormaliseContext } from "./normalise/normalise";
import type { ReadItem } from "./teasers";

/** A normalised article and what the entity extractor found in it. */
export interface Analysed {
  draft: ArticleDraft;
  entities: EntityResult;
  /** Its near-duplicate fingerprint (`pgDedup`): computed here, outside the write lock. */
  probe: DedupProbe | undefined;
}

/**
 * Entities of one article. Bylines and photo credits go in as exclusions, so photographers are never
 * "mentioned"; see-also and related blocks are not part of the text at all.
 */
export function analyse(draft: ArticleDraft, matcher: EntityMatcher): Analysed {
  const entities = extractEntities(
    {
      language: draft.language,
      title: draft.title,
      summary: draft.summary,
      bodyText: draft.bodyText,
      captions: draft.images.map((i) => i.caption).filter((c): c is string => !!c),
      credits: draft.images.map((i) => i.credit).filter((c): c is string => !!c),
      authors: draft.authors,
    },
    matcher,
  );
  return analysedOf(draft, entities);
}

/** A draft and its entities as the store takes them, with the near-duplicate fingerprint computed. */
export function analysedOf(draft: ArticleDraft, entities: EntityResult): Analysed {
  return { draft, entities, probe: pgDedup(draft.bodyText, draft.wordCount) };
}

// Items analysed between two turns of the event loop: a few milliseconds of work.
const ANALYSE_SLICE = 4;

/**
 * Normalises and analyses a refresh's items, giving the event loop a turn every few items. A worker
 * runs several refreshes at once and only one at a time holds the write lock: without these turns,
 * the lock holder's database replies wait behind the others' whole feeds, and every refresh waits
 * for the lock that much longer.
 */
export async function analyseAll<T>(items: readonly T[], one: (item: T) => Analysed): Promise<Analysed[]> {
  const out: Analysed[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % ANALYSE_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    out.push(one(items[i]));
  }
  return out;
}

/** One refresh's items to normalise and analyse: what the analysis threads are sent. */
export interface AnalyseJob {
  items: ReadItem[];
  ctx: NormaliseContext;
  /** The whole read came from article pages (HTML sources): bodies are already extracted and sanitized. */
  fromPage: boolean;
}

/** Normalises and analyses one read item. */
export function analyseItem(item: ReadItem, job: Omit<AnalyseJob, "items">, matcher: EntityMatcher): Analysed {
  return analyse(normaliseArticle(item, job.ctx, { fromPage: job.fromPage || item.fromPage === true }), matcher);
}
