/** Choosing an out-of-scope threshold without test data: from labelled val/oos sets, or by leaving whole intents out of training. */
import { UNKNOWN_INTENT } from "../../contracts/nlp.ts";
import { classifyWithModel, type IntentModel } from "./model.ts";
import { chooseThresholdBy, DEFAULT_MAX_IN_SCOPE_LOSS, DEFAULT_OOS_SHARE, type ScoredInScope, type ThresholdRule } from "./metrics.ts";
import { assignFolds } from "./cross-validate.ts";
import { seededRandom } from "./random.ts";
import { trainIntentModel, type LabelledExample, type TrainOptions } from "./train.ts";

/** Threshold choice with the in-scope accuracy and out-of-scope recall it achieved on the data it was chosen on. */
export type ThresholdChoice = { threshold: number; inScopeAccuracy: number; oosRecall: number; method: string };

/** Confidence of the best intent for an out-of-scope text, or −1 when the model's own "unknown" class already rejects it. */
export function oosConfidence(model: IntentModel, text: string): number {
  const intent = classifyWithModel(model, text, 0);
  return intent.name === UNKNOWN_INTENT ? -1 : intent.confidence;
}

/** Picks the threshold on a labelled in-scope validation set plus out-of-scope validation texts. */
export function thresholdFromValidation(model: IntentModel, val: LabelledExample[], oosTexts: string[], rule: ThresholdRule = { maxInScopeLoss: DEFAULT_MAX_IN_SCOPE_LOSS }): ThresholdChoice {
  const inScope: ScoredInScope[] = val.map((e) => {
    const intent = classifyWithModel(model, e.text, 0);
    return { confidence: intent.confidence, correct: intent.name === e.label };
  });
  const oos = oosTexts.map((t) => oosConfidence(model, t));
  return { ...chooseThresholdBy(rule, inScope, oos), method: "validation" };
}

/**
 * Picks the threshold when no out-of-scope examples exist: in each round a random quarter of the intents is left out of
 * training and their examples play the out-of-scope queries, while a held-out slice of the other intents plays in-scope.
 */
export function thresholdByLeavingIntentsOut(examples: LabelledExample[], options: TrainOptions = {}, rule: ThresholdRule = { oosShare: DEFAULT_OOS_SHARE }, rounds = 4): ThresholdChoice {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const random = seededRandom(options.seed ?? 5);
  const folds = assignFolds(examples, rounds, 13);
  const inScope: ScoredInScope[] = [];
  const oos: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const left = new Set(labels.filter(() => random() < 0.25));
    if (left.size === 0 || left.size === labels.length) continue;
    const train = examples.filter((e, i) => !left.has(e.label) && folds[i] !== r);
    const model = trainIntentModel(train, options);
    examples.forEach((e, i) => {
      if (left.has(e.label)) oos.push(oosConfidence(model, e.text));
      else if (folds[i] === r) {
        const intent = classifyWithModel(model, e.text, 0);
        inScope.push({ confidence: intent.confidence, correct: intent.name === e.label });
      }
    });
  }
  return { ...chooseThresholdBy(rule, inScope, oos), method: "leave-intents-out cross-validation on train" };
}
