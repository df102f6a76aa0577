/** `switchboard nlp eval sentiment`: accuracy and macro-F1 of the shipped analyser, or of a model cross-validated on the file. */
import path from "node:path";
import { tagText } from "../pos/index.ts";
import { scoreParts } from "./score.ts";
import { toSentiment } from "./index.ts";
import { probabilities } from "./logreg.ts";
import { readLabelled, type LabelledText } from "./data.ts";
import { crossValidate, featuresOf, loadSentimentModel, type SentimentModel } from "./model.ts";

/** Accuracy, macro-F1 and per-label precision/recall/F1 over the labels present in the gold data. */
export function classificationReport(gold: string[], pred: string[]): { n: number; accuracy: number; macroF1: number; perLabel: Record<string, { n: number; precision: number; recall: number; f1: number }> } {
  const labels = [...new Set(gold)].sort();
  const perLabel: Record<string, { n: number; precision: number; recall: number; f1: number }> = {};
  let correct = 0;
  gold.forEach((g, i) => (correct += g === pred[i] ? 1 : 0));
  let f1Sum = 0;
  for (const l of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      if (pred[i] === l && g === l) tp++;
      else if (pred[i] === l) fp++;
      else if (g === l) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    f1Sum += f1;
    perLabel[l] = { n: tp + fn, precision: r4(precision), recall: r4(recall), f1: r4(f1) };
  }
  return { n: gold.length, accuracy: r4(correct / gold.length), macroF1: r4(f1Sum / labels.length), perLabel };
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Labels with the shipped analyser (the model when given, else the rules); on a two-class file a neutral answer goes to the side the model or the score leans to. */
export function shippedPredictions(rows: LabelledText[], twoClass: boolean, model?: SentimentModel): string[] {
  return rows.map((r) => {
    const tokens = tagText(r.text);
    const parts = scoreParts(r.text, tokens);
    const p = model ? probabilities(model, featuresOf(r.text, tokens, parts)) : undefined;
    const s = toSentiment(parts, p);
    if (!twoClass || s.label !== "neutral") return s.label;
    if (p) return p[0] >= p[2] ? "negative" : "positive";
    return parts.score < 0 ? "negative" : "positive";
  });
}

/** k-fold cross-validation of the same logistic regression trained on the file itself (interleaved folds). */
export function crossValidatedPredictions(rows: LabelledText[], folds: number): string[] {
  const classes = [...new Set(rows.map((r) => r.label))].sort();
  const predicted = crossValidate(rows.map((r) => featuresOf(r.text)), rows.map((r) => classes.indexOf(r.label)), classes, folds);
  return predicted.map((c) => classes[c]);
}

/** Runs the `nlp eval sentiment` command: --test F [--folds k | --rules-only | --model DIR] [--limit n]. */
export async function evalSentiment(flags: Record<string, string | boolean>): Promise<Record<string, unknown>> {
  const file = flags.test;
  if (typeof file !== "string") throw new Error("missing --test <file.jsonl>");
  let rows = readLabelled(path.resolve(file));
  if (typeof flags.limit === "string") rows = rows.slice(0, Number(flags.limit));
  const twoClass = !rows.some((r) => r.label === "neutral");
  const folds = foldsFlag(flags);
  if (folds >= 2) {
    const pred = crossValidatedPredictions(rows, folds);
    return { file, mode: `${folds}-fold cross-validation: logistic regression over the rule features and words, trained per fold`, ...classificationReport(rows.map((r) => r.label), pred) };
  }
  if (flags["rules-only"] === true) {
    const pred = shippedPredictions(rows, twoClass);
    return { file, mode: `rules only (hand-written rules + AFINN + team lexicon, nothing fitted${twoClass ? "; neutral mapped to the side its score leans to" : ""})`, ...classificationReport(rows.map((r) => r.label), pred) };
  }
  const model = await loadSentimentModel(typeof flags.model === "string" ? path.resolve(flags.model) : undefined);
  const pred = shippedPredictions(rows, twoClass, model);
  return { file, mode: `shipped analyser (rules + AFINN + team lexicon, label by the model trained on the team's examples in nlp-models/sentiment/examples${twoClass ? "; neutral mapped to the likelier of negative and positive" : ""})`, ...classificationReport(rows.map((r) => r.label), pred) };
}

function foldsFlag(flags: Record<string, string | boolean>): number {
  if (flags.folds === undefined) return 0;
  const k = Number(flags.folds);
  if (!Number.isInteger(k) || k < 2) throw new Error(`--folds must be a whole number of at least 2, got "${String(flags.folds)}"`);
  return k;
}
