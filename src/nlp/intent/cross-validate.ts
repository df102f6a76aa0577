/** Stratified k-fold cross-validation of the intent trainer, used for held-out figures on the team's own examples. */
import { classifyWithModel } from "./model.ts";
import { seededRandom } from "./random.ts";
import { trainIntentModel, type LabelledExample, type TrainOptions } from "./train.ts";

/** Out-of-fold predictions: for each example, the best label and its confidence from a model that never saw it. */
export type FoldPrediction = { gold: string; predicted: string; confidence: number };

/** Assigns examples to k folds, spreading each label evenly. */
export function assignFolds(examples: LabelledExample[], k: number, seed = 11): number[] {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  examples.forEach((e, i) => byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), i]));
  const folds = new Array<number>(examples.length).fill(0);
  let offset = 0;
  for (const indices of byLabel.values()) {
    const shuffled = indices.map((i) => ({ i, r: random() })).sort((a, b) => a.r - b.r);
    shuffled.forEach(({ i }, n) => (folds[i] = (n + offset) % k));
    offset += shuffled.length;
  }
  return folds;
}

/** Runs k-fold cross-validation and returns every example's out-of-fold prediction (threshold 0: always a label). */
export function crossValidate(examples: LabelledExample[], k = 5, options: TrainOptions = {}): FoldPrediction[] {
  const folds = assignFolds(examples, k);
  const out: FoldPrediction[] = [];
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => folds[i] !== f);
    const model = trainIntentModel(train, { ...options, calibrationFraction: options.calibrationFraction ?? 0 });
    examples.forEach((e, i) => {
      if (folds[i] !== f) return;
      const intent = classifyWithModel(model, e.text, 0);
      out.push({ gold: e.label, predicted: intent.name, confidence: intent.confidence });
    });
  }
  return out;
}

/** Share of predictions whose label is right. */
export function accuracyOf(predictions: FoldPrediction[]): number {
  return predictions.filter((p) => p.gold === p.predicted).length / Math.max(1, predictions.length);
}
