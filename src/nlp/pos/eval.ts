/** `switchboard nlp eval pos`: UPOS accuracy from raw text on a CoNLL-U file, shipped tagger or k-fold cross-validated. */
import path from "node:path";
import type { Token } from "../../contracts/nlp.ts";
import { readConllu, type GoldSentence } from "./conllu.ts";
import { bestOverlap } from "./align.ts";
import { tagText, shippedPosModel, POS_MODEL_PATH } from "./index.ts";
import { trainPos, trainAndSave } from "./train.ts";
import type { PerceptronModel } from "./perceptron.ts";

type Tally = { tokens: number; correct: number; perTag: Record<string, { n: number; correct: number; predicted: number }> };

function tally(): Tally {
  return { tokens: 0, correct: 0, perTag: {} };
}

function score(t: Tally, sentence: GoldSentence, tokens: Token[]): void {
  const idx = bestOverlap(sentence.words, tokens);
  sentence.words.forEach((w, i) => {
    const pred = idx[i] >= 0 ? tokens[idx[i]].pos : "NONE";
    const g = (t.perTag[w.upos] ??= { n: 0, correct: 0, predicted: 0 });
    g.n++;
    t.tokens++;
    if (pred === w.upos) {
      g.correct++;
      t.correct++;
    }
    (t.perTag[pred] ??= { n: 0, correct: 0, predicted: 0 }).predicted++;
  });
}

function report(t: Tally): { tokens: number; accuracy: number; perTag: Record<string, { n: number; recall: number; precision: number }> } {
  const perTag: Record<string, { n: number; recall: number; precision: number }> = {};
  for (const [tag, v] of Object.entries(t.perTag).sort((a, b) => b[1].n - a[1].n)) {
    if (v.n === 0) continue;
    perTag[tag] = { n: v.n, recall: round(v.correct / v.n), precision: round(v.predicted ? v.correct / v.predicted : 0) };
  }
  return { tokens: t.tokens, accuracy: round(t.correct / Math.max(1, t.tokens)), perTag };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Scores tagText on every sentence, optionally with an explicit model (null = lexicon rules only). */
export function scoreSentences(sentences: GoldSentence[], model?: PerceptronModel | null): ReturnType<typeof report> {
  const t = tally();
  for (const s of sentences) score(t, s, model === undefined ? tagText(s.text) : tagText(s.text, model));
  return report(t);
}

/** Contiguous folds (documents stay together), k-1 to train, one to score; returns the pooled figures. */
export function crossValidatePos(sentences: GoldSentence[], folds: number): ReturnType<typeof report> & { foldAccuracy: number[] } {
  const t = tally();
  const foldAccuracy: number[] = [];
  const size = Math.ceil(sentences.length / folds);
  for (let f = 0; f < folds; f++) {
    const test = sentences.slice(f * size, (f + 1) * size);
    const train = [...sentences.slice(0, f * size), ...sentences.slice((f + 1) * size)];
    const model = trainPos(train);
    const ft = tally();
    for (const s of test) {
      const tokens = tagText(s.text, model);
      score(t, s, tokens);
      score(ft, s, tokens);
    }
    foldAccuracy.push(round(ft.correct / Math.max(1, ft.tokens)));
  }
  return { ...report(t), foldAccuracy };
}

/** Runs the `nlp eval pos` command: --conllu F [--folds k] [--limit n sentences] [--rules-only] [--save]. */
export async function evalPos(flags: Record<string, string | boolean>): Promise<Record<string, unknown>> {
  const file = flags.conllu;
  if (typeof file !== "string") throw new Error("missing --conllu <file.conllu>");
  let sentences = readConllu(path.resolve(file));
  if (typeof flags.limit === "string") sentences = sentences.slice(0, Number(flags.limit));
  if (flags.save === true) {
    const saved = trainAndSave(sentences, POS_MODEL_PATH);
    return { saved: POS_MODEL_PATH, sentences: sentences.length, ...saved };
  }
  const folds = foldsFlag(flags);
  if (folds >= 2) return { file, mode: `${folds}-fold cross-validation (correction layer trained per fold)`, sentences: sentences.length, ...crossValidatePos(sentences, folds) };
  if (flags["rules-only"] === true) return { file, mode: "lexicon rules only", sentences: sentences.length, ...scoreSentences(sentences, null) };
  const shipped = shippedPosModel() !== null;
  return {
    file,
    mode: shipped ? "shipped tagger (its correction layer was trained on EWT dev: use --folds for an honest figure on that file)" : "shipped tagger (lexicon rules only)",
    sentences: sentences.length,
    ...scoreSentences(sentences),
  };
}

function foldsFlag(flags: Record<string, string | boolean>): number {
  if (flags.folds === undefined) return 0;
  const k = Number(flags.folds);
  if (!Number.isInteger(k) || k < 2) throw new Error(`--folds must be a whole number of at least 2, got "${String(flags.folds)}"`);
  return k;
}
