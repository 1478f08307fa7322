import { Readability } from "@mozilla/readability";

export interface ReadabilityBody {
  /** Readability's article container, an element of the document it ran on. */
  root: Element;
  title?: string;
  byline?: string;
  excerpt?: string;
}

/**
 * Runs Readability on a document it may mutate and returns the article element itself rather than
 * serialized HTML, with class names kept so later cleaning can read them.
 */
export function runReadability(work: Document): ReadabilityBody | undefined {
  const reader = new Readability<Element>(work, {
    keepClasses: true,
    serializer: (el) => el as Element,
  });
  let parsed: ReturnType<typeof reader.parse>;
  try {
    parsed = reader.parse();
  } catch {
    // Readability throws on some degenerate documents (no body, huge nesting): treat as "found nothing".
    return undefined;
  }
  if (!parsed?.content) return undefined;
  return {
    root: parsed.content,
    title: parsed.title ?? undefined,
    byline: parsed.byline ?? undefined,
    excerpt: parsed.excerpt ?? undefined,
  };
}
