import countries from "i18n-iso-countries";
import { decodeCursor, type Keyset } from "./cursor";
import { badInput } from "./errors";
import { fromGlobalId, numericIdOf } from "./global-id";
import { validLanguage } from "./language";
import { CATEGORY_IDS } from "./categories";
import type { ArticleCriteria } from "./loaders/article-query";
import type { ArticleFilter } from "./types/filters.type";

export const MAX_Q_LENGTH = 500;

export function validFirst(first: number | undefined, max: number, argument = "first"): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput(argument, `must be between 1 and ${max}, got ${n}`);
  return n;
}

export function validAfter(after: string | undefined | null, argument = "after"): Keyset | undefined {
  return after == null ? undefined : decodeCursor(after, argument);
}

export function validCountryCode(code: string, argument: string): string {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper) || !countries.isValid(upper)) {
    throw badInput(argument, `"${code.slice(0, 20)}" is not an ISO 3166-1 alpha-2 country code (e.g. "RU", "US")`);
  }
  return upper;
}

/** Personal ids of a list, each checked to be of the expected type. */
function ids(list: string[] | undefined, type: "Person" | "Source", argument: string): number[] | undefined {
  if (!list) return undefined;
  if (list.length > 20) throw badInput(argument, `at most 20 ids, got ${list.length}`);
  return list.map((id, i) => numericIdOf(id, type, `${argument}[${i}]`));
}

export function toCriteria(f: ArticleFilter | undefined | null, prefix = "filter"): ArticleCriteria {
  if (!f) return {};
  const c: ArticleCriteria = {};
  if (f.languages) c.languages = f.languages.map((l, i) => validLanguage(l, `${prefix}.languages[${i}]`));
  if (f.sources) c.sourceIds = ids(f.sources, "Source", `${prefix}.sources`);
  if (f.category != null) {
    if (!CATEGORY_IDS.includes(f.category)) {
      throw badInput(`${prefix}.category`, `"${f.category.slice(0, 40)}" is not a shared category id; known: ${CATEGORY_IDS.join(", ")} (the categories query)`);
    }
    c.category = f.category;
  }
  if (f.countries) c.countryCodes = f.countries.map((code, i) => validCountryCode(code, `${prefix}.countries[${i}]`));
  if (f.people) c.personIds = ids(f.people, "Person", `${prefix}.people`);
  if (f.event != null) c.eventId = numericIdOf(f.event, "Event", `${prefix}.event`);
  if (f.publishedAfter) c.publishedAfter = f.publishedAfter;
  if (f.publishedBefore) c.publishedBefore = f.publishedBefore;
  if (c.publishedAfter && c.publishedBefore && c.publishedAfter >= c.publishedBefore) {
    throw badInput(`${prefix}.publishedAfter`, "must be before publishedBefore");
  }
  if (f.q != null) {
    const q = f.q.trim();
    if (q.length > MAX_Q_LENGTH) throw badInput(`${prefix}.q`, `at most ${MAX_Q_LENGTH} characters, got ${q.length}`);
    if (q) c.q = q;
  }
  return c;
}

export { fromGlobalId };
