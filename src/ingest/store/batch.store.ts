import type { EntityManager } from "typeorm";
import { sqlState } from "../../db/sql-state";
import { findOriginals, lateOriginals, newIdsAndCandidates, type DedupProbe } from "../cluster/pg.dedup";
import type { ArticleInput, StoreOutcome, StoreResult } from "./article.store";
import { freeMovedGuids, countMentions, insertArticles, repointCopies, sameLink, updateArticles, upsertLinks, type NewArticle } from "./batch.write";
import { IdentityIndex, type Target } from "./identity.index";
import { StoreError } from "./store.errors";

export interface StoreItem {
  input: ArticleInput;
  /** Near-duplicate probe of the item's body (`pgDedup`); without one the item is never taken for a copy. */
  dedup?: DedupProbe;
}

export interface StoreOptions {
  /** Called after the batch is identified, before its first write (tests stage a concurrent writer here). */
  beforeWrite?: (em: EntityManager) => Promise<void>;
}

// A batch that loses a race is identified again; a third loss in a row is no race but a fault.
const MAX_ATTEMPTS = 3;
const SAVEPOINT = "khabar_store_batch";
// unique_violation, foreign_key_violation: what a concurrent writer of the same URL or guid causes.
const RACE_CODES = new Set(["23505", "23503"]);

interface Plan { target: Target; outcome: StoreOutcome }

/**
 * Stores a batch of articles exactly once each, inside the caller's transaction, with the result of
 * storing them one by one in the given order: an item seen before is linked to its source and left
 * alone, a changed one updates its article, a new one is inserted (near-duplicates pointing at their
 * original, earlier items of the batch included). A handful of statements whatever the batch size.
 */
export async function storeArticles(em: EntityManager, items: readonly StoreItem[], opts: StoreOptions = {}): Promise<StoreResult[]> {
  if (items.length === 0) return [];
  for (let attempt = 1; ; attempt++) {
    const plans = await plan(em, items);
    const created = await prepareNew(em, items, plans);
    await opts.beforeWrite?.(em);
    if (await write(em, plans, created)) return plans.map(resultOf);
    if (attempt >= MAX_ATTEMPTS) {
      throw new StoreError("STORE_RACE_UNRESOLVED", `article.store: expected the batch of ${items.length} to store within ${MAX_ATTEMPTS} attempts, got a conflicting write each time`);
    }
  }
}

/** New articles `storeNewArticles` inserted ahead of the write lock, their mentions not yet counted (`finishNewArticles`). */
export interface EarlyStore {
  plans: Plan[];
  created: NewArticle[];
}

/**
 * The batch stored before the caller takes the write lock, when all it writes is new articles (the
 * rest already stored, unchanged): the article rows with their sources, bands, images and mentions,
 * the mentions not yet counted. Undefined when the batch changes or re-links stored articles, or lost a race to a
 * concurrent writer (nothing kept): the caller then stores it under the lock with `storeArticles`.
 * Call after `lockIdentities`, so no concurrent writer holds a row this batch would wait for.
 */
export async function storeNewArticles(em: EntityManager, items: readonly StoreItem[]): Promise<EarlyStore | undefined> {
  const plans = await plan(em, items);
  const { changed, relinked } = pendingWrites(plans);
  if (changed.length || relinked.length) return undefined;
  const created = await prepareNew(em, items, plans);
  if (!(await write(em, plans, created, false))) return undefined;
  return { plans, created };
}

/**
 * Under the write lock: new articles that found no original ahead of it are compared again with the
 * articles committed since (a copy written by a concurrent refresh becomes visible only now), then
 * the mentions of those that are no copies are counted.
 */
export async function finishNewArticles(em: EntityManager, early: EarlyStore): Promise<StoreResult[]> {
  const { created } = early;
  const own = new Set(created.map((c) => c.target.id!));
  const alone = created.filter((c) => c.target.originalId === null && c.probe?.bands.length);
  if (alone.length) {
    const { stored } = await newIdsAndCandidates(em, 0, alone.map((c) => c.probe));
    const found = lateOriginals(alone.map((c) => c.probe!), stored, own);
    const root = new Map(alone.flatMap((c, i) => (found[i] !== undefined ? [[c.target.id!, found[i]!] as const] : [])));
    // A copy of one of the batch's own articles follows it to the root of its chain.
    const repointed = created.filter((c) => {
      const next = root.get(c.target.id!) ?? (c.target.originalId !== null ? root.get(c.target.originalId) : undefined);
      if (next === undefined) return false;
      c.target.originalId = next;
      return true;
    });
    await repointCopies(em, repointed.map((c) => c.target));
  }
  await countMentions(em, created.map(({ target: t }) => ({ id: t.id!, content: t.content!, counted: t.originalId === null })));
  return earlyResults(early);
}

/** What `storeNewArticles` stored, per item: as it stands, so after `finishNewArticles` when there were new articles. */
export function earlyResults(early: EarlyStore): StoreResult[] {
  return early.plans.map(resultOf);
}

/** Writes the batch's stored targets need besides inserting new articles. */
function pendingWrites(plans: Plan[]) {
  const targets = [...new Set(plans.map((p) => p.target))];
  const stored = targets.filter((t) => t.slot === undefined);
  const changed = stored.filter((t) => t.content);
  const relinked = stored.filter((t) => [...t.links].some(([s, l]) => !sameLink(t.storedLinks.get(s), l)));
  return { targets, changed, relinked };
}

/** Identifies every item in order against what is stored and what the items before it did. */
async function plan(em: EntityManager, items: readonly StoreItem[]): Promise<Plan[]> {
  const index = await IdentityIndex.read(em, items.map((i) => i.input));
  const plans: Plan[] = [];
  for (const { input } of items) {
    const found = await index.find(input);
    const target = found ?? index.create(input);
    index.link(target, input);
    if (!found) plans.push({ target, outcome: "created" });
    else if (found.contentHash === input.contentHash && found.publishedAt.getTime() === input.publishedAt.getTime()) plans.push({ target, outcome: "unchanged" });
    else {
      index.change(found, input);
      plans.push({ target, outcome: "updated" });
    }
  }
  return plans;
}

/** Ids for the new articles (in order, so a batch reads oldest first) and the originals of the copies among them. */
async function prepareNew(em: EntityManager, items: readonly StoreItem[], plans: Plan[]): Promise<NewArticle[]> {
  const created = plans.flatMap((p, i) => (p.outcome === "created" ? [{ target: p.target, probe: items[i].dedup }] : []));
  if (created.length === 0) return [];
  const probes = created.map((c) => c.probe);
  const { ids, stored } = await newIdsAndCandidates(em, created.length, probes);
  created.forEach((c, k) => (c.target.id = ids[k]));
  const originals = findOriginals(probes, ids, stored);
  created.forEach((c, k) => (c.target.originalId = originals[k] ?? null));
  return created;
}

/** All writes of the batch behind a savepoint: false when a concurrent writer got there first (nothing kept). */
async function write(em: EntityManager, plans: Plan[], created: NewArticle[], count = true): Promise<boolean> {
  const { targets, changed, relinked } = pendingWrites(plans);
  if (created.length === 0 && changed.length === 0 && relinked.length === 0) return true;
  await em.query(`SAVEPOINT ${SAVEPOINT}`);
  try {
    await freeMovedGuids(em, targets);
    if (created.length && (await insertArticles(em, created, count)) < created.length) {
      await em.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      return false;
    }
    await updateArticles(em, changed);
    await upsertLinks(em, relinked);
    return true;
  } catch (err) {
    if (!RACE_CODES.has(sqlState(err) ?? "")) throw err;
    await em.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
    return false;
  }
}

function resultOf(p: Plan): StoreResult {
  const r: StoreResult = { articleId: p.target.id!, outcome: p.outcome };
  if (p.outcome === "created" && p.target.originalId !== null) r.originalId = p.target.originalId;
  return r;
}
