/**
 * Spelling correction for intent features: a word the model has never seen ("cancle", "refnud", "adress") is read as
 * the most frequent training word one edit away (a letter dropped, added, changed, or two neighbours swapped). The
 * lookup indexes every word and its one-letter deletions (the symmetric-delete idea of SymSpell), so a query costs
 * about one map lookup per letter.
 */
import { normalizeText, tokenize } from "./normalize.ts";

/** Returns the word to read instead of `word`, or undefined to keep it. */
export type SpellingCorrector = (word: string) => string | undefined;

/** What a model carries for spelling correction. */
export type SpellingDictionary = {
  /** Training words seen in at least two examples, most frequent first: the corrections offered. */
  words: string[];
  /** Real English words one edit from one of `words` ("selling" next to "spelling"): never corrected. */
  realWords: string[];
};

/** No correction (models written before spelling correction existed). */
export const NO_SPELLING: SpellingDictionary = { words: [], realWords: [] };

/** Shortest word that is corrected, and shortest dictionary word offered: shorter ones are too often another real word. */
const MIN_LENGTH = 4;
/** A dictionary word must occur in at least this many training examples (a word seen once may itself be a typo). */
const MIN_EXAMPLES = 2;
/** At most this many dictionary words are kept, most frequent first. */
const MAX_WORDS = 20_000;

const isWord = (w: string): boolean => w.length >= MIN_LENGTH && /^[a-z]+$/.test(w);

/**
 * The dictionary for a training set: its alphabetic words seen in at least two examples, most frequent first, and the
 * words of `english` that are one edit from one of them, which must stay as they are.
 */
export function spellingDictionary(texts: string[], english: ReadonlySet<string>, isKnown: (word: string) => boolean): SpellingDictionary {
  const df = new Map<string, number>();
  for (const text of texts) for (const w of new Set(tokenize(normalizeText(text)))) if (isWord(w)) df.set(w, (df.get(w) ?? 0) + 1);
  const words = [...df].filter(([, n]) => n >= MIN_EXAMPLES).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_WORDS).map(([w]) => w);
  const dictionary = new Set(words);
  const real = new Set<string>();
  for (const w of words) {
    forEachOneEditVariant(w, (v) => {
      if (v.length >= MIN_LENGTH && english.has(v) && !dictionary.has(v) && !real.has(v) && !isKnown(v)) real.add(v);
    });
  }
  return { words, realWords: [...real].sort() };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Calls `visit` with every string one dropped, added, changed or swapped letter away from a word (a few hundred). */
function forEachOneEditVariant(word: string, visit: (variant: string) => void): void {
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    const rest = tail.slice(1);
    if (tail) visit(head + rest);
    if (tail.length > 1) visit(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      if (tail && c !== tail[0]) visit(head + c + rest);
      visit(head + c + tail);
    }
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when a and b differ by exactly one dropped, added or changed letter, or one swap of neighbouring letters. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (l.length - s.length > 1) return false;
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  if (s.length !== l.length) return s.slice(i) === l.slice(i + 1);
  if (s.slice(i + 1) === l.slice(i + 1)) return true;
  return s[i] === l[i + 1] && s[i + 1] === l[i] && s.slice(i + 2) === l.slice(i + 2);
}

/**
 * A corrector over a dictionary. Its words and real words, and words `isKnown` accepts (say, because their stem is a
 * model feature), are never changed; neither are words shorter than four letters or with digits. Among several words one
 * edit away, the most frequent wins.
 */
export function makeSpellingCorrector(spelling: SpellingDictionary, isKnown: (word: string) => boolean = () => false): SpellingCorrector {
  const dictionary = spelling.words;
  if (dictionary.length === 0) return () => undefined;
  const rank = new Map(dictionary.map((w, i) => [w, i]));
  const real = new Set(spelling.realWords);
  const index = new Map<string, number[]>();
  const put = (key: string, i: number): void => {
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  };
  dictionary.forEach((w, i) => {
    put(w, i);
    for (const d of new Set(deletions(w))) put(d, i);
  });
  const cache = new Map<string, string | undefined>();
  return (word) => {
    if (!isWord(word) || rank.has(word) || real.has(word)) return undefined;
    if (cache.has(word)) return cache.get(word);
    let best = -1;
    for (const key of [word, ...deletions(word)]) {
      for (const i of index.get(key) ?? []) if ((best < 0 || i < best) && oneEditApart(word, dictionary[i])) best = i;
    }
    const corrected = best >= 0 && !isKnown(word) ? dictionary[best] : undefined;
    if (cache.size < 50_000) cache.set(word, corrected);
    return corrected;
  };
}
