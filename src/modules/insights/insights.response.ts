/**
 * Response models: every delivered campaign send is a labelled example (responded = the customer replied or converted),
 * described by the customer's features as of the campaign's start. A logistic regression and an SVM (src/analytics) are
 * cross-validated; the one with the better AUC is refitted on every example and scores every customer today.
 */
import type { CalibrationBinDTO, ResponseModelDTO } from "../../contracts/insights.ts";
import { fitEncoder, fitScaler } from "../../analytics/encode.ts";
import { binsFor, crossValidate } from "../../analytics/evaluate.ts";
import { fitClassifier } from "../../analytics/models.ts";
import { featureTable, numericColumns, round, type FeatureDefinition } from "./insights.features.ts";
import type { FeatureSourceRow } from "./insights.repo.ts";

/** A model needs this many labelled examples, and this many responders and non-responders among them. */
export const RESPONSE_NEEDS = { examples: 50, perClass: 5 } as const;

/** The two models compared, in the order a tie is broken (the simpler first). */
const RESPONSE_MODELS = ["logistic", "svm"] as const;

/** A labelled example: the customer's features as of the campaign's start, and whether they responded. */
export type ResponseExample = { row: FeatureSourceRow; responded: boolean };

/** What the response modelling found: figures for the summary, and a score for each current row (by index). */
export type ResponseResult =
  | {
      status: "ready";
      chosen: "logistic" | "svm";
      models: ResponseModelDTO[];
      examples: number;
      responders: number;
      folds: number;
      scores: number[];
    }
  | { status: "insufficient"; examples: number; responders: number; message: string };

/**
 * Splits out-of-fold scores, sorted, into ten groups of (nearly) equal size: each group's mean score against its
 * observed response rate. A calibrated model's points lie on the diagonal.
 */
export function calibration(scores: number[], labels: number[], bins = 10): CalibrationBinDTO[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const groups = Math.min(bins, order.length);
  const result: CalibrationBinDTO[] = [];
  for (let g = 0; g < groups; g++) {
    const members = order.slice(Math.floor((g * order.length) / groups), Math.floor(((g + 1) * order.length) / groups));
    if (members.length === 0) continue;
    const predicted = members.reduce((sum, i) => sum + scores[i], 0) / members.length;
    const observed = members.reduce((sum, i) => sum + labels[i], 0) / members.length;
    result.push({ decile: g + 1, examples: members.length, predicted: round(predicted), observed: round(observed) });
  }
  return result;
}

/** Trains and compares the response models on the examples and scores the current rows; `insufficient` when too few outcomes. */
export async function responseModel(examples: ResponseExample[], current: FeatureSourceRow[], definitions: FeatureDefinition[]): Promise<ResponseResult> {
  const y: number[] = examples.map((e) => (e.responded ? 1 : 0));
  const responders = y.reduce((sum, v) => sum + v, 0);
  const others = examples.length - responders;
  if (examples.length < RESPONSE_NEEDS.examples || responders < RESPONSE_NEEDS.perClass || others < RESPONSE_NEEDS.perClass) {
    return {
      status: "insufficient",
      examples: examples.length,
      responders,
      message:
        `Response models need at least ${RESPONSE_NEEDS.examples} delivered campaign sends, with ${RESPONSE_NEEDS.perClass} customers who replied or converted and ${RESPONSE_NEEDS.perClass} who did not; ` +
        `there are ${examples.length} (${responders} responded). Send campaigns (POST /api/v1/campaigns) and refresh once their results are in.`,
    };
  }
  const { table } = featureTable([...examples.map((e) => e.row), ...current], definitions);
  const learnRows = examples.map((_, i) => i);
  const columns = numericColumns(table, definitions, learnRows);
  const data = { table, rows: learnRows, y, positive: "responded", columns, droppedRows: 0 };
  const folds = Math.min(5, responders, others);
  const models: ResponseModelDTO[] = [];
  for (const name of RESPONSE_MODELS) {
    const evaluation = await crossValidate(data, name, { folds });
    models.push({ name, auc: evaluation.auc, accuracy: evaluation.accuracy, calibration: calibration(evaluation.outOfFold, y) });
  }
  const chosen = models.reduce((best, m) => (m.auc > best.auc ? m : best)).name;
  // The chosen model refitted on every example, with the encoding and scaling fitted on them, scores today's customers.
  const encoder = fitEncoder(table, columns, learnRows, { bins: binsFor(chosen) });
  const raw = encoder.encode(learnRows);
  const scaler = fitScaler(raw);
  const classifier = await fitClassifier(chosen, scaler.apply(raw), y);
  const scores = classifier.score(scaler.apply(encoder.encode(current.map((_, i) => examples.length + i)))).map((s) => round(Math.min(1, Math.max(0, s))));
  classifier.dispose?.();
  return { status: "ready", chosen, models, examples: examples.length, responders, folds, scores };
}
