import type { Context } from "../context";
import { badInput } from "../errors";
import type { ArticleCriteria } from "../loaders/article-query";
import type { ArticleFilter } from "../types/filters.type";

/** The row an id names, followed through a merge; `undefined` when there is none. */
async function canonical(load: (id: number) => Promise<{ id: number; mergedIntoId?: number | null } | null>, id: number): Promise<number | undefined> {
  const row = await load(id);
  if (!row) return undefined;
  return row.mergedIntoId ?? row.id;
}

/**
 * A subscription waits for future articles, so an id that names nothing would wait forever in
 * silence: every person, source and event id of the filter must exist when it subscribes.
 */
export async function existingIds(ctx: Context, filter: ArticleFilter | null | undefined, c: ArticleCriteria, prefix = "filter"): Promise<ArticleCriteria> {
  const out = { ...c };
  const l = ctx.loaders;
  if (c.personIds) {
    out.personIds = await Promise.all(c.personIds.map(async (id, i) => {
      const found = await canonical((k) => l.person.load(k), id);
      if (found === undefined) throw badInput(`${prefix}.people[${i}]`, `no Person with id "${filter?.people?.[i]}"`);
      return found;
    }));
  }
  if (c.sourceIds) {
    await Promise.all(c.sourceIds.map(async (id, i) => {
      if (!(await l.source.load(id))) throw badInput(`${prefix}.sources[${i}]`, `no Source with id "${filter?.sources?.[i]}"`);
    }));
  }
  if (c.eventId !== undefined) {
    const found = await canonical((k) => l.event.load(k), c.eventId);
    if (found === undefined) throw badInput(`${prefix}.event`, `no Event with id "${filter?.event}"`);
    out.eventId = found;
  }
  return out;
}
