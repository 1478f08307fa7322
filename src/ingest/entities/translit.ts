/**
 * Cross-script identity: a consonant skeleton that Arabic and Latin spellings of one name share
 * (Lavrov / لافروف → LFRF, Ryabkov / ريابكوف → RBKF), and a confidence built on it.
 *
 * Classes: B(b p ب) F(f v ph ف) T(t th ت ط ث) D(d dh د ض ذ) S(s c+e/i ص س) Z(z ز ظ) X(sh ch ش تش)
 * K(k q c kh ck ك ق خ) G(g j gh zh dj ج غ) H(h ح ه) L M N R, W/Y only word-initially; vowels
 * (a e i o u, ا ع ء و ي inside a word) are dropped except a word-initial one, kept as A;
 * doubled classes collapse; a final H (ة, -ah) is dropped; the article al-/el-/ال is ignored.
 */
import { normalizeArabic } from "./arabic";
import { normalizeLatin } from "./english";

export const SAME_PERSON_THRESHOLD = 0.88;
export const SUGGEST_THRESHOLD = 0.7;

const AR: Record<string, string> = {
  ب: "B", ت: "T", ث: "T", ج: "G", ح: "H", خ: "K", د: "D", ذ: "D", ر: "R", ز: "Z", س: "S", ش: "X",
  ص: "S", ض: "D", ط: "T", ظ: "Z", غ: "G", ف: "F", ق: "K", ك: "K", ل: "L", م: "M", ن: "N", ه: "H",
  و: "W", ي: "Y", ا: "V", ع: "V", ء: "V",
};

const LATIN_DIGRAPHS: [string, string][] = [
  ["tch", "X"], ["sch", "X"], ["dzh", "G"], ["sh", "X"], ["ch", "X"], ["zh", "G"], ["kh", "K"], ["gh", "G"],
  ["th", "T"], ["dh", "D"], ["ph", "F"], ["ck", "K"], ["qu", "K"], ["dj", "G"],
];
const LATIN: Record<string, string> = {
  b: "B", p: "B", f: "F", v: "F", w: "W", t: "T", d: "D", s: "S", z: "Z", k: "K", q: "K", g: "G", j: "G",
  h: "H", l: "L", m: "M", n: "N", r: "R", y: "Y", a: "V", e: "V", i: "V", o: "V", u: "V",
};

function latinClasses(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; ) {
    const di = LATIN_DIGRAPHS.find(([d]) => word.startsWith(d, i));
    if (di) {
      out.push(di[1]);
      i += di[0].length;
      continue;
    }
    const ch = word[i];
    if (ch === "c") out.push(/[eiy]/.test(word[i + 1] ?? "") ? "S" : "K");
    else if (ch === "x") out.push(...(i === 0 ? ["X"] : ["K", "S"]));
    else if (LATIN[ch]) out.push(LATIN[ch]);
    i++;
  }
  return out;
}

function arabicClasses(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === "ت" && word[i + 1] === "ش") {
      out.push("X");
      i++;
      continue;
    }
    const c = AR[word[i]];
    if (c) out.push(c);
  }
  return out;
}

/** Vowels and glides out except word-initially, doubles collapsed, final H dropped. */
function skeleton(classes: string[]): string {
  let key = "";
  classes.forEach((c, i) => {
    let k = c;
    if (i === 0) k = c === "V" ? "A" : c;
    else if (c === "V" || c === "W" || c === "Y") return;
    if (key.endsWith(k)) return;
    key += k;
  });
  if (key.length > 1 && key.endsWith("H")) key = key.slice(0, -1);
  return key;
}

const ARTICLE = /^(al|el|ul)$/;

/** One key per word of the name (articles and empty words dropped). */
export function translitTokens(name: string, lang?: string): string[] {
  return translitWords(name, lang).map((w) => w.key);
}

/** The normalised words of a name with their consonant skeletons (articles dropped). */
function translitWords(name: string, lang?: string): { word: string; key: string }[] {
  const isAr = lang === "ar" || (lang === undefined && /[\u0600-\u06ff]/.test(name));
  const words = isAr ? name.split(/[^\u0600-\u06ff]+/) : normalizeLatin(name).split(/[^a-z]+/);
  const out: { word: string; key: string }[] = [];
  for (let w of words) {
    if (isAr) {
      // The article is written ال; أل/إل/آل open a foreign name (ألكاراز Alcaraz, إلهام Ilham, آلان Alan).
      const hamzaAl = /^[أإآ]ل/.test(w);
      w = normalizeArabic(w);
      if (!w || w === "ال") continue;
      if (!hamzaAl && w.startsWith("ال") && w.length > 3) w = w.slice(2);
    } else if (!w || ARTICLE.test(w)) continue;
    // "Abdel"/"Abdul" carry the article of the next word: عبد الفتاح is Abd + (al-)Fattah.
    else if (/^abd[eu]l$/.test(w)) w = "abd";
    const key = skeleton(isAr ? arabicClasses(w) : latinClasses(w));
    if (key) out.push({ word: w, key });
  }
  return out;
}

// Arabic spells a foreign name's long vowels: ا, و, ي. Which of them each Latin letter may come out as.
const ARABIC_VOWEL: Record<string, string> = { "ا": "A", "و": "U", "ي": "I" };
const LATIN_VOWEL: Record<string, string> = { a: "AI", e: "IA", i: "IA", o: "UA", u: "UA", y: "I", w: "U", j: "I" };

/**
 * Whether every long vowel an Arabic word writes has a Latin vowel, in order, that can give it:
 * Lavrov/لافروف and Netanyahu/نتنياهو agree, Melania/ميلوني do not (the skeletons, MLN, do).
 * The first letter (a carrier or a consonant) and a final ي/ه/ة (often unwritten in Latin) are not read.
 */
function vowelsAgree(latin: string, arabic: string): boolean {
  const wanted = [...arabic].filter((ch, i) => i > 0 && i < arabic.length - 1 || (i === arabic.length - 1 && i > 0 && (ch === "ا" || ch === "و")))
    .map((ch) => ARABIC_VOWEL[ch]).filter(Boolean);
  const offered = [...latin].filter((ch, i) => LATIN_VOWEL[ch] && !(i === 0 && (ch === "y" || ch === "w"))).map((ch) => LATIN_VOWEL[ch]);
  let i = 0;
  for (const v of wanted) {
    while (i < offered.length && !offered[i].includes(v)) i++;
    if (i >= offered.length) return false;
    i++;
  }
  return true;
}

/** Whether two spellings of a place or name share most of one consonant skeleton (Kiev/Kyiv/كييف, not Amsterdam/لاهاي). */
export function skeletonsAlike(a: string, aLang: string, b: string, bLang: string): boolean {
  return keySimilarity(translitTokens(a, aLang).join(""), translitTokens(b, bLang).join("")) >= 0.6;
}

/** The consonant skeleton of a name in either script, words separated by spaces. */
export function translitKey(name: string, lang: string): string {
  return translitTokens(name, lang).join(" ");
}

const NEAR: Record<string, string> = { T: "DS", D: "TZ", K: "GH", G: "KZ", S: "ZXT", Z: "SDG", X: "S", B: "F", F: "BW", H: "K", W: "F" };

function subCost(a: string, b: string): number {
  if (a === b) return 0;
  return NEAR[a]?.includes(b) || NEAR[b]?.includes(a) ? 0.5 : 1;
}

function indelCost(c: string): number {
  return c === "H" || c === "A" ? 0.5 : 1;
}

/** Weighted edit distance on class strings (near classes and dropped h/initial vowels cost less). */
export function keyDistance(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1);
  prev[0] = 0;
  for (let j = 1; j <= b.length; j++) prev[j] = prev[j - 1] + indelCost(b[j - 1]);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = prev[0] + indelCost(a[i - 1]);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + indelCost(a[i - 1]), cur[j - 1] + indelCost(b[j - 1]), prev[j - 1] + subCost(a[i - 1], b[j - 1]));
    }
    prev = cur;
  }
  return prev[b.length];
}

export function keySimilarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  if (len === 0) return 0;
  return Math.max(0, 1 - keyDistance(a, b) / len);
}

/** Edit-distance similarity of two lower-case spellings (letters are not class letters, so all cost 1). */
function spellingSimilarity(a: string, b: string): number {
  return keySimilarity(a, b);
}

export interface NameRef {
  text: string;
  lang: string;
}

export interface NameComparison {
  confidence: number;
  reason: string;
  /** "same" above SAME_PERSON_THRESHOLD, "suggest" above SUGGEST_THRESHOLD, else "different". */
  verdict: "same" | "suggest" | "different";
}

function normalizedSpelling(n: NameRef, lastWordOnly: boolean): string {
  const isAr = n.lang === "ar";
  const words = (isAr ? normalizeArabic(n.text) : normalizeLatin(n.text)).split(/[^\p{L}]+/u).filter(Boolean);
  return lastWordOnly ? (words[words.length - 1] ?? "") : words.join("");
}

/**
 * How likely the name `a` (a mention being placed) names the person known by the form `b`. Surnames
 * weigh most; a lone `a` against a full `b` caps at 0.9 (same person only when the keys agree
 * exactly), and spellings in one script also count their letters, not only the skeleton. A full
 * `a` is never explained by a lone `b`: Melania Trump is not everyone called "Trump".
 */
export function compareNames(a: NameRef, b: NameRef): NameComparison {
  const wa = translitWords(a.text, a.lang);
  const wb = translitWords(b.text, b.lang);
  const ka = wa.map((w) => w.key);
  const kb = wb.map((w) => w.key);
  if (ka.length === 0 || kb.length === 0) return verdict(0, "no comparable letters");
  const full = keySimilarity(ka.join(""), kb.join(""));
  const sur = keySimilarity(ka[ka.length - 1], kb[kb.length - 1]);
  let conf: number;
  let how: string;
  if (ka.length === 1 && kb.length === 1) {
    conf = 0.95 * sur;
    how = `surname only`;
  } else if (kb.length === 1) {
    return verdict(0, `translit keys "${ka.join(" ")}" vs "${kb.join(" ")}" (a full name against a lone word)`);
  } else if (ka.length === 1) {
    conf = 0.9 * Math.max(keySimilarity(ka[0], kb[kb.length - 1]), 0.85 * keySimilarity(ka[0], kb[0]));
    how = `one side is a single name`;
  } else {
    const given = keySimilarity(ka[0], kb[0]);
    conf = 0.5 * full + 0.3 * sur + 0.2 * given;
    how = `surname ${sur.toFixed(2)}, given ${given.toFixed(2)}`;
  }
  const sameScript = (a.lang === "ar") === (b.lang === "ar");
  // A lone word across scripts rests on its skeleton alone: its written vowels must not contradict it.
  if (!sameScript && (ka.length === 1 || kb.length === 1) && !loneVowelsAgree(a.lang === "ar" ? wb : wa, a.lang === "ar" ? wa : wb)) {
    conf *= LONE_VOWEL_PENALTY;
    how += ", vowels disagree";
  }
  if (sameScript) {
    // A lone surname is spelled against the other side's surname, not its whole name.
    const lone = ka.length === 1 || kb.length === 1;
    const spell = spellingSimilarity(normalizedSpelling(a, lone), normalizedSpelling(b, lone));
    // Same script: differing letters can only lower the skeleton's verdict (Rubio vs Robb).
    conf = 0.5 * conf + 0.5 * Math.min(conf, spell);
    how += `, spelling ${spell.toFixed(2)}`;
  }
  const reason = `translit keys "${ka.join(" ")}" vs "${kb.join(" ")}" (${sameScript ? "same script" : "cross-script"}; full ${full.toFixed(2)}; ${how})`;
  return verdict(Math.round(conf * 1000) / 1000, reason);
}

// Down to a merge suggestion at most: 0.95 × 0.8 < SAME_PERSON_THRESHOLD.
const LONE_VOWEL_PENALTY = 0.8;

/** The lone word against the other side's word it is compared with (the last, or the first when that is closer). */
function loneVowelsAgree(latin: { word: string; key: string }[], arabic: { word: string; key: string }[]): boolean {
  const loneIsLatin = latin.length === 1;
  const one = loneIsLatin ? latin[0] : arabic[0];
  const many = loneIsLatin ? arabic : latin;
  const last = many[many.length - 1];
  const other = many.length > 1 && 0.85 * keySimilarity(one.key, many[0].key) > keySimilarity(one.key, last.key) ? many[0] : last;
  return loneIsLatin ? vowelsAgree(one.word, other.word) : vowelsAgree(other.word, one.word);
}

function verdict(confidence: number, reason: string): NameComparison {
  const v = confidence >= SAME_PERSON_THRESHOLD ? "same" : confidence >= SUGGEST_THRESHOLD ? "suggest" : "different";
  return { confidence, reason, verdict: v };
}
