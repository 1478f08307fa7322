import { AR } from "./lexicon.ar";
import { EN } from "./lexicon.en";
import { WordSource } from "./lexicon";
import type { Rng } from "./random";

export type Language = "ar" | "en";

/** Names the text must contain: people act as subjects, places close a clause ("in Cairo"). */
export interface Placements {
  subjects: string[];
  places: string[];
}

export interface Body {
  text: string;
  html: string;
  words: number;
}

const SOURCES: Record<Language, WordSource> = { en: new WordSource(EN), ar: new WordSource(AR) };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Sentence-level generator for one language: English is SVO with determiners, Arabic VSO with attached "و". */
export class Writer {
  private readonly w: WordSource;

  constructor(readonly language: Language) {
    this.w = SOURCES[language];
  }

  private nounPhrase(rng: Rng, withDeterminer = true): string {
    const noun = this.w.word("nouns", rng);
    const adj = rng.chance(0.35) ? this.w.word("adjectives", rng) : undefined;
    if (this.language === "ar") return adj ? `${noun} ${adj}` : noun;
    const head = adj ? `${adj} ${noun}` : noun;
    return withDeterminer ? `${this.w.word("determiners", rng)} ${head}` : head;
  }

  private clause(rng: Rng, subject?: string, place?: string): string {
    const s = subject ?? this.nounPhrase(rng);
    const v = this.w.word("verbs", rng);
    const o = this.nounPhrase(rng);
    const tail = `${this.w.word("prepositions", rng)} ${place ?? this.nounPhrase(rng)}`;
    const adverb = rng.chance(0.12) ? `${this.w.word("connectives", rng)} ` : "";
    return this.language === "ar" ? `${adverb}${v} ${s} ${o} ${tail}` : `${s} ${adverb}${v} ${o} ${tail}`;
  }

  private join(first: string, second: string, rng: Rng): string {
    const conj = this.w.word("conjunctions", rng);
    // Arabic "و" is a clitic: it is written onto the next word.
    if (conj === "و") return `${first} و${second}`;
    return this.language === "ar" ? `${first}، ${conj} ${second}` : `${first}, ${conj} ${second}`;
  }

  sentence(rng: Rng, subject?: string, place?: string): string {
    let s = this.clause(rng, subject, place);
    if (rng.chance(0.3)) s = this.join(s, this.clause(rng), rng);
    if (rng.chance(0.15)) s = `${this.w.word("sentenceOpeners", rng)} ${s}`;
    return this.language === "en" ? `${capitalise(s)}.` : `${s}.`;
  }

  /** A headline: no final stop, optionally led by a story topic ("Water agreement: …"). */
  headline(rng: Rng, subject?: string, place?: string, topic?: string): string {
    const s = subject ?? this.nounPhrase(rng, false);
    const v = this.w.word("verbs", rng);
    const o = this.nounPhrase(rng, false);
    const at = place ? ` ${this.language === "ar" ? "في" : "in"} ${place}` : "";
    const core = this.language === "ar" ? `${v} ${s} ${o}${at}` : `${s} ${v} ${o}${at}`;
    const lead = topic ? `${topic}: ` : "";
    return this.language === "en" ? capitalise(lead + core) : lead + core;
  }

  phrase(rng: Rng): string {
    return this.nounPhrase(rng, false);
  }

  tag(rng: Rng): string {
    return this.w.word("nouns", rng);
  }

  /**
   * Paragraphs of sentences; every subject and place is written into its own sentence, in order,
   * spread over the body, so each name occurs exactly as often as it is listed.
   */
  body(rng: Rng, sentences: number, placements: Placements): Body {
    const total = Math.max(sentences, placements.subjects.length, placements.places.length);
    const subjectAt = spread(rng, total, placements.subjects);
    const placeAt = spread(rng, total, placements.places);
    const paragraphs: string[] = [];
    let current: string[] = [];
    let words = 0;
    let size = rng.between(2, 5);
    for (let i = 0; i < total; i++) {
      const s = this.sentence(rng, subjectAt[i], placeAt[i]);
      words += countWords(s);
      current.push(s);
      if (current.length === size || i === total - 1) {
        paragraphs.push(current.join(" "));
        current = [];
        size = rng.between(2, 5);
      }
    }
    return {
      text: paragraphs.join("\n\n"),
      html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n"),
      words,
    };
  }
}

/** Assigns names to distinct sentence indexes (names outnumbering sentences never happens: callers size the body). */
function spread(rng: Rng, total: number, names: string[]): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(total);
  for (const name of names) {
    let i = rng.int(total);
    while (out[i] !== undefined) i = (i + 1) % total;
    out[i] = name;
  }
  return out;
}

export function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

export const writers: Record<Language, Writer> = { en: new Writer("en"), ar: new Writer("ar") };
