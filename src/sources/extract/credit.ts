import { collapseWhitespace } from "./text";

export interface CaptionParts {
  caption?: string;
  credit?: string;
}

// Agencies and stock libraries whose bare name at the end of a caption is a credit.
const AGENCY =
  "getty(?:\\s+images)?|afp(?:\\s+via\\s+getty\\s+images)?|ap(?:\\s+photo)?|associated\\s+press|reuters|epa(?:-efe)?|efe|pa(?:\\s+(?:images|media|wire))?|shutterstock|alamy|istock(?:photo)?|bloomberg|anadolu(?:\\s+agency)?|xinhua|tass|sipa|rex|ansa|dpa|kyodo|yonhap|bbc|nasa|wire\\s*image|filmmagic|zuma(?:\\s+press)?|sopa(?:\\s+images)?|nurphoto|abaca(?:press)?|imago|picture\\s+alliance|unsplash|pexels|wikimedia(?:\\s+commons)?|" +
  "رويترز|ا\\s?\\.?\\s?ف\\s?\\.?\\s?ب|أ\\s?\\.?\\s?ف\\s?\\.?\\s?ب|ا\\s?\\.?\\s?ب|أ\\s?\\.?\\s?ب|أسوشيتد\\s+برس|اسوشيتد\\s+برس|الأناضول|الاناضول|وكالة\\s+الأناضول|وكالة\\s+الأنباء\\s+الأوروبية|غيتي(?:\\s+إيميجز)?|جيتي(?:\\s+إيميجز)?|شينخوا|سانا|واس|وام";

const AGENCY_ONLY = new RegExp(`^(?:${AGENCY})$`, "iu");
/** "Tyrone Siu/Reuters", "AFP", "رويترز": an optional short name, a slash, a known agency. */
const AGENCY_CREDIT = new RegExp(`^(?:[^/]{2,50}\\s*/\\s*)?(?:${AGENCY})$`, "iu");
/** "Name Surname/Some Agency" in Latin script, where capitals tell names apart from prose. */
const LATIN_NAME_SLASH_AGENCY = /^\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,3}\s*\/\s*\p{Lu}[\p{L}&'’. -]{1,40}$/u;

/** Words that introduce a credit: "Photo: …", "Photograph: …", "الصورة: …", "تصوير: …". */
const CREDIT_LABEL =
  "photo(?:graph|graphs|s)?(?:\\s+credits?)?|image(?:s)?(?:\\s+credits?)?|picture(?:s)?|pics?|credits?|courtesy(?:\\s+of)?|source|foto(?:s|grafia)?|crédits?(?:\\s+photo)?|bild|©|copyright|الصورة|الصور|صورة|تصوير|المصدر|مصدر\\s+الصورة|حقوق\\s+الصورة";
const LABELLED_CREDIT = new RegExp(`(?:^|(?<=[\\s.,;!?)\\]\\p{Ll}]))(?:${CREDIT_LABEL})\\s*(?::|：|by\\b|-|–)\\s*(.+)$`, "iu");
const PHOTO_BY = /(?:^|(?<=[\s.,;!?)\]]))((?:photo|photograph|image|picture)s?\s+(?:by|courtesy\s+of)\s+.+)$/iu;
const COPYRIGHT_SIGN = /(?:^|\s)(©\s*.+)$/u;

/** Trailing "[Name/Agency]" or "(Name/Agency)", possibly followed by a full stop. */
const TRAILING_BRACKETS = /[[(（]([^[\]()（）]{2,120})[\])）]\s*([.。]?)\s*$/u;

/**
 * Splits an image caption into caption and credit.
 * "… (آسيان) [فازري إسماعيل/وكالة الأنباء الأوروبية]." → caption "… (آسيان).", credit "فازري إسماعيل/وكالة الأنباء الأوروبية".
 */
export function splitCredit(raw: string | null | undefined): CaptionParts {
  const text = collapseWhitespace(raw);
  if (!text) return {};
  return (
    fromBrackets(text) ??
    fromLabel(text) ??
    fromAgencyAtEnd(text) ??
    { caption: text }
  );
}

function fromBrackets(text: string): CaptionParts | undefined {
  const match = TRAILING_BRACKETS.exec(text);
  if (!match) return undefined;
  const inner = collapseWhitespace(match[1]);
  const square = /[[]/.test(text.slice(match.index, match.index + 1));
  if (!looksLikeCredit(inner, square)) return undefined;
  return parts(text.slice(0, match.index), match[2], stripCreditLabel(inner));
}

function fromLabel(text: string): CaptionParts | undefined {
  const match = LABELLED_CREDIT.exec(text) ?? PHOTO_BY.exec(text) ?? COPYRIGHT_SIGN.exec(text);
  if (!match) return undefined;
  const credit = stripCreditLabel(match[1] ?? match[0]);
  if (!credit || credit.split(/\s+/).length > 14) return undefined;
  return parts(text.slice(0, match.index), "", credit);
}

function fromAgencyAtEnd(text: string): CaptionParts | undefined {
  // The credit is the last sentence; "J. Scott Applewhite/AP" keeps its initial because a break needs a 2-letter word.
  const breaks = [...text.matchAll(/(?<=\p{L}{2}[.!?؟)]|\s[|–—-])\s+/gu)];
  const start = breaks.length ? breaks[breaks.length - 1].index + breaks[breaks.length - 1][0].length : 0;
  const tail = text.slice(start).replace(/\.$/, "");
  if (!AGENCY_CREDIT.test(tail) && !LATIN_NAME_SLASH_AGENCY.test(tail)) return undefined;
  if (start === 0 && !tail.includes("/")) return { credit: tail };
  return parts(text.slice(0, start), "", tail);
}

function looksLikeCredit(inner: string, square: boolean): boolean {
  if (inner.length > 100) return false;
  if (AGENCY_ONLY.test(inner) || LABELLED_CREDIT.test(inner) || PHOTO_BY.test(inner) || /^©/.test(inner)) return true;
  if (AGENCY_CREDIT.test(inner)) return true;
  // "Name/Agency" — a slash between short name-like runs; square brackets are credits by convention on many sites.
  if (/^[^/]{2,60}\/[^/]{2,60}$/.test(inner) && !/^\d/.test(inner)) return true;
  return square && inner.split(/\s+/).length <= 8 && !/^\d+$/.test(inner);
}

function stripCreditLabel(credit: string): string {
  const cleaned = collapseWhitespace(credit)
    .replace(new RegExp(`^(?:${CREDIT_LABEL})\\s*(?::|：|by\\b|-|–)\\s*`, "iu"), "")
    .replace(/^(?:photo|photograph|image|picture)s?\s+(?:by|courtesy\s+of)\s+/iu, "")
    .replace(/^©\s*/u, "")
    .replace(/[\s.,;]+$/u, "");
  return cleaned;
}

function parts(before: string, stop: string, credit: string): CaptionParts {
  let caption = collapseWhitespace(before).replace(/[\s,;:–—|-]+$/u, "");
  if (caption && stop && !/[.!?؟。]$/u.test(caption)) caption += stop;
  const result: CaptionParts = {};
  if (caption) result.caption = caption;
  if (credit) result.credit = credit;
  return result;
}

/** Joins a caption and a separately marked credit, dropping a credit the caption already ends with. */
export function mergeCredit(parts: CaptionParts, extraCredit?: string): CaptionParts {
  const credit = collapseWhitespace(extraCredit);
  if (!credit) return parts;
  const caption = parts.caption?.endsWith(credit) ? collapseWhitespace(parts.caption.slice(0, -credit.length)) : parts.caption;
  return { ...(caption ? { caption } : {}), credit: parts.credit && parts.credit !== credit ? `${parts.credit}; ${credit}` : credit };
}

/** A line that is only a credit ("Photo: Jane Doe/AP", "Win McNamee / Getty Images", "الصورة: رويترز", "© EPA"). */
export function isCreditOnly(text: string): boolean {
  const flat = collapseWhitespace(text).replace(/^[([]\s*(.*?)\s*[)\]]$/u, "$1");
  if (flat.length > 120) return false;
  if (AGENCY_CREDIT.test(flat.replace(/\s*[|•·]\s*/g, "/"))) return true;
  if (/^(?:illustration|graphic|video|animation)s?\s+(?:by|:)\s*\S/iu.test(flat)) return true;
  if (!/^(?:©|photo|image|picture|credit|foto|courtesy|الصورة|الصور|صورة|تصوير|حقوق)/iu.test(flat)) return false;
  const parts = splitCredit(flat);
  return parts.credit !== undefined && parts.caption === undefined;
}
