/** Cross-validated evaluation of a classifier on a dataset: seeded stratified folds, AUC, accuracy, F1, training time. */
import type { Dataset } from "./dataset.ts";
import { fitEncoder, fitScaler } from "./encode.ts";
import { accuracy, auc, bestF1Threshold, f1 } from "./metrics.ts";
import { fitClassifier, modelDefaults, modelNames, type FitOptions, type ModelName } from "./models.ts";
import { seededRandom, shuffle } from "./random.ts";

/** Assigns each row a fold 0..k-1 so every fold keeps the classes' shares (seeded). */
export function stratifiedFolds(labels: number[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const folds = new Array<number>(labels.length);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  let offset = 0;
  for (const label of classes) {
    const rows = shuffle(
      labels.flatMap((l, i) => (l === label ? [i] : [])),
      random,
    );
    // Continue the round-robin where the previous class stopped, so fold sizes stay within one row of each other.
    rows.forEach((row, j) => (folds[row] = (offset + j) % k));
    offset = (offset + rows.length) % k;
  }
  return folds;
}

/**
 * One model's cross-validated figures (means over folds; trainSeconds summed over folds), and each row's out-of-fold
 * score (aligned with the dataset's rows: the score the model trained without that row's fold gave it).
 */
export type Evaluation = { model: ModelName; auc: number; accuracy: number; f1: number; trainSeconds: number; notes: string[]; outOfFold: number[] };

/** Options: folds (default 5), seed, and model overrides. */
export type EvaluateOptions = FitOptions & { folds?: number; seed?: number };

/** Quantile bins per numeric column for a model: logistic and SVM get them to follow non-linear effects; the tree splits raw values. */
export function binsFor(model: ModelName, options: EvaluateOptions = {}): number {
  return model === "tree" ? 0 : (options.bins ?? modelDefaults.bins);
}

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** Cross-validates one model: the encoding, scaler and F1 threshold are fitted on each training fold only. */
export async function crossValidate(data: Dataset, model: ModelName, options: EvaluateOptions = {}): Promise<Evaluation> {
  const k = options.folds ?? 5;
  const seed = options.seed ?? 1;
  const folds = stratifiedFolds(data.y, k, seed);
  const totals = { auc: 0, accuracy: 0, f1: 0, seconds: 0 };
  const notes = new Set<string>();
  const outOfFold = new Array<number>(data.rows.length).fill(0);
  for (let fold = 0; fold < k; fold++) {
    const train = data.rows.flatMap((_, i) => (folds[i] === fold ? [] : [i]));
    const test = data.rows.flatMap((_, i) => (folds[i] === fold ? [i] : []));
    const encoder = fitEncoder(data.table, data.columns, train.map((i) => data.rows[i]), { bins: binsFor(model, options) });
    const rawTrain = encoder.encode(train.map((i) => data.rows[i]));
    const scaler = fitScaler(rawTrain);
    const xTrain = scaler.apply(rawTrain);
    const xTest = scaler.apply(encoder.encode(test.map((i) => data.rows[i])));
    const yTrain = train.map((i) => data.y[i]);
    const yTest = test.map((i) => data.y[i]);
    const started = performance.now();
    const classifier = await fitClassifier(model, xTrain, yTrain, { ...options, seed: seed + fold });
    totals.seconds += (performance.now() - started) / 1000;
    classifier.notes.forEach((note) => notes.add(note));
    const threshold = bestF1Threshold(classifier.score(xTrain), yTrain);
    const scores = classifier.score(xTest);
    classifier.dispose?.();
    test.forEach((row, j) => (outOfFold[row] = scores[j]));
    totals.auc += auc(scores, yTest) / k;
    totals.accuracy += accuracy(scores, yTest, threshold) / k;
    totals.f1 += f1(scores, yTest, threshold) / k;
  }
  return { model, auc: round(totals.auc), accuracy: round(totals.accuracy), f1: round(totals.f1), trainSeconds: round(totals.seconds, 2), notes: [...notes], outOfFold };
}

/** The `analytics eval` answer: the chosen model's figures, and with `auto` every model's AUC. */
export type EvalReport = {
  rows: number;
  features: number;
  model: ModelName;
  auc: number;
  accuracy: number;
  f1: number;
  folds: number;
  trainSeconds: number;
  positive: string;
  models?: Record<ModelName, { auc: number; trainSeconds: number }>;
  notes: string[];
};

/** Evaluates one model, or with "auto" every model, choosing the best by cross-validated AUC. */
export async function evaluateDataset(data: Dataset, model: ModelName | "auto", options: EvaluateOptions = {}): Promise<EvalReport> {
  const candidates = model === "auto" ? modelNames : [model];
  const results: Evaluation[] = [];
  for (const candidate of candidates) results.push(await crossValidate(data, candidate, options));
  const best = results.reduce((a, b) => (b.auc > a.auc ? b : a));
  const report: EvalReport = {
    rows: data.rows.length,
    features: fitEncoder(data.table, data.columns, data.rows, { bins: binsFor(best.model, options) }).features.length,
    model: best.model,
    auc: best.auc,
    accuracy: best.accuracy,
    f1: best.f1,
    folds: options.folds ?? 5,
    trainSeconds: best.trainSeconds,
    positive: data.positive,
    notes: [...new Set(results.flatMap((r) => r.notes))],
  };
  if (model === "auto") {
    report.models = Object.fromEntries(results.map((r) => [r.model, { auc: r.auc, trainSeconds: r.trainSeconds }])) as EvalReport["models"];
  }
  if (data.droppedRows > 0) report.notes.push(`${data.droppedRows} rows without a target value left out`);
  return report;
}
