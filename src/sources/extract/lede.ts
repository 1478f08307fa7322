import { CONTENT_HINT, foldLabel, hintString } from "./labels";
import { linkDensity, removeNode, tagOf, textOf } from "./node.utils";

/** Class/id fragments of a standfirst: the lede shown under the headline. */
const LEDE_HINT = /(?:^|[-_\s])(?:lede|lead|standfirst|strapline|dek|deck|subtitle|sub-?title|subhead|subheadline|sub-?heading|intro|summary|excerpt|description|teaser|abstract|chapo|chapeau|bajada|entradilla|sapo)(?:$|[-_\s\d])/i;

/**
 * The standfirst of a page: the block right under the headline, in the headline's own header
 * (`<header>` or the h1's wrapper), marked as such by class, or a sub-heading sentence. Paragraphs
 * inside the article body are never ledes, even when a site classes its first one "intro".
 */
export function findLede(doc: Document): string | undefined {
  const h1 = doc.querySelector("article h1, main h1") ?? doc.querySelector("h1");
  if (!h1) return undefined;
  let scope: Element = h1;
  for (let level = 0; level < 3 && scope.parentElement; level++) {
    for (let sib = scope.nextElementSibling, n = 0; sib && n < 5; sib = sib.nextElementSibling, n++) {
      if (isBodyContainer(sib)) return undefined;
      const lede = ledeIn(sib, h1);
      if (lede) return lede;
    }
    scope = scope.parentElement;
    if (scope.matches("article, main, body") || isBodyContainer(scope)) break;
  }
  return undefined;
}

function ledeIn(el: Element, h1: Element): string | undefined {
  const candidates = [el, ...Array.from(el.querySelectorAll("p, h2, h3, div"))].slice(0, 12);
  for (const c of candidates) {
    if (c.querySelector("p, h2, h3, figure, img")) continue;
    const text = textOf(c);
    if (text.length < 40 || text.length > 600 || linkDensity(c) > 0.3) continue;
    const inHeader = c.closest("header") !== null && c.closest("header") === h1.closest("header");
    const marked = LEDE_HINT.test(hintString(c)) || (c.parentElement !== null && c.parentElement !== el.parentElement && LEDE_HINT.test(hintString(c.parentElement)));
    if (marked || /^h[23]$/.test(tagOf(c)) || (inHeader && tagOf(c) === "p")) return text;
  }
  return undefined;
}

function isBodyContainer(el: Element): boolean {
  return CONTENT_HINT.test(hintString(el)) || el.matches("[itemprop=articleBody]") || el.querySelectorAll("p").length > 3;
}

/** Drops the lede from the first blocks of the body, where Readability sometimes keeps it. */
export function removeLedeFromBody(root: Element, lede: string): void {
  const wanted = foldLabel(lede);
  const blocks = Array.from(root.querySelectorAll("p, h2, h3, h4, div")).slice(0, 8);
  for (const block of blocks) {
    if (block.querySelector("p, div") || foldLabel(textOf(block)) !== wanted) continue;
    removeNode(block);
    return;
  }
}
