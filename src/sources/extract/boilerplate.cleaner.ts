import { CONTENT_HINT, SHARE_URL, hintString, isAdvertText, isNoScriptMessage, isPlaceholderText, isShareText } from "./labels";
import { blockOf, forEachTextNode, proseWeight, removeNode, tagOf, textOf } from "./node.utils";

/** Page chrome that is never article text, whatever its classes say. */
const CHROME_TAGS = new Set(["nav", "dialog", "button", "select", "input", "textarea", "template", "style", "link", "svg", "canvas"]);
const CHROME_ROLES = new Set(["navigation", "search", "menu", "menubar", "dialog"]);
/** Page sections that are chrome unless they hold the headline or much of the prose. */
const SECTION_TAGS = new Set(["header", "footer", "aside", "form"]);
const SECTION_ROLES = new Set(["banner", "contentinfo", "complementary"]);

/** Screen-reader-only text ("Opens in a new window", "Share on Facebook"). */
const SCREEN_READER_CLASS = /(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-?(?:text|only)|a11y-?hidden|assistive-?text|offscreen|off-screen)(?:\s|$)/i;

/** Class/id fragments of widgets that sit around or inside articles; weak signals, weighed against prose. */
const BOILERPLATE_HINT =
  /(?:^|[-_\s])(?:share|shares|sharing|sharebar|share-?tools|social|social-?(?:links|share|media|icons)|newsletter|subscribe|subscription|signup|promo|promos|advert|advertisement|ads|ad|adunit|ad-?slot|ad-?container|ad-?wrapper|dfp|gpt-ad|sponsor|sponsored|outbrain|taboola|recommend|recommended|recommendations|related|more-?stories|read-?next|readmore|comments?|comment-?section|disqus|breadcrumbs?|breadcrumb-?list|most-?read|mostread|popular|trending|tags|tag-?list|tagcloud|topics-?list|author-?bio|bio-?box|cookie|consent|gdpr|modal|popup|overlay|paywall|toolbar|tools|utility|next-?article|prev-?article|pagination|pager|sidebar|rail|masthead|navbar|site-?header|site-?footer|footer|menu|skip-?link|rating|reactions|print-?only|hidden-print|newsletter-?signup|inline-?newsletter|app-?promo|follow-?us|follow|rollover|tooltip|popover|hovercard|hover-?card)(?:$|[-_\s\d])/i;

/**
 * Strips page chrome and widgets from a working copy of the page before Readability scores it.
 * Removal is conservative: a block carrying a boilerplate class survives when it holds much of the page's prose.
 */
export function removeBoilerplate(doc: Document): void {
  const body = doc.body;
  if (!body) return;
  removeShareWidgets(body);
  const pageProse = proseWeight(body);
  sweep(body, pageProse);
  removeLabelBlocks(body);
}

/** One pass over the tree: a removed element's subtree is not visited. */
function sweep(parent: Element, pageProse: number): void {
  let child = parent.firstElementChild;
  while (child) {
    const next = child.nextElementSibling;
    if (isBoilerplate(child, pageProse)) removeNode(child);
    else sweep(child, pageProse);
    child = next;
  }
}

function isBoilerplate(el: Element, pageProse: number): boolean {
  const tag = tagOf(el);
  const role = el.getAttribute("role") ?? "";
  if (CHROME_TAGS.has(tag) || CHROME_ROLES.has(role) || el.getAttribute("aria-modal") === "true") return true;
  if (SCREEN_READER_CLASS.test(el.getAttribute("class") ?? "")) return true;
  if (tag === "main" || tag === "article") return false;
  const hint = hintString(el);
  const hinted = hint !== "" && BOILERPLATE_HINT.test(hint);
  // Site header, footer and asides are chrome too, unless some site wraps the story in them.
  const section = SECTION_TAGS.has(tag) || SECTION_ROLES.has(role);
  if ((!hinted && !section) || CONTENT_HINT.test(hint)) return false;
  if (el.getElementsByTagName("h1").length > 0) return false;
  if (!hinted && tag === "header" && el.closest("article")) return false;
  return isLowProse(el, pageProse);
}

function isLowProse(el: Element, pageProse: number): boolean {
  const prose = proseWeight(el);
  return prose < 400 || prose < pageProse * 0.25;
}

/** Rows of share links (Facebook sharer, Twitter intent, WhatsApp, mailto:?subject=) with their labels. */
export function removeShareWidgets(root: Element): void {
  for (const a of Array.from(root.querySelectorAll("a[href]"))) {
    if (!root.contains(a) || !SHARE_URL.test(a.getAttribute("href") ?? "")) continue;
    let widget: Element = a;
    for (let cur = a.parentElement; cur && cur !== root; cur = cur.parentElement) {
      if (textOf(cur).length > 120 || proseWeight(cur) > 0 || cur.querySelector("h1, p, figure") || holdsPicture(cur)) break;
      widget = cur;
    }
    removeNode(widget);
  }
}

/** A picture that is not just the icon of a share link. */
function holdsPicture(el: Element): boolean {
  return Array.from(el.querySelectorAll("img, picture, video")).some((m) => !SHARE_URL.test(m.closest("a")?.getAttribute("href") ?? ""));
}

/** Lines that are only "Loading…", "Advertisement", "Share this", "FacebookTwitterLinkedInEmail". */
export function removeLabelBlocks(root: Element): void {
  const doomed = new Set<Element>();
  // Blocks already judged: a paragraph with many short links would otherwise be re-read once per link.
  const judged = new Set<Element>();
  forEachTextNode(root, (node) => {
    if ((node.data ?? "").length > 300) return;
    const own = textOf(node);
    if (!own || own.length > 80) return;
    const block = blockOf(node);
    const target = block && block !== root && root.contains(block) ? block : node.parentElement;
    if (!target || target === root || judged.has(target)) return;
    judged.add(target);
    const text = textOf(target);
    if (text.length <= 80 && (isPlaceholderText(text) || isAdvertText(text) || isShareText(text))) doomed.add(target);
    else if (isNoScriptMessage(text)) doomed.add(target);
  });
  doomed.forEach((el) => removeNode(el));
}
