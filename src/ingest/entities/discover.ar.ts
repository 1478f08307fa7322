/**
 * Finds people in Arabic text that the knowledge base does not hold, from cues a reader uses:
 * a title (وزير الخارجية الروسي سيرغي ريابكوف), a verb of saying (قال ريابكوف), a nationality
 * adjective (الفرنسي جاك شيراك) or a common given name (جورج بوش).
 */
import { arabicCandidates, normalizeArabic, stripArticle } from "./arabic";
import type { Discovered, TokenNotes } from "./discover.types";
import {
  AR_AMBIGUOUS_GIVEN,
  AR_COMMON_NOUNS,
  AR_COMPOUND_ENDS,
  AR_GIVEN_NAMES,
  AR_LONE_UNSAFE,
  AR_NAME_LINKS,
  AR_NAME_PREFIXES,
  AR_NOT_NAMES,
  AR_SPEECH_VERBS,
  AR_STOPWORDS,
  AR_TITLE_PHRASES,
  AR_TITLES,
} from "./lexicon.ar";
import { namesPlace } from "./namesake";
import type { Token } from "./tokenize";

const MAX_NAME = 3;
const MAX_ROLE_SKIP = 5;
// Only spaces (or a joining hyphen/tatweel) may separate the words of one name.
const NAME_GAP = /^[ \t\u00a0\u200c-\u200f-]*$/;
// Imperfect-tense verbs (يقول، تعتبر، سيزور) look like names to a cue rule; given names are exempt.
const VERB_SHAPE = /^(ي|ت|ن|سي|ست|سن)[^\s]{3,}$/;

const CLITIC_NOUN = /^[بلك][تم]\S{3,}$/;
// Derived participles (منفتح، مستعد، متمسك) predicate of a title: "الرئيس منفتح على…" names no one.
const PARTICIPLE = /^(?:من[^اوي]{3}|مست\S{2,4}|مت[^اوي]{3})$/;
// Three letters and no long vowel (فرض، عقد، بحث) is a native verb or noun; foreign names write their
// vowels (كيم، مون) or a foreign digraph (تشن Chen).
const BARE_TRILITERAL = /^(?!تش)[^اوي]{3}$/;

function inSet(set: Set<string>, t: Token): boolean {
  return arabicCandidates(t.norm).some((c) => set.has(c));
}

function isStop(t: Token): boolean {
  return AR_STOPWORDS.has(t.norm);
}

function isGiven(t: Token): boolean {
  return AR_GIVEN_NAMES.has(t.norm) || AR_AMBIGUOUS_GIVEN.has(t.norm) || AR_NAME_PREFIXES.has(t.norm);
}

/**
 * Imperfect verbs (يكتب، تحصل، يستخدمون) against transliterated surnames (تيفيز، تروتنيف): a verb
 * is short or ends in a plural suffix, and its second letter is a root consonant, not a long vowel.
 */
function verbLike(t: Token): boolean {
  if (!VERB_SHAPE.test(t.norm)) return false;
  const second = t.norm[t.norm.startsWith("س") ? 2 : 1];
  if ("اوي".includes(second)) return false;
  return t.norm.length <= 5 || /(ون|وا|ان)$/.test(t.norm);
}

const PHRASES_BY_FIRST = new Map<string, string[][]>();
for (const phrase of AR_TITLE_PHRASES) {
  const list = PHRASES_BY_FIRST.get(phrase[0]) ?? [];
  list.push(phrase);
  PHRASES_BY_FIRST.set(phrase[0], list);
}

// دولة is a title only before another one (دولة الرئيس، دولة رئيس الوزراء); else it is "state" (زيارة دولة).
const HONORIFIC_STATE = normalizeArabic("دولة");

/** End index of a title starting at i (single word with clitics, or a listed phrase). */
function titleEnd(tokens: readonly Token[], i: number): number {
  if (tokens[i].norm === HONORIFIC_STATE) {
    const next = tokens[i + 1];
    return next && (AR_TITLES.has(next.norm) || PHRASES_BY_FIRST.has(next.norm)) ? i + 1 : -1;
  }
  for (const c of arabicCandidates(tokens[i].norm)) {
    for (const phrase of PHRASES_BY_FIRST.get(c) ?? []) {
      if (i + phrase.length <= tokens.length && phrase.every((w, k) => k === 0 || tokens[i + k].norm === w)) return i + phrase.length;
    }
  }
  return inSet(AR_TITLES, tokens[i]) ? i + 1 : -1;
}

function gapOk(text: string, a: Token, b: Token): boolean {
  return NAME_GAP.test(text.slice(a.end, b.start));
}

/** After a title: skip its complement (الخارجية، وزراء، الروسي، باسم الكرملين) to where a name may start. */
function skipRole(tokens: readonly Token[], notes: TokenNotes, text: string, from: number, indefiniteTitle: boolean): number {
  let p = from;
  let skipped = 0;
  // An indefinite title (رئيس، وزير) is always followed by its idafa complement.
  if (indefiniteTitle && p < tokens.length && !notes.kbEnd[p] && !isGiven(tokens[p])) {
    p++;
    skipped++;
  }
  while (p < tokens.length && skipped < MAX_ROLE_SKIP) {
    const t = tokens[p];
    // The role ends at punctuation: «وزير الخارجية (رويترز - أرشيف)» names nobody.
    if (t.script !== "ar" || notes.kbEnd[p] < 0 || !gapOk(text, tokens[p - 1], t)) break;
    if (notes.kbEnd[p] > 0 && notes.kbKind[p] !== "person") {
      p = notes.kbEnd[p];
      skipped++;
      continue;
    }
    if ((definite(t) && !isGiven(t)) || AR_NOT_NAMES.has(t.norm) || t.norm === "باسم" || t.norm === "لشوون" || t.norm === "لدي") {
      p++;
      skipped++;
      continue;
    }
    const next = titleEnd(tokens, p);
    if (next > p) {
      p = next;
      skipped++;
      continue;
    }
    break;
  }
  return p;
}

/** A word with a clitic or article in front (والمنتدى، بالقمة) ends or refuses a name. */
function definite(t: Token): boolean {
  return !isStop(t) && arabicCandidates(t.norm).some((c) => c.startsWith("ال") && c.length > 3);
}

/** Shapes a name word does not have: a feminine/abstract ending (قمة، خارجية) or a common news noun. */
function commonShape(t: Token): boolean {
  // A common noun in the accusative (مؤتمرا، وفدا) is still that noun; -ييه is a French -ier in a
  // foreign name (كزافييه، أوليفييه), not a feminine ending.
  const accusative = t.norm.length >= 4 && t.norm.endsWith("ا") && AR_COMMON_NOUNS.has(t.norm.slice(0, -1));
  return inSet(AR_COMMON_NOUNS, t) || AR_COMMON_NOUNS.has(stripArticle(t.norm)) || accusative || (t.norm.endsWith("ه") && !t.norm.endsWith("ييه"));
}

const CLOSING_WORD = /^(ان|انه|انها|انهم|بان|بانه|في|امس|اليوم|يوم|خلال|الذي|التي|لل?\S+)$/;

/** After a verb of saying, the speaker's name ends at "that", a colon or a quote. */
function closesSpeech(tokens: readonly Token[], text: string, end: number): boolean {
  const after = tokens[end];
  if (!after) return true;
  // A role in apposition (قال X مدير الشركة) closes the name as a comma would.
  return CLOSING_WORD.test(after.norm) || APPOSITIVE.has(after.norm) || /[:"«»،,.(]/.test(text.slice(tokens[end - 1].end, after.start));
}

/** قال الأعرجي إن…: a definite family name (nisba) as the whole subject of a verb of saying. */
function definiteSpeaker(tokens: readonly Token[], notes: TokenNotes, text: string, p: number): boolean {
  const t = tokens[p];
  if (!t || t.script !== "ar" || notes.kbEnd[p] || !t.norm.startsWith("ال") || isStop(t)) return false;
  if (!t.norm.endsWith("ي") || commonShape(t) || AR_NOT_NAMES.has(t.norm) || inSet(AR_TITLES, t)) return false;
  return gapOk(text, tokens[p - 1], t) && closesSpeech(tokens, text, p + 1);
}

/** ووزيري، ووزير: "and the minister(s) of" starts a new role, not a name. */
function conjoinedTitle(t: Token): boolean {
  if (!/^[وف]/.test(t.norm)) return false;
  const stem = t.norm.slice(1);
  return AR_TITLES.has(stem) || (stem.endsWith("ي") && AR_TITLES.has(stem.slice(0, -1)));
}

/** طرفي النزاع، جانبي الحدود: a common noun in the construct dual, before the noun it governs. */
function constructNoun(tokens: readonly Token[], p: number): boolean {
  const t = tokens[p];
  if (!t.norm.endsWith("ي") || isGiven(t) || !tokens[p + 1] || !definite(tokens[p + 1])) return false;
  const stem = t.norm.slice(0, -1);
  return AR_COMMON_NOUNS.has(stem) || AR_COMMON_NOUNS.has(`ال${stem}`) || AR_TITLES.has(stem);
}

function canStartName(t: Token, afterCue: boolean): boolean {
  if (t.script !== "ar" || t.norm.length < 2 || isStop(t) || conjoinedTitle(t)) return false;
  if (inSet(AR_SPEECH_VERBS, t) || AR_NOT_NAMES.has(t.norm) || (!isGiven(t) && inSet(AR_TITLES, t))) return false;
  // بأول reads as ب + أول ("with the first") before it reads as Paul.
  if (arabicCandidates(t.norm).slice(1).some((c) => AR_STOPWORDS.has(c))) return false;
  if (isGiven(t)) return afterCue || !AR_AMBIGUOUS_GIVEN.has(t.norm);
  if (!afterCue) return false;
  if (PARTICIPLE.test(t.norm) || BARE_TRILITERAL.test(t.norm)) return false;
  // A preposition on a verbal noun (بتميز، كممثل، بتشكيل) is not a name.
  if (definite(t) || t.norm.startsWith("ل") || CLITIC_NOUN.test(t.norm) || commonShape(t)) return false;
  return !VERB_SHAPE.test(t.norm);
}

/**
 * علي is also على ("on") once normalised. Written with ي it is the name when a name goes on after
 * it (علي بن أبي طالب، علي الأنصاري، علي أصغر) or the clause ends (الإمام علي، …); never as على.
 */
function aliAsName(tokens: readonly Token[], text: string, p: number): boolean {
  const t = tokens[p];
  if (t.norm !== "علي" || !/ي$/.test(t.surface)) return false;
  const next = tokens[p + 1];
  if (!next || AND.has(next.norm) || /[:"«»،,.()]/.test(text.slice(t.end, next.start))) return true;
  return AR_NAME_LINKS.has(next.norm) || (isGiven(next) && !isStop(next)) || (next.norm.startsWith("ال") && next.norm.endsWith("ي") && !inSet(AR_COMMON_NOUNS, next));
}

/** Reads a name of up to MAX_NAME words starting at p; returns its end index (p when none). */
function readName(tokens: readonly Token[], notes: TokenNotes, text: string, p: number, afterCue: boolean): number {
  if (p >= tokens.length || notes.kbEnd[p] || !(canStartName(tokens[p], afterCue) || (afterCue && aliAsName(tokens, text, p)))) return p;
  // A cue in the previous sentence or clause does not introduce this word.
  if (afterCue && p > 0 && !gapOk(text, tokens[p - 1], tokens[p])) return p;
  let end = p + 1;
  let words = 1;
  let hasGiven = isGiven(tokens[p]);
  while (end < tokens.length && words < MAX_NAME) {
    const t = tokens[end];
    if (t.script !== "ar" || notes.kbEnd[end] || !gapOk(text, tokens[end - 1], t)) break;
    const linked = linkEnd(tokens, notes, text, end);
    if (linked > end) {
      end = linked;
      words++;
      continue;
    }
    // عبد الله written apart: الله is a stopword everywhere else.
    if (t.norm === "الله" && tokens[end - 1].norm === "عبد") {
      end++;
      continue;
    }
    if (isStop(t) || inSet(AR_TITLES, t) || inSet(AR_SPEECH_VERBS, t) || AR_NOT_NAMES.has(t.norm) || conjoinedTitle(t) || constructNoun(tokens, end)) break;
    // A role noun in apposition (برونسكي مدير الشركة) follows the name, it is not part of it.
    if (APPOSITIVE.has(t.norm) && !isGiven(t)) break;
    if (t.norm.startsWith("ال")) {
      // عبد الله، أبو الغيط، محيي الدين: the article word completes the compound and the name may go on.
      if (AR_NAME_PREFIXES.has(tokens[end - 1].norm) || AR_COMPOUND_ENDS.has(t.norm)) {
        end++;
        continue;
      }
      return familyTail(tokens, notes, text, end, words);
    }
    // A lone letter or a preposition on a verbal noun (بتوقيت، لتدريبات، بمقر) is not a name word.
    if (t.norm.length < 2 || CLITIC_NOUN.test(t.norm)) break;
    const afterGiven = isGiven(tokens[end - 1]);
    // A preposition-like ل opens a new phrase, except right after a given name (إميل لحود) or
    // before punctuation (جوزف ليبرمان،); لل (ل + ال) always does.
    if (t.norm.startsWith("ل") && !isGiven(t) && (t.norm.startsWith("لل") || (!afterGiven && !closesName(tokens, text, end + 1)))) break;
    // «سيغموند فرويد سيغموند فرويد» is one name said twice (but زيد رعد زيد الحسين is one name).
    if (t.norm === tokens[p].norm && tokens[end + 1]?.norm === tokens[p + 1].norm) break;
    if (!isGiven(t) && (definite(t) || commonShape(t) || (afterGiven ? verbLike(t) : VERB_SHAPE.test(t.norm)))) break;
    hasGiven ||= isGiven(t);
    end++;
    words++;
  }
  return end;
}

/** After a particle (بن، آل، ولد) the next word belongs to the name; بن أبي طالب takes the kunya's word too. */
function linkEnd(tokens: readonly Token[], notes: TokenNotes, text: string, end: number): number {
  const t = tokens[end];
  const next = tokens[end + 1];
  if (!AR_NAME_LINKS.has(t.norm) || !next || !gapOk(text, t, next) || notes.kbEnd[end + 1]) return end;
  // ابن رجل يهودي، ابن عمه: "son of a man", "his cousin" describe the person, they are no father's name.
  const unsuffixed = next.norm.replace(/(?:ه|ها|هما|هم)$/, "");
  if (!isGiven(next) && (inSet(AR_COMMON_NOUNS, next) || (unsuffixed.length >= 2 && AR_COMMON_NOUNS.has(unsuffixed)))) return end;
  const father = tokens[end + 2];
  return KUNYA.has(next.norm) && father?.script === "ar" && !isStop(father) && !notes.kbEnd[end + 2] ? end + 3 : end + 2;
}

/** A family name with the article closes the name, unless more follow (جابر الأحمد الجابر الصباح). */
function familyTail(tokens: readonly Token[], notes: TokenNotes, text: string, end: number, words: number): number {
  if (!familyName(tokens, end)) return end;
  end++;
  while (end < tokens.length && words < MAX_NAME + 1 && tokens[end].norm.startsWith("ال") && gapOk(text, tokens[end - 1], tokens[end]) && !notes.kbEnd[end] && (AR_COMPOUND_ENDS.has(tokens[end].norm) || familyName(tokens, end, true))) {
    end++;
    words++;
  }
  // محمد البشير ولد المختار: a nasab particle after the family name carries the name on.
  for (let linked = end; words < MAX_NAME + 2 && end < tokens.length && gapOk(text, tokens[end - 1], tokens[end]); end = linked, words++) {
    linked = linkEnd(tokens, notes, text, end);
    if (linked === end) break;
  }
  return end;
}

/**
 * A word with the article that continues a name: a nisba (نوري المالكي), or any after a given
 * name (عمر البشير، عباس محمود العقاد) or after another family name when `chained`.
 */
function familyName(tokens: readonly Token[], p: number, chained = false): boolean {
  const t = tokens[p];
  if (isStop(t) || inSet(AR_TITLES, t) || AR_NOT_NAMES.has(t.norm) || inSet(AR_COMMON_NOUNS, t) || AR_COMMON_NOUNS.has(stripArticle(t.norm))) return false;
  const nisba = t.norm.endsWith("ي") && !t.norm.endsWith("يه");
  if (nisba && !chained) return true;
  const prev = tokens[p - 1];
  const plainGiven = AR_GIVEN_NAMES.has(prev.norm) && !AR_LONE_UNSAFE.has(prev.norm);
  if (!chained && plainGiven && (p < 2 || !isGiven(tokens[p - 2]))) return true;
  // ال + م… is mostly a participle (المصنف، المجمع): not a family name without the nisba ending.
  if (nisba || t.norm.endsWith("ه") || t.norm.startsWith("الم")) return false;
  return chained || ((plainGiven || AR_AMBIGUOUS_GIVEN.has(prev.norm)) && !AR_LONE_UNSAFE.has(prev.norm));
}

function push(out: Discovered[], tokens: readonly Token[], start: number, end: number, cue: Discovered["cue"]): void {
  if (end <= start) return;
  // مقاطعة كير، مطار جون كينيدي: a place named after someone; its words name no one here.
  if (namesPlace(tokens, start, end)) return;
  const last = out[out.length - 1];
  if (last && last.end > start) return;
  out.push({ start, end, cue, lang: "ar" });
}

const AND = new Set(["و", "او"]);

/**
 * Names joined to a found name by و / or a comma (بوش و شارون و بلير): the list shares the
 * category, so each member is read as a name after a cue.
 */
function extendLists(tokens: readonly Token[], notes: TokenNotes, text: string, found: Discovered[]): Discovered[] {
  const extra: Discovered[] = [];
  const taken = new Set<number>();
  for (const d of found) for (let j = d.start; j < d.end; j++) taken.add(j);
  for (const d of found) {
    let k = d.end;
    for (let hops = 0; hops < 4 && k < tokens.length; hops++) {
      const gap = text.slice(tokens[k - 1].end, tokens[k].start);
      let p = k;
      // «X. و…» and «X، و…» start a new clause, not a list (a comma alone still lists).
      if (AND.has(tokens[k].norm) && /^\s*$/.test(gap)) p = k + 1;
      else if (!/^\s*[،,]\s*$/.test(gap)) break;
      if (p >= tokens.length || taken.has(p)) break;
      const end = readName(tokens, notes, text, p, true);
      if (end === p || end - p > 3) break;
      extra.push({ start: p, end, cue: "list", lang: "ar" });
      for (let j = p; j < end; j++) taken.add(j);
      k = end;
    }
    // And backwards: «بوش و شارون و [بلير]».
    let s = d.start;
    for (let hops = 0; hops < 4 && s > 1; hops++) {
      const joint = AND.has(tokens[s - 1].norm) && gapOk(text, tokens[s - 1], tokens[s]) ? s - 1 : /^\s*[،,]\s*$/.test(text.slice(tokens[s - 1].end, tokens[s].start)) ? s : -1;
      if (joint < 0) break;
      let hit = -1;
      for (let len = 1; len <= 2 && hit < 0; len++) {
        const p = joint - len;
        if (p >= 0 && !taken.has(p) && readName(tokens, notes, text, p, true) === joint) hit = p;
      }
      if (hit < 0) break;
      extra.push({ start: hit, end: joint, cue: "list", lang: "ar" });
      for (let j = hit; j < joint; j++) taken.add(j);
      s = hit;
    }
  }
  return extra;
}

/**
 * A quote attributed with a colon at the start of a clause (أنجلينا جولي : العرب …): the one to
 * three words before the colon are the speaker when they read as a name after a cue.
 */
/** Token coverage of found names as a mask, so checks stay constant-time in long texts. */
function coverage(n: number, found: Discovered[]): (i: number) => boolean {
  const mask = new Uint8Array(n);
  for (const d of found) for (let j = d.start; j < d.end; j++) mask[j] = 1;
  return (i) => mask[i] === 1;
}

function colonSpeakers(tokens: readonly Token[], notes: TokenNotes, text: string, found: Discovered[]): Discovered[] {
  const out: Discovered[] = [];
  const covered = coverage(tokens.length, found);
  for (let i = 1; i < tokens.length; i++) {
    if (!/^\s*:/.test(text.slice(tokens[i - 1].end, tokens[i].start))) continue;
    for (let len = 3; len >= 2; len--) {
      const p = i - len;
      if (p < 0 || covered(p) || covered(i - 1)) continue;
      const opensClause = p === 0 || /[.!?؟:"«»،,()\n]/.test(text.slice(tokens[p - 1].end, tokens[p].start)) || notes.kbEnd[p - 1] !== 0;
      if (!opensClause) continue;
      if (readName(tokens, notes, text, p, true) === i) {
        out.push({ start: p, end: i, cue: "speech", lang: "ar" });
        break;
      }
    }
  }
  return out;
}

/**
 * A name right before a number in brackets: an age (بان كي مون (62 عاما)) or a goal's minute in a
 * match report (جيرماين ديفو (38)). Two or three name words, or one before an age.
 */
function bracketedNumbers(tokens: readonly Token[], notes: TokenNotes, text: string, found: Discovered[]): Discovered[] {
  const out: Discovered[] = [];
  const covered = coverage(tokens.length, found);
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].script !== "num" || !/^\s*\(\s*$/.test(text.slice(tokens[i - 1].end, tokens[i].start))) continue;
    const age = tokens[i + 1]?.norm === "عاما";
    for (let len = 3; len >= (age ? 1 : 2); len--) {
      const p = i - len;
      if (p < 0 || covered(p) || covered(i - 1)) continue;
      if (readName(tokens, notes, text, p, true) === i) {
        out.push({ start: p, end: i, cue: "apposition", lang: "ar" });
        break;
      }
    }
  }
  return out;
}

// Role nouns written after a name, in apposition: «البدري مدير الكرة»، «كينيون كبير المديرين».
const APPOSITIVE = new Set(
  "رئيس رئيسة وزير وزيرة مدير مديرة قائد زعيم نائب سفير مندوب متحدث مستشار مدرب كبير أمين عضو مؤسس"
    .split(" ")
    .map(normalizeArabic),
);

/** One or two name words right before an appositive role noun, at the start of a clause or after a verb. */
function appositiveNames(tokens: readonly Token[], notes: TokenNotes, text: string, found: Discovered[]): Discovered[] {
  const out: Discovered[] = [];
  const covered = coverage(tokens.length, found);
  for (let i = 1; i < tokens.length; i++) {
    if (!APPOSITIVE.has(tokens[i].norm) || !gapOk(text, tokens[i - 1], tokens[i])) continue;
    for (let len = 2; len >= 1; len--) {
      const p = i - len;
      if (p < 1 || covered(p) || covered(i - 1)) continue;
      const before = tokens[p - 1];
      const opens = /[.!?؟:"«»،,()\n]/.test(text.slice(before.end, tokens[p].start)) || inSet(AR_SPEECH_VERBS, before);
      if (opens && readName(tokens, notes, text, p, true) === i && (len === 2 || !commonShape(tokens[p]))) {
        out.push({ start: p, end: i, cue: "apposition", lang: "ar" });
        break;
      }
    }
  }
  return out;
}

/**
 * The name after a nationality adjective (السويسري روجيه فيدرر): a given name opens it; an unknown
 * word only as a two-word name or one closed by punctuation or a number (البلجيكي ميفيوس 6 - 3).
 */
function afterNationality(tokens: readonly Token[], notes: TokenNotes, text: string, i: number, e: number): number {
  if (e >= tokens.length || !/^\s+$/.test(text.slice(tokens[e - 1].end, tokens[e].start))) return e;
  if (isGiven(tokens[e])) return readName(tokens, notes, text, e, true);
  // After a noun the adjective describes it (الحكومة التركية، الكونغرس الأميركي), not a person;
  // with a preposition on it (الثالثة للكيني …) it stands for one.
  const prev = tokens[i - 1];
  const preposition = /^(لل|بال|كال|ولل|وبال)/.test(tokens[i].norm);
  if (prev && !preposition && gapOk(text, prev, tokens[i]) && (definite(prev) || notes.kbEnd[i - 1] !== 0)) return e;
  const end = readName(tokens, notes, text, e, true);
  if (end - e >= 2) return end;
  return end > e && closesName(tokens, text, end) ? end : e;
}

/** A one-word name ends at punctuation, a number or the end of the text. */
function closesName(tokens: readonly Token[], text: string, end: number): boolean {
  const after = tokens[end];
  return !after || /^\p{N}/u.test(after.surface) || /[:"«»،,.()]/.test(text.slice(tokens[end - 1].end, after.start));
}

/**
 * بن between two words makes both a name even when neither is a listed given name (الوليد بن
 * طلال، معاوية بن سفيان); returns the end of the name, or `i` when the words around it do not fit.
 */
function nasabName(tokens: readonly Token[], notes: TokenNotes, text: string, i: number): number {
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  if (!after || notes.kbEnd[i - 1] || notes.kbEnd[i + 1] || before.script !== "ar" || after.script !== "ar") return i;
  if (!gapOk(text, before, tokens[i]) || !gapOk(text, tokens[i], after)) return i;
  const nameWord = (t: Token) => t.norm.length >= 2 && !isStop(t) && !inSet(AR_TITLES, t) && !inSet(AR_COMMON_NOUNS, t) && !inSet(AR_SPEECH_VERBS, t);
  if (!(nameWord(before) || aliAsName(tokens, text, i - 1))) return i;
  if (arabicCandidates(before.norm).length > 1 && !isGiven(before) && !before.norm.startsWith("ال")) return i;
  // بن أبي طالب: the father's kunya, then his name.
  const father = tokens[i + 2];
  const kunya = KUNYA.has(after.norm) && father?.script === "ar" && !isStop(father) && !notes.kbEnd[i + 2] && gapOk(text, after, father);
  if (kunya) return Math.max(readName(tokens, notes, text, i + 2, true), i + 3);
  if (!nameWord(after)) return i;
  return Math.max(readName(tokens, notes, text, i + 1, true), i + 2);
}

const KUNYA = new Set(["ابي", "ابو"]);

/** People in Arabic text, as token ranges not covered by knowledge-base matches. */
export function discoverArabic(tokens: readonly Token[], notes: TokenNotes, text: string): Discovered[] {
  const found = discoverByCues(tokens, notes, text);
  const listed = extendLists(tokens, notes, text, found);
  const quoted = colonSpeakers(tokens, notes, text, [...found, ...listed]);
  const placed = appositiveNames(tokens, notes, text, [...found, ...listed, ...quoted]);
  const numbered = bracketedNumbers(tokens, notes, text, [...found, ...listed, ...quoted, ...placed]);
  return [...found, ...listed, ...quoted, ...placed, ...numbered].sort((a, b) => a.start - b.start);
}

function discoverByCues(tokens: readonly Token[], notes: TokenNotes, text: string): Discovered[] {
  const out: Discovered[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.script !== "ar") continue;
    if (notes.kbEnd[i]) {
      // A nationality adjective with no noun before it introduces a name: الفرنسي جاك شيراك.
      if (notes.kbVia[i] === "demonym" && arabicCandidates(t.norm).some((c) => c.startsWith("ال"))) {
        const e = notes.kbEnd[i];
        const end = afterNationality(tokens, notes, text, i, e);
        if (end > e) push(out, tokens, e, end, "nationality");
      }
      continue;
    }
    const te = titleEnd(tokens, i);
    if (te > i) {
      const p = skipRole(tokens, notes, text, te, !arabicCandidates(tokens[te - 1].norm).some((c) => c.startsWith("ال")));
      const end = readName(tokens, notes, text, p, true);
      if (end > p) {
        // ملعب الملك فهد: a place named after someone; the name there is no mention.
        if (!namesPlace(tokens, i, te)) push(out, tokens, p, end, "title");
        i = end - 1;
      }
      continue;
    }
    if (inSet(AR_SPEECH_VERBS, t)) {
      const p = i + 1;
      if (p < tokens.length && titleEnd(tokens, p) > p) continue;
      if (definiteSpeaker(tokens, notes, text, p)) {
        push(out, tokens, p, p + 1, "speech");
        i = p;
        continue;
      }
      const end = readName(tokens, notes, text, p, true);
      const closes = end > p && closesSpeech(tokens, text, end);
      if ((end - p >= 2 && (isGiven(tokens[p]) || closes)) || (end - p === 1 && closes)) {
        push(out, tokens, p, end, "speech");
        i = end - 1;
      }
      continue;
    }
    if (t.norm === "بن" && i > 0 && (out.length === 0 || out[out.length - 1].end <= i - 1)) {
      const end = nasabName(tokens, notes, text, i);
      if (end > i) {
        push(out, tokens, i - 1, end, "given");
        i = end - 1;
        continue;
      }
    }
    // An everyday-word given name (جمال، صالح) is a name when a compound follows: جمال عبد الناصر
    // (باسم is "on behalf of" there: المتحدث باسم أبو …).
    if (AR_AMBIGUOUS_GIVEN.has(t.norm) && !isStop(t) && t.norm !== "باسم" && i + 2 < tokens.length && AR_NAME_PREFIXES.has(tokens[i + 1].norm) && gapOk(text, t, tokens[i + 1])) {
      const end = readName(tokens, notes, text, i, true);
      if (end > i + 2) {
        push(out, tokens, i, end, "given");
        i = end - 1;
        continue;
      }
    }
    if (isGiven(t) && !AR_AMBIGUOUS_GIVEN.has(t.norm)) {
      let end = readName(tokens, notes, text, i, false);
      // A given name that is also a word (رائد، شهد، وحيد) starts a name only before another name.
      if (AR_LONE_UNSAFE.has(t.norm) && !(end > i + 1 && (isGiven(tokens[i + 1]) || AR_NAME_LINKS.has(tokens[i + 1].norm)))) end = i;
      // A lone given name counts when nothing name-like follows (مايكل غير…، خالد و ريم).
      if (end - i >= 2 || (end - i === 1 && !AR_NAME_PREFIXES.has(t.norm) && !AR_LONE_UNSAFE.has(t.norm))) {
        push(out, tokens, i, end, "given");
        i = end - 1;
      }
    }
  }
  return out;
}
