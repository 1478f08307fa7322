import { collapseWhitespace } from "./text";

/**
 * Arabic spellings vary (أ/إ/آ/ا, ى/ي, ة/ه, tanween, tatweel); labels are matched on a folded form.
 * Latin text is lower-cased.
 */
export function foldLabel(text: string): string {
  return collapseWhitespace(text)
    .toLowerCase()
    .replace(/[\u064b-\u065f\u0670\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه");
}

// Folded forms: "شاهد أيضاً" → "شاهد ايضا", "إقرأ أيضاً" → "اقرا ايضا".
const SEE_ALSO_AR = "(?:شاهد|اقرا|طالع|تابع|انظر|اطلع)\\s*(?:ايضا|كذلك)|(?:اقرا|طالع)\\s+المزيد|مواضيع\\s+ذات\\s+صله|اخبار\\s+ذات\\s+صله|ذات\\s+صله";
const SEE_ALSO_EN_STRONG = "read\\s+(?:more|also|next)|also\\s+read|see\\s+(?:also|more)|also\\s+see|more\\s+on\\s+this(?:\\s+story)?|recommended(?:\\s+reading)?|watch\\s+(?:more|also)|related(?:\\s+(?:story|article|coverage|content|link|news))?|more|see|watch|listen|click\\s+here";

/** "شاهد ايضاً:" at the start of a paragraph; the colon is optional in Arabic because sites drop it. */
const SEE_ALSO_LEAD_AR = new RegExp(`^(?:${SEE_ALSO_AR})\\s*[:：\\-–—]?\\s*`, "u");
/** "Read more:" needs its colon, otherwise "More than 40 people…" would match. */
const SEE_ALSO_LEAD_EN = new RegExp(`^(?:${SEE_ALSO_EN_STRONG})\\s*(?:[:：»›>|]|\\s[–—-]\\s?)\\s*`, "u");

const SEE_ALSO_WORDS = new RegExp(`^(?:${SEE_ALSO_AR}|${SEE_ALSO_EN_STRONG})(?![\\p{L}\\p{N}])`, "u");

/** Length of the see-also label at the start of `text` (after folding), or 0 when there is none. */
export function seeAlsoLabelLength(text: string): number {
  const folded = foldLabel(text);
  const match = SEE_ALSO_LEAD_AR.exec(folded) ?? SEE_ALSO_LEAD_EN.exec(folded);
  return match ? match[0].length : 0;
}

/** The label words alone, without the colon that may sit in the next text node ("<b>Read more</b>:"). */
export function startsWithSeeAlsoWords(text: string): boolean {
  return SEE_ALSO_WORDS.test(foldLabel(text));
}

const RELATED_HEADINGS = [
  /^(?:اخبار|مقالات|مواضيع|قصص|تقارير|روابط|موضوعات)\s+(?:ذات\s+صله|متعلقه|مشابهه|مرتبطه)/u,
  /^(?:اقرا|شاهد)\s+(?:ايضا|المزيد)(?![\p{L}\p{N}])/u,
  /^(?:المزيد\s+(?:من|عن)|قد\s+يهمك|ننصحك|اخترنا\s+لك|مقترحات)/u,
  /^related(?:\s+(?:stories|story|articles|article|news|content|coverage|links|posts|reading|topics|videos))?\b/,
  /^more\s+(?:from|on|in|about|stories|news|articles|headlines|coverage|to\s+explore|like\s+this)\b/,
  /^more\s+(?:[\p{L}'’]+\s+){1,3}(?:stories|news|articles|reads|coverage|videos)$/u,
  /^also\s+on\s+\S+$/,
  /^(?:you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)|recommended(?:\s+for\s+you|\s+stories|\s+articles)?|read\s+(?:more|next|also)|also\s+read|see\s+also|don['’]?t\s+miss|further\s+reading|what\s+to\s+read\s+next)\b/,
];

/** Site-wide lists that are not about this story: most read, trending, top stories. */
const TRENDING_HEADINGS = [
  /^(?:الاكثر\s+(?:قراءه|مشاهده|تداولا|تعليقا|شعبيه)|الاكثر\s+قراءه|الرائج|الاخبار\s+الرائجه|اهم\s+الاخبار|عاجل|(?:مواضيع|اخبار)\s+ساخنه)/u,
  /^(?:most\s+(?:read|popular|viewed|shared|commented|watched)|trending(?:\s+(?:now|stories|news))?|top\s+stories|editor['’]?s\s+picks|popular\s+(?:now|stories|articles)|latest\s+(?:news|stories|headlines)|in\s+case\s+you\s+missed\s+it|hot\s+topics)\b/,
];

function foldHeading(text: string): string {
  return foldLabel(text).replace(/^[\s:：\-–—»›>|]+/, "");
}

/** A heading that announces a related-stories block ("أخبار ذات صلة", "Related stories", "More from …"). */
export function isRelatedHeading(text: string): boolean {
  if (text.length > 120) return false;
  const folded = foldHeading(text);
  return folded.length <= 60 && RELATED_HEADINGS.some((re) => re.test(folded));
}

/** A heading of a site-wide list ("Most viewed", "الأكثر قراءة"): boilerplate, but not related to the story. */
export function isTrendingHeading(text: string): boolean {
  if (text.length > 120) return false;
  const folded = foldHeading(text);
  return folded.length <= 60 && TRENDING_HEADINGS.some((re) => re.test(folded));
}

const PLACEHOLDER =
  /^(?:loading(?:\s+(?:image|video|content|comments|more))?|please\s+wait|جار(?:ي)?\s+التحميل|يتم\s+التحميل|تحميل|جاري\s+تحميل\s+\S+)\s*(?:\.{2,}|…)?$/u;

/** "Loading…", "Loading image...", "جارٍ التحميل…": placeholders that scripts replace in a browser. */
export function isPlaceholderText(text: string): boolean {
  return PLACEHOLDER.test(foldLabel(text));
}

const ADVERT =
  /^(?:advertisements?|advertising|adverts?|ad\s+feature|paid\s+(?:content|post|partnership)|promoted(?:\s+(?:content|stories))?|sponsored(?:\s+(?:content|links|stories))?|ad|ads|story\s+continues\s+below(?:\s+this)?\s+advertisement|article\s+continues\s+below(?:\s+this)?\s+(?:advertisement|ad)|continue\s+reading\s+(?:the\s+main\s+story|below)|(?:skip|close)\s+(?:advertisement|ad)|اعلان|إعلان|مساحه\s+اعلانيه|محتوى\s+ممول)$/u;

/** Messages shown in place of a widget when scripts do not run. */
const NO_SCRIPT_MESSAGE = /(?:requires?\s+javascript|enable\s+javascript|javascript\s+(?:is\s+)?(?:disabled|required|must\s+be\s+enabled)|your\s+browser\s+does\s+not\s+support|this\s+(?:video|content|embed|slideshow|gallery)\s+(?:is\s+)?(?:not\s+available|unavailable|requires))/i;

export function isNoScriptMessage(text: string): boolean {
  return text.length <= 160 && NO_SCRIPT_MESSAGE.test(text);
}

/** "Advertisement", "Story continues below advertisement", "إعلان". */
export function isAdvertText(text: string): boolean {
  return ADVERT.test(foldLabel(text).replace(/[.:·\-–—]+$/, "").trim());
}

const SHARE_LABEL =
  /^(?:شارك(?:\s+(?:الخبر|المقال|هذا\s+\S+|عبر))?|مشاركه|انشر|share(?:\s+(?:this|the\s+story|this\s+(?:article|story|page)|on|via))?|share\s+(?:article|story)|tweet|email|print|copy\s+link|facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|reddit|messenger|flipboard|comments?)\s*[:：]?$/u;

/** Labels of share widgets and their buttons ("شارك الخبر:", "Share this", "Facebook"). */
export function isShareText(text: string): boolean {
  const folded = foldLabel(text);
  if (SHARE_LABEL.test(folded)) return true;
  // Concatenated button labels such as "FacebookTwitterLinkedInEmail".
  const stripped = folded.replace(/facebook|twitter|linkedin|email|whatsapp|telegram|pinterest|reddit|messenger|print|copy\s*link|share|tweet|\bx\b|[\s|•·,]/g, "");
  return stripped.length === 0 && folded.length > 0;
}

/** Class and id fragments that usually mark the article body; these protect a block from removal. */
export const CONTENT_HINT = /(?:^|[-_\s])(?:article-?body|articlebody|article-?content|article__body|story-?body|storybody|story-?text|entry-content|entry-body|post-content|post-body|main-content|body-text|body-copy|article-text|story-content|field-body|rich-text|content-body|text-body)(?:$|[-_\s\d])/i;

const HINT_ATTRIBUTES = new Set(["class", "id", "data-test", "data-testid", "data-component", "data-module", "data-type", "role"]);

/**
 * The joined class, id and component attributes of an element, for hint matching; camelCase is split
 * ("signupTitle___15fvr" → "signup-Title___15fvr") so CSS-module names read as words.
 */
export function hintString(el: Element): string {
  const attributes = el.attributes;
  if (attributes.length === 0) return "";
  let hint = "";
  // One pass over the element's attributes: cheaper than a getAttribute per name on big pages.
  for (let i = 0; i < attributes.length; i++) {
    const attr = attributes[i];
    if (attr.value && HINT_ATTRIBUTES.has(attr.name)) hint += hint ? ` ${attr.value}` : attr.value;
  }
  return hint.replace(/([a-z])([A-Z])/g, "$1-$2");
}

/** "Tags:", "Topics", "الوسوم:", "التصنيف:" — the label of a tag or category line. */
const TAG_LINE = /^(?:tags?|tagged|topics?|keywords?|filed\s+under|categor(?:y|ies)|sections?|related\s+topics|الوسوم|وسوم|الكلمات\s+(?:المفتاحيه|الداله)|كلمات\s+(?:مفتاحيه|داله)|التصنيف(?:ات)?|القسم|الاقسام|مواضيع)\s*(?:[:：]|$)/u;

/** Length of a tag/category label at the start of `text` (folded), or 0. */
export function tagLabelLength(text: string): number {
  const match = TAG_LINE.exec(foldLabel(text));
  return match ? match[0].length : 0;
}

/** Share endpoints of social networks and mail: links to them make a block a share widget. */
export const SHARE_URL =
  /(?:facebook\.com\/(?:sharer|share|dialog\/(?:share|feed))|twitter\.com\/(?:intent|share|home\?status)|(?:^|\/\/)x\.com\/intent|linkedin\.com\/(?:sharing|share|sharearticle|cws\/share)|wa\.me\/|whatsapp:\/\/|api\.whatsapp\.com\/send|web\.whatsapp\.com\/send|pinterest\.[a-z.]+\/pin\/create|reddit\.com\/submit|t\.me\/share|telegram\.me\/share|vk\.com\/share|tumblr\.com\/(?:share|widgets\/share)|getpocket\.com\/(?:save|edit)|flipboard\.com\/bookmarklet|line\.me\/r\/msg|plus\.google\.com\/share|news\.ycombinator\.com\/submitlink|mailto:[^@]*\?(?:subject|body)=|sms:\?|fb-messenger:\/\/)/i;
