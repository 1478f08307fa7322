import { extractEntities, type EntityMatcher, type EntityResult } from "./entities";
import type { ArticleDraft } from "./normalise/normalise";

/** A normalised article and what the entity extractor found in it. */
export interface Analysed {
  draft: ArticleDraft;
  entities: EntityResult;
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
  return { draft, entities };
}
