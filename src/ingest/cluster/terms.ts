import { isArabicToken, normaliseText, tokenize } from "./text";

// The stopword package ships untyped CommonJS lists per language.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lists = require("stopword") as Record<string, string[]>;

// Weekdays and months say when, not what: two stories "on Friday" are not similar for it.
const CALENDAR_WORDS = [
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "today", "yesterday", "tomorrow", "week", "day",
  "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد", "يوم", "اليوم",
  "امس", "غدا", "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس",
  "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر", "تموز", "حزيران", "اب", "الشهر", "الاسبوع",
];

// Reporting verbs and bylines carry no topic in either language.
const NEWS_WORDS = [
  "said", "says", "told", "according", "reported", "report", "news", "agency",
  "قال", "قالت", "وقال", "وقالت", "اضاف", "واضاف", "اكد", "واكد", "اعلن", "واعلن", "وفقا", "ذكرت",
  "مصادر", "خلال", "حيث", "الذي", "التي", "بعد", "قبل", "ضد", "عبر", "بين",
];

const STOPWORDS = new Set(
  [...(lists.eng ?? []), ...(lists.ara ?? []), ...CALENDAR_WORDS, ...NEWS_WORDS].map(normaliseText),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

// Common word stems that begin with a genuine و (وزارة, وكالة, وقف…): never read it as "and".
const WAW_ROOTS = [
  "وزار", "وزرا", "وكال", "وقف", "وفد", "وقت", "وضع", "ولاي", "وطن", "وسط", "وصل",
  "وجه", "وحد", "ورد", "وعد", "وفق", "وقع", "ولد", "واشنطن", "والد", "وثيق", "وجود", "ودي",
];
const AR_ARTICLES = ["ال", "لل"];
const AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
const AR_CLITIC_LETTERS = "وفبلك";

/**
 * Light Arabic stem in the spirit of Larkey's light10: one suffix, then up to two proclitic
 * letters (و ف ب ل ك) while four letters remain, then the article. A word that really starts
 * with one of those letters loses it in every form alike (بريطانيا, لبريطانيا → ريطانيا), so
 * its forms still meet; only و-initial words common in news are protected outright.
 */
export function stemArabic(token: string): string {
  let w = token;
  for (const s of AR_SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= 3) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  for (let i = 0; i < 2 && w.length >= 5 && AR_CLITIC_LETTERS.includes(w[0]); i++) {
    if (w[0] === "و" && WAW_ROOTS.some((r) => w.startsWith(r))) break;
    if (w.startsWith("ال")) break;
    w = w.slice(1);
  }
  for (const p of AR_ARTICLES) {
    if (w.startsWith(p) && w.length - p.length >= 2) {
      w = w.slice(p.length);
      break;
    }
  }
  return w;
}

const DOUBLE_END = /([b-df-hj-np-rtv-z])\1$/;

/** Inflection stripping (Porter's step 1 in spirit): plurals, -ed, -ing, a final e, doubled consonants. */
export function stemEnglish(token: string): string {
  let w = token;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, w.endsWith("es") && /(sh|ch|x|s|z)es$/.test(w) ? -2 : -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed") && !w.endsWith("eed")) w = w.slice(0, -2);
  if (w.length > 4 && DOUBLE_END.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

export function stemToken(token: string): string {
  return isArabicToken(token) ? stemArabic(token) : stemEnglish(token);
}

/** Content terms of a text: normalised, stopwords and numbers removed, lightly stemmed. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const tok of tokenize(text)) {
    if (tok.length < 2 || isStopword(tok) || /^\d+$/.test(tok)) continue;
    const stem = stemToken(tok);
    if (stem.length >= 2 && !isStopword(stem)) out.push(stem);
  }
  return out;
}
