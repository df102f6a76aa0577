/** Sparse feature extraction for intent classification: stemmed word n-grams, the sentence's opening words, and character n-grams for typo robustness. */
import { normalizeText, tokenize, stem } from "./normalize.ts";
import type { SpellingCorrector } from "./spelling.ts";

/** Which features are extracted and how the groups are weighted against each other. */
export type FeatureOptions = {
  /** Longest word n-gram (1 = unigrams only, 2 = plus bigrams). */
  wordNgrams: number;
  /** Shortest and longest character n-gram taken inside each space-padded word. */
  charMin: number;
  charMax: number;
  /** Multiplier on character n-gram values relative to word n-grams. */
  charWeight: number;
  /** Takes character n-grams across word boundaries too (over the whole normalised sentence). */
  charAcrossWords: boolean;
  /** Adds a WordNet synset feature per word so synonyms ("buy", "purchase") share evidence. */
  synonyms: boolean;
  /** Multiplier on synset features. */
  synonymWeight: number;
  /** Longest word n-gram anchored at the start of the sentence ("^ add", "^ i want to"); 0 takes none. */
  startGrams: number;
};

/** Maps a word to its synset feature ids; the model carries its own table so prediction needs no WordNet. */
export type SynonymLookup = (word: string) => string[];

/** Feature settings used when a caller gives none. */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { wordNgrams: 2, charMin: 3, charMax: 5, charWeight: 0.8, charAcrossWords: false, synonyms: true, synonymWeight: 0.5, startGrams: 4 };

/**
 * Raw feature counts of one text, keyed by feature name ("w|stem", "b|stem stem", "b|^ stem …" at the start, "s|synset",
 * "c|gram"). With `correct`, each word the model has never seen is first replaced by its spelling correction, if any.
 */
export function extractFeatures(text: string, options: FeatureOptions, synonyms?: SynonymLookup, correct?: SpellingCorrector): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const tokens = tokenize(normalizeText(text));
  const words = correct ? tokens.map((w) => correct(w) ?? w) : tokens;
  const stems = words.map(stem);
  for (const s of stems) add(`w|${s}`);
  if (options.wordNgrams >= 2) {
    for (let i = 0; i + 1 < stems.length; i++) add(`b|${stems[i]} ${stems[i + 1]}`);
  }
  // The opening words carry the request ("add … to my playlist", "i want to see …") while the rest is often a name or
  // title whose words mislead: on SNIPS 5-fold cross-validation (train + val) errors fell from 164 to 151 of 13,784.
  for (let n = 1; n <= Math.min(options.startGrams, stems.length); n++) add(`b|^ ${stems.slice(0, n).join(" ")}`);
  if (options.synonyms && synonyms) {
    for (const word of words) if (!word.startsWith("<")) for (const id of synonyms(word)) add(`s|${id}`);
  }
  if (options.charMax > 0) {
    const pieces = options.charAcrossWords ? [words.join(" ")] : words;
    for (const word of pieces) {
      if (word.startsWith("<") && !options.charAcrossWords) continue;
      const padded = ` ${word} `;
      for (let n = options.charMin; n <= options.charMax; n++) {
        for (let i = 0; i + n <= padded.length; i++) add(`c|${padded.slice(i, i + n)}`);
      }
    }
  }
  return counts;
}

/** A sparse vector: parallel arrays of feature indices and values. */
export type SparseVector = { idx: Int32Array; val: Float32Array };

/** Turns raw counts into an L2-normalised sublinear-tf × idf vector over a fixed vocabulary (unknown features dropped). */
export function vectorize(
  counts: Map<string, number>,
  vocab: Map<string, number>,
  idf: Float32Array,
  options: FeatureOptions,
): SparseVector {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [key, count] of counts) {
    const j = vocab.get(key);
    if (j === undefined) continue;
    const kind = key.charCodeAt(0);
    const group = kind === 99 /* "c" */ ? options.charWeight : kind === 115 /* "s" */ ? options.synonymWeight : 1;
    const v = (1 + Math.log(count)) * idf[j] * group;
    idx.push(j);
    val.push(v);
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const out: SparseVector = { idx: Int32Array.from(idx), val: new Float32Array(val.length) };
  for (let i = 0; i < val.length; i++) out.val[i] = val[i] * scale;
  return out;
}
