import { Discrete, zipf, type Rng } from "./random";

/** Words of one language by part of speech, most frequent first. */
export interface Lexicon {
  determiners: string[];
  prepositions: string[];
  conjunctions: string[];
  nouns: string[];
  verbs: string[];
  adjectives: string[];
  connectives: string[];
  sentenceOpeners: string[];
}

export type PartOfSpeech = keyof Lexicon;

/** A lexicon with a Zipf sampler per part of speech (s ≈ 1, as in natural text). */
export class WordSource {
  private readonly samplers = new Map<PartOfSpeech, Discrete>();

  constructor(readonly lexicon: Lexicon) {
    for (const pos of Object.keys(lexicon) as PartOfSpeech[]) {
      this.samplers.set(pos, zipf(lexicon[pos].length, 1, 1));
    }
  }

  word(pos: PartOfSpeech, rng: Rng): string {
    return this.lexicon[pos][this.samplers.get(pos)!.sample(rng)];
  }

  /** Every distinct word the lexicon can produce (multi-word entries split). */
  vocabulary(): Set<string> {
    const out = new Set<string>();
    for (const list of Object.values(this.lexicon) as string[][]) for (const entry of list) for (const w of entry.split(/\s+/)) out.add(w);
    return out;
  }
}
