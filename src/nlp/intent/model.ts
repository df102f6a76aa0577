/** The in-memory intent model and prediction: linear scores, temperature-scaled softmax, threshold to "unknown". */
import type { Intent } from "../../contracts/nlp.ts";
import { UNKNOWN_INTENT } from "../../contracts/nlp.ts";
import { extractFeatures, vectorize, type FeatureOptions, type SparseVector, type SynonymLookup } from "./features.ts";
import { makeSynonymLookup, type SenseTable } from "./wordnet.ts";
import { makeSpellingCorrector, type SpellingCorrector, type SpellingDictionary } from "./spelling.ts";
import { stem } from "./normalize.ts";
import { addNaiveBayesScores, type NaiveBayesExpert } from "./naive-bayes.ts";
import { addHiddenLayerScores, type HiddenLayerExpert } from "./hidden-layer.ts";

/** A loaded intent model: labels, vocabulary with idf, a dense feature × label weight matrix, calibration and threshold. */
export type IntentModel = {
  labels: string[];
  features: FeatureOptions;
  vocab: Map<string, number>;
  idf: Float32Array;
  /** Row-major weights: weights[feature * labels.length + label]. */
  weights: Float32Array;
  bias: Float32Array;
  /** Naive Bayes expert whose scaled log-likelihood is added to the linear scores; absent in models trained without it. */
  naiveBayes?: NaiveBayesExpert;
  /** Hidden-layer network whose scaled logits are added too; absent in models trained without it. */
  hiddenLayer?: HiddenLayerExpert;
  /** Softmax temperature fitted on held-out data so that confidences are calibrated. */
  temperature: number;
  /** WordNet senses of the synset features the model uses ("pos|lemma" → offsets); empty when synonyms are off. */
  senses: SenseTable;
  /** Lookup over `senses`, built when the model is created or loaded. */
  synonyms: SynonymLookup;
  /** Dictionary of spelling correction (empty in files written before it existed). */
  spelling: SpellingDictionary;
  /** Spelling correction over `spelling` for words whose stem is not a feature, built when the model is created or loaded. */
  correct: SpellingCorrector;
  /** Confidence below which the answer is UNKNOWN_INTENT. */
  threshold: number;
  /** Free-form facts about how the model was trained (counts, date, accuracy). */
  meta: Record<string, unknown>;
};

/** True when the word's stem is one of the vocabulary's word features: the model has seen it, so it is no typo. */
export function isWordFeature(vocab: Map<string, number>, word: string): boolean {
  return vocab.has(`w|${stem(word)}`);
}

/** Attaches the synonym lookup and the spelling corrector (used after training and after loading). */
export function withLookups(model: Omit<IntentModel, "synonyms" | "correct">): IntentModel {
  return { ...model, synonyms: makeSynonymLookup(model.senses), correct: makeSpellingCorrector(model.spelling, (word) => isWordFeature(model.vocab, word)) };
}

/** Vectorises a text with the model's vocabulary. */
export function vectorizeText(model: IntentModel, text: string): SparseVector {
  return vectorize(extractFeatures(text, model.features, model.synonyms, model.correct), model.vocab, model.idf, model.features);
}

/** Raw scores (logits before temperature) of a vector for every label: linear scores plus the other experts'. */
export function scoreVector(model: IntentModel, x: SparseVector, out = new Float64Array(model.labels.length)): Float64Array {
  const k = model.labels.length;
  for (let c = 0; c < k; c++) out[c] = model.bias[c];
  for (let i = 0; i < x.idx.length; i++) {
    const row = x.idx[i] * k;
    const v = x.val[i];
    for (let c = 0; c < k; c++) out[c] += v * model.weights[row + c];
  }
  if (model.naiveBayes) addNaiveBayesScores(model.naiveBayes, x, out);
  if (model.hiddenLayer) addHiddenLayerScores(model.hiddenLayer, x, out);
  return out;
}

/** Softmax of scores divided by a temperature, in place. */
export function softmaxInPlace(scores: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp((scores[c] - max) / temperature);
    sum += scores[c];
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
  return scores;
}

/** Calibrated probabilities of every label for a text. */
export function predictProbabilities(model: IntentModel, text: string): Float64Array {
  return softmaxInPlace(scoreVector(model, vectorizeText(model, text)), model.temperature);
}

const round = (p: number): number => Math.round(p * 10_000) / 10_000;

/** Ranks labels by probability and applies a threshold: below it, or when the background "unknown" class wins, the name is UNKNOWN_INTENT. */
export function intentFromProbabilities(labels: string[], probs: Float64Array, threshold: number): Intent {
  // Top four by linear scan (no sort, no allocation per label): this runs on every customer message.
  // A trained "unknown" class (team-written out-of-scope examples) is never offered as a candidate.
  const order: number[] = [];
  for (let c = 0; c < probs.length; c++) {
    if (labels[c] === UNKNOWN_INTENT) continue;
    let at = order.length;
    while (at > 0 && probs[order[at - 1]] < probs[c]) at--;
    if (at < 4) {
      order.splice(at, 0, c);
      if (order.length > 4) order.pop();
    }
  }
  const best = order[0];
  if (best === undefined) return { name: UNKNOWN_INTENT, confidence: 0, alternatives: [] };
  const unknownIndex = labels.indexOf(UNKNOWN_INTENT);
  const backgroundWins = unknownIndex >= 0 && probs[unknownIndex] > probs[best];
  const confident = probs[best] >= threshold && !backgroundWins;
  const rest = order.slice(confident ? 1 : 0, confident ? 4 : 3);
  return {
    name: confident ? labels[best] : UNKNOWN_INTENT,
    // When unknown, the confidence is still the best candidate's, which then leads the alternatives.
    confidence: round(probs[best]),
    alternatives: rest.map((c) => ({ name: labels[c], confidence: round(probs[c]) })),
  };
}

/** Classifies a text: the best intent with its calibrated confidence, or UNKNOWN_INTENT below the model's threshold. */
export function classifyWithModel(model: IntentModel, text: string, threshold = model.threshold): Intent {
  return intentFromProbabilities(model.labels, predictProbabilities(model, text), threshold);
}
