/** UPOS tagging of token spans: lexicon and shape rules first, then the averaged-perceptron correction layer. */
import { lookup, pennToUpos, compromiseToUpos, UPOS, type Upos } from "./lexicon.ts";
import { fastScorer, START } from "./fast-scorer.ts";
import type { PerceptronModel } from "./perceptron.ts";
import type { Span } from "./tokenize.ts";

const PUNCT = /^[\p{P}]+$/u;
const SYMBOL = /^[\p{S}]+$/u;
const EMOTE = /^(?:[:;=][-'^o]?[)(\][dDpP/\\|*3$@]+|[xX]D+|<3+|\p{Extended_Pictographic}.*)$/u;
const NUMBER = /^\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|am|pm|k|s)?$/i;
const URL_OR_EMAIL = /^(?:https?:\/\/|www\.)|^[\w.+-]+@[\w-]+\./i;

// Closed-class words whose lexicon entry is wrong or missing for UD's conventions.
const CLOSED: Record<string, Upos> = {
  i: "PRON", "n't": "PART", "n’t": "PART", nt: "PART", not: "PART", "'s": "AUX", "’s": "AUX", "'m": "AUX", "'re": "AUX",
  "'ve": "AUX", "'ll": "AUX", "'d": "AUX", ca: "AUX", wo: "AUX", gon: "VERB", wan: "VERB", na: "PART", ta: "PART",
  u: "PRON", ur: "PRON", pls: "INTJ", plz: "INTJ", please: "INTJ", thanks: "NOUN", ok: "INTJ", okay: "INTJ",
};

const shapeCache = new Map<string, string>();

/** Coarse word shape used both by the rules and as a perceptron feature (memoised). */
export function shape(word: string): string {
  let s = shapeCache.get(word);
  if (s === undefined) {
    s = shapeUncached(word);
    if (shapeCache.size > 100_000) shapeCache.clear();
    shapeCache.set(word, s);
  }
  return s;
}

function shapeUncached(word: string): string {
  if (URL_OR_EMAIL.test(word)) return "url";
  if (word[0] === "@") return "mention";
  if (word[0] === "#" && word.length > 1) return "hashtag";
  if (NUMBER.test(word)) return "num";
  if (EMOTE.test(word)) return "emote";
  if (SYMBOL.test(word)) return "sym";
  if (PUNCT.test(word)) return "punct";
  if (/^\p{Lu}+$/u.test(word)) return word.length === 1 ? "X" : "XX";
  if (/^\p{Lu}/u.test(word)) return "Xx";
  if (/\d/.test(word)) return "mixed";
  if (word.includes("-")) return "x-x";
  return "x";
}

// Shapes EWT has too few of to learn from; their tag follows UD's conventions whatever the model says.
const FORCED: Record<string, Upos> = { emote: "SYM", url: "PROPN", mention: "PROPN" };

const lexicalCache = new Map<string, Upos>();

/** The UPOS a word gets from the lexicons and its shape alone, without context (memoised). */
export function lexicalTag(word: string): Upos {
  let tag = lexicalCache.get(word);
  if (tag === undefined) {
    tag = lexicalTagUncached(word);
    if (lexicalCache.size > 100_000) lexicalCache.clear();
    lexicalCache.set(word, tag);
  }
  return tag;
}

function lexicalTagUncached(word: string): Upos {
  const lower = word.toLowerCase();
  const s = shape(word);
  const closed = CLOSED[lower];
  if (closed) return closed;
  if (s === "punct") return "PUNCT";
  if (s === "sym" || s === "emote") return "SYM";
  if (s === "num") return "NUM";
  if (s === "url") return "X";
  if (s === "mention" || s === "hashtag") return "PROPN";
  const entry = lookup(word);
  if (entry.penn.length > 0) return pennToUpos(entry.penn[0], lower);
  if (entry.comp) return compromiseToUpos(entry.comp, lower);
  if (s === "Xx" || s === "XX") return "PROPN";
  if (/ly$/.test(lower)) return "ADV";
  if (/(?:ing|ed|ize|ise|ify)$/.test(lower)) return "VERB";
  if (/(?:able|ible|ful|less|ous|ive|ic|al|ish)$/.test(lower)) return "ADJ";
  return "NOUN";
}

// "to log in", "to change": the word after "to" is a verb when the lexicon knows it as a base form and not as a determiner-led noun only.
function canBeBaseVerb(word: string | undefined): boolean {
  if (!word) return false;
  const penn = lookup(word).penn;
  return penn.includes("VB") || penn.includes("VBP");
}

// The few contextual fixes the lexicon tag needs most, for when no perceptron model is loaded.
function contextRules(words: string[], tags: Upos[]): void {
  for (let i = 0; i < tags.length; i++) {
    const lower = words[i].toLowerCase();
    const prev = i > 0 ? tags[i - 1] : "";
    const next = i + 1 < tags.length ? lexicalTag(words[i + 1]) : "";
    if (lower === "to") tags[i] = next === "VERB" || next === "AUX" || canBeBaseVerb(words[i + 1]) ? "PART" : "ADP";
    else if (tags[i] === "VERB" && prev === "VERB" && lookup(words[i]).penn.includes("VBN") && !lookup(words[i]).penn.includes("VBD")) tags[i] = "ADJ";
    else if ((prev === "DET" || prev === "ADJ") && tags[i] === "VERB" && lookup(words[i]).penn.some((t) => t.startsWith("NN"))) tags[i] = "NOUN";
    else if ((prev === "PART" && words[i - 1].toLowerCase() === "to") || prev === "AUX") {
      if (tags[i] === "NOUN" && lookup(words[i]).penn.some((t) => t.startsWith("VB"))) tags[i] = "VERB";
    }
  }
}

/** The features of a word that do not depend on its neighbours (cached per model as one summed score vector). */
export function staticFeatures(w: string, first: boolean): string[] {
  const lower = w.toLowerCase();
  const entry = lookup(w);
  return [
    "b",
    "w=" + lower,
    "pn=" + (entry.penn.length > 0 ? entry.penn.join("|") : "-"),
    "c=" + entry.comp,
    "s1=" + lower.slice(-1),
    "s2=" + lower.slice(-2),
    "s3=" + lower.slice(-3),
    "s4=" + lower.slice(-4),
    "f2=" + lower.slice(0, 2),
    "sh=" + shape(w) + (first ? "^" : ""),
  ];
}

/** The features of token i that depend on its neighbours and the two previous predicted tags. */
export function contextFeatures(lowers: string[], lex: Upos[], i: number, p1: string, p2: string): string[] {
  const lower = lowers[i];
  const pw = i > 0 ? lowers[i - 1] : "<s>";
  const nw = i + 1 < lowers.length ? lowers[i + 1] : "</s>";
  const nl = i + 1 < lowers.length ? lex[i + 1] : "</s>";
  const n2 = i + 2 < lowers.length ? lex[i + 2] : "</s>";
  return [
    "l=" + lex[i],
    "p1=" + p1,
    "p12=" + p1 + p2,
    "pw=" + pw,
    "nw=" + nw,
    "nl=" + nl,
    "nl2=" + nl + n2,
    "p1l=" + p1 + lex[i],
    "p1w=" + p1 + lower,
    "ln=" + lex[i] + nl,
    "pww=" + pw + "_" + lower,
    "n2w=" + (i + 2 < lowers.length ? lowers[i + 2] : "</s>"),
    "pl=" + (i > 0 ? lex[i - 1] : "<s>"),
  ];
}

/** All perceptron features of token i (what training sees; tagging sums the static part from a cache). */
export function features(words: string[], lowers: string[], lex: Upos[], i: number, p1: string, p2: string): string[] {
  return [...staticFeatures(words[i], i === 0), ...contextFeatures(lowers, lex, i, p1, p2)];
}

const staticCache = new WeakMap<PerceptronModel, Map<string, Float64Array>>();

function staticScores(model: PerceptronModel, word: string, first: boolean): Float64Array {
  let cache = staticCache.get(model);
  if (!cache) {
    cache = new Map();
    staticCache.set(model, cache);
  }
  const key = first ? word + "\u0000" : word;
  let v = cache.get(key);
  if (!v) {
    v = new Float64Array(model.classes.length);
    for (const f of staticFeatures(word, first)) {
      const w = model.weights.get(f);
      if (w) for (let c = 0; c < v.length; c++) v[c] += w[c];
    }
    if (cache.size > 100_000) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** Tags token spans: the perceptron when a model is given, the lexicon rules otherwise. */
export function tagSpans(spans: Span[], model?: PerceptronModel): Upos[] {
  const words = spans.map((s) => s.text);
  const lex = words.map(lexicalTag);
  if (!model) {
    const tags = lex.slice();
    contextRules(words, tags);
    return tags;
  }
  const out: Upos[] = [];
  const lowers = words.map((w) => w.toLowerCase());
  const lexIdx = lex.map((t) => UPOS.indexOf(t));
  const scorer = fastScorer(model);
  const n = model.classes.length;
  const scores = new Float64Array(n);
  let p1: number = START;
  let p2: number = START;
  for (let i = 0; i < words.length; i++) {
    scores.set(staticScores(model, words[i], i === 0));
    scorer.add(scores, lowers, lexIdx, i, p1, p2);
    let best = 0;
    for (let c = 1; c < n; c++) if (scores[c] > scores[best]) best = c;
    out.push(FORCED[shape(words[i])] ?? (model.classes[best] as Upos));
    p2 = p1;
    p1 = best;
  }
  return out;
}
