/**
 * The shipped sentiment model: logistic regression over the rule analyser's parts (score, complaint rules, negation,
 * contrast, emoji …) and the message's words and word pairs, trained on the team-written examples in
 * nlp-models/sentiment/examples/. It decides the label; the rules still give the score and the drivers people read.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Token } from "../../contracts/nlp.ts";
import { repoPath } from "../../paths.ts";
import { tagText } from "../pos/index.ts";
import { readLabelled, SENTIMENT_LABELS, type LabelledText } from "./data.ts";
import { sentimentFeatures } from "./features.ts";
import { probabilities, trainLogReg, type FeatureVector, type LogRegModel } from "./logreg.ts";
import { scoreParts, type SentimentParts } from "./score.ts";

/** A trained model: classes negative, neutral, positive. */
export type SentimentModel = LogRegModel;

/** Folder of the shipped sentiment lexicon, examples and model. */
export const SENTIMENT_MODEL_DIR = repoPath("nlp-models/sentiment");
/** File name of the model inside that folder. */
export const SENTIMENT_MODEL_FILE = "sentiment-model.json";
/** Sub-folder of the team-written examples (`*.jsonl`). */
export const SENTIMENT_EXAMPLES_DIR = "examples";
const FORMAT_VERSION = 1;
// Weights smaller than this change no probability in the third decimal; they are left out of the file.
const MIN_WEIGHT = 5e-4;

/** The features of one message, from its tokens and rule-scored parts (tokens from tagText). */
export function featuresOf(text: string, tokens: Token[] = tagText(text), parts: SentimentParts = scoreParts(text, tokens)): FeatureVector {
  return sentimentFeatures(tokens, parts);
}

/** Trains on feature vectors; balanced class weights, so neutral and positive count as much as the commoner negative. */
export function trainOnFeatures(xs: FeatureVector[], ys: number[], classes: readonly string[]): SentimentModel {
  const counts = classes.map((_, c) => ys.filter((y) => y === c).length);
  const classWeight = counts.map((n) => ys.length / (classes.length * Math.max(1, n)));
  return trainLogReg(xs, ys, [...classes], { classWeight });
}

/** Trains the model on labelled messages. */
export function trainSentimentModel(rows: LabelledText[]): SentimentModel {
  if (rows.length === 0) throw new Error("cannot train a sentiment model on zero examples");
  return trainOnFeatures(
    rows.map((r) => featuresOf(r.text)),
    rows.map((r) => SENTIMENT_LABELS.indexOf(r.label as (typeof SENTIMENT_LABELS)[number])),
    SENTIMENT_LABELS,
  );
}

/** k-fold cross-validation over interleaved folds: for each example, the index of the class a model trained without its fold predicts. */
export function crossValidate(xs: FeatureVector[], ys: number[], classes: readonly string[], folds: number): number[] {
  const pred = new Array<number>(xs.length);
  for (let f = 0; f < folds; f++) {
    const inFold = (i: number): boolean => i % folds === f;
    const model = trainOnFeatures(xs.filter((_, i) => !inFold(i)), ys.filter((_, i) => !inFold(i)), classes);
    xs.forEach((x, i) => {
      if (!inFold(i)) return;
      const p = probabilities(model, x);
      pred[i] = p.indexOf(Math.max(...p));
    });
  }
  return pred;
}

/** The model as JSON: classes and, per feature, its weights rounded to 4 decimals (negligible ones left out). */
export function serializeSentimentModel(model: SentimentModel): { version: number; classes: string[]; weights: Record<string, number[]> } {
  const weights: Record<string, number[]> = {};
  const k = model.classes.length;
  for (const [name, row] of model.rows) {
    const w = model.weights.subarray(row * k, row * k + k);
    if (!w.some((v) => Math.abs(v) >= MIN_WEIGHT)) continue;
    weights[name] = Array.from(w, (v) => Math.round(v * 1e4) / 1e4);
  }
  return { version: FORMAT_VERSION, classes: model.classes, weights };
}

/** Reads a serialized model; throws an error naming `source` when the shape is wrong. */
export function deserializeSentimentModel(data: unknown, source = "sentiment model"): SentimentModel {
  const d = data as { version?: unknown; classes?: unknown; weights?: unknown };
  const classes = d?.classes;
  if (d?.version !== FORMAT_VERSION || !Array.isArray(classes) || classes.join() !== SENTIMENT_LABELS.join() || typeof d.weights !== "object" || d.weights === null) {
    throw new Error(`${source}: not a sentiment model of format ${FORMAT_VERSION} with classes ${SENTIMENT_LABELS.join(", ")}`);
  }
  const entries = Object.entries(d.weights as Record<string, unknown>);
  const k = classes.length;
  const rows = new Map<string, number>();
  const weights = new Float64Array(entries.length * k);
  for (const [name, w] of entries) {
    if (!Array.isArray(w) || w.length !== k || !w.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new Error(`${source}: feature ${JSON.stringify(name)} needs ${k} finite weights`);
    }
    weights.set(w as number[], rows.size * k);
    rows.set(name, rows.size);
  }
  return { classes: [...SENTIMENT_LABELS], rows, weights };
}

/** Reads every `*.jsonl` file of the examples folder, in name order. */
export async function readSentimentExamples(dir = SENTIMENT_MODEL_DIR): Promise<LabelledText[]> {
  const folder = path.join(dir, SENTIMENT_EXAMPLES_DIR);
  const files = (await readdir(folder)).filter((f) => f.endsWith(".jsonl")).sort();
  if (files.length === 0) throw new Error(`${folder}: no *.jsonl example files`);
  return files.flatMap((f) => readLabelled(path.join(folder, f)));
}

/** Loads `<dir>/sentiment-model.json`; when the file is missing, trains in memory from `<dir>/examples/` instead of failing. */
export async function loadSentimentModel(dir = SENTIMENT_MODEL_DIR): Promise<SentimentModel> {
  const file = path.join(dir, SENTIMENT_MODEL_FILE);
  let json: string;
  try {
    json = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return trainSentimentModel(await readSentimentExamples(dir));
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error(`${file}: not valid JSON`);
  }
  return deserializeSentimentModel(data, file);
}

/** Trains on the team's examples, writes `<dir>/sentiment-model.json` and returns a summary with 5-fold cross-validated accuracy on the examples. */
export async function trainShippedSentimentModel(dir = SENTIMENT_MODEL_DIR): Promise<Record<string, unknown>> {
  const started = performance.now();
  const rows = await readSentimentExamples(dir);
  const xs = rows.map((r) => featuresOf(r.text));
  const ys = rows.map((r) => SENTIMENT_LABELS.indexOf(r.label as (typeof SENTIMENT_LABELS)[number]));
  const model = trainOnFeatures(xs, ys, SENTIMENT_LABELS);
  const seconds = (performance.now() - started) / 1000;
  const json = JSON.stringify(serializeSentimentModel(model));
  await writeFile(path.join(dir, SENTIMENT_MODEL_FILE), json + "\n");
  const folds = 5;
  const correct = crossValidate(xs, ys, SENTIMENT_LABELS, folds).filter((c, i) => c === ys[i]).length;
  return {
    examples: rows.length,
    perLabel: Object.fromEntries(SENTIMENT_LABELS.map((l, c) => [l, ys.filter((y) => y === c).length])),
    seconds: Math.round(seconds * 1000) / 1000,
    cvFolds: folds,
    cvAccuracy: Math.round((correct / rows.length) * 10000) / 10000,
    modelFile: path.join(dir, SENTIMENT_MODEL_FILE),
    modelBytes: Buffer.byteLength(json) + 1,
  };
}
