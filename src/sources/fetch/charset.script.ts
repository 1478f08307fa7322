import { decodeWith } from "./charset.labels";

export interface ScriptVerdict {
  encoding: string;
  /** Share of the words with non-ASCII letters that read as clean words of the expected script. */
  share: number;
  /** Share of the clean words' letters that are among the script's most frequent letters. */
  coverage: number;
  /** Share of the clean words that start with the script's definite article, when it has one. */
  article: number;
}

export interface ScriptProfile {
  encoding: string;
  /** A whole clean word of the script: starts with a letter, then letters, marks and joiners. */
  word: RegExp;
  /** Letters that make up most running text in the languages written with this charset. */
  common: string;
  minCoverage: number;
  article?: string;
}

// The eleven most frequent letters cover about 70% of Arabic and Persian news text and under a
// quarter of Cyrillic KOI8-R read as windows-1256 (whose lower-case block lands on Arabic letters).
const ARABIC_COMMON = "\u0627\u0644\u064a\u0645\u0648\u0646\u0647\u0631\u062a\u0628\u062f";
const ARABIC_WORD = /^\p{Script=Arabic}[\p{Script=Arabic}\p{M}\u200c\u200d]*$/u;
const ARABIC = { word: ARABIC_WORD, common: ARABIC_COMMON, minCoverage: 0.45, article: "\u0627\u0644" };

const ARABIC_PROFILES: ScriptProfile[] = [
  { encoding: "windows-1256", ...ARABIC },
  { encoding: "iso-8859-6", ...ARABIC },
];

export const THAI_PROFILE: ScriptProfile = {
  encoding: "windows-874",
  word: /^\p{Script=Thai}[\p{Script=Thai}\p{M}]*$/u,
  common: "",
  minCoverage: 0,
};

const MIN_SHARE = 0.8;
// Below this many clean words every word must be clean: a lone lucky word proves little.
const FEW_WORDS = 3;

/**
 * The cheap statistical check for undeclared Arabic: decode the visible text as windows-1256 and as
 * ISO-8859-6 and count the words with non-ASCII letters that come out as clean Arabic-script words
 * (no Latin letter inside, no word-initial diacritic, no undefined byte), then check that the
 * letters are the ones Arabic text is mostly made of. Arabic scores near 1 in its own encoding;
 * Latin, Greek, Hebrew or CJK bytes read as Arabic give mixed-script words, and Cyrillic gives the
 * wrong letters, so the winner has to earn it rather than be a default. When both readings are
 * clean (short texts whose letters sit where the two tables agree), the one in which words start
 * with the article "ال" is the right one: the other table turns its lam into nun or feh.
 */
export function detectArabic(text: Buffer): ScriptVerdict | undefined {
  let best: ScriptVerdict | undefined;
  for (const profile of ARABIC_PROFILES) {
    const verdict = scoreScript(text, profile);
    if (verdict && (!best || rank(verdict) > rank(best))) best = verdict;
  }
  return best;
}

function rank(verdict: ScriptVerdict): number {
  return verdict.share + verdict.article;
}

export function scoreScript(text: Buffer, profile: ScriptProfile): ScriptVerdict | undefined {
  const decoded = decodeWith(profile.encoding, text);
  let words = 0;
  let clean = 0;
  let articles = 0;
  let letters = 0;
  let common = 0;
  // Zero-width (non-)joiners sit inside Persian and Urdu words; other format marks are neutral.
  for (const [word] of decoded.matchAll(/[\p{L}\p{M}\u200c\u200d]*[^\x00-\x7f\s\p{P}\p{S}\p{N}\p{Cf}][\p{L}\p{M}\u200c\u200d]*/gu)) {
    words++;
    if (!profile.word.test(word)) continue;
    clean++;
    if (profile.article && word.startsWith(profile.article)) articles++;
    for (const ch of word.replace(/[^\p{L}]/gu, "")) {
      letters++;
      if (profile.common.includes(ch)) common++;
    }
  }
  const junk = (decoded.match(/[\ufffd\x80-\x9f]/g) ?? []).length;
  const share = words + junk === 0 ? 0 : clean / (words + junk);
  const coverage = letters === 0 ? 0 : common / letters;
  if (clean === 0 || share < (clean < FEW_WORDS ? 1 : MIN_SHARE) || coverage < profile.minCoverage) return undefined;
  return { encoding: profile.encoding, share, coverage, article: clean === 0 ? 0 : articles / clean };
}
