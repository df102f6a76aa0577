/**
 * The campaign forecast: a multiple linear regression (ml-regression-multivariate-linear) from a campaign's audience
 * (size, mean recency, orders, spend and negative share of its customers) and message (channel, length, variables,
 * variants) to its response rate and attributed revenue, trained on past campaigns and judged by leave-one-out.
 */
import MultivariateLinearRegression from "ml-regression-multivariate-linear";
import { fitScaler } from "../../analytics/encode.ts";
import { round } from "./insights.features.ts";

/** The inputs of the forecast, by name, in the order the regression reads them. */
export const FORECAST_FEATURES = [
  "audienceSize",
  "meanRecencyDays",
  "meanOrders12m",
  "meanSpend12m",
  "meanNegativeShare",
  "email",
  "messageLength",
  "hasVariables",
  "variants",
] as const;

/** One campaign's inputs. */
export type ForecastInputs = Record<(typeof FORECAST_FEATURES)[number], number>;

/** A past campaign: its inputs and what came of it (share of delivered sends that responded, revenue in currency units). */
export type CampaignSample = { inputs: ForecastInputs; responseRate: number; revenue: number };

/** The stored model: the features kept (those that vary across past campaigns), their scaling, the weights and its evaluation. */
export type ForecastModel = {
  campaigns: number;
  features: string[];
  mean: number[];
  std: number[];
  /** The fitted regression (ml-regression-multivariate-linear's JSON) on standardised inputs: output 0 response rate, 1 revenue. */
  regression: ReturnType<MultivariateLinearRegression["toJSON"]>;
  r2: { responseRate: number; revenue: number };
  looMae: { responseRate: number; revenue: number };
  looR2: { responseRate: number; revenue: number };
};

/** Past campaigns needed beyond the features kept (so each leave-one-out fit has more campaigns than weights). */
export const FORECAST_SPARE = 2;

/** The message features of a campaign: channel, length of the first variant, whether it has variables, how many variants. */
export function messageInputs(channel: "widget" | "email", message: string, variants: number): Pick<ForecastInputs, "email" | "messageLength" | "hasVariables" | "variants"> {
  return { email: channel === "email" ? 1 : 0, messageLength: message.length, hasVariables: /\{\{\s*\w+\s*\}\}/.test(message) ? 1 : 0, variants };
}

function r2Of(actual: number[], predicted: number[]): number {
  const mean = actual.reduce((s, v) => s + v, 0) / Math.max(1, actual.length);
  const total = actual.reduce((s, v) => s + (v - mean) ** 2, 0);
  const residual = actual.reduce((s, v, i) => s + (v - predicted[i]) ** 2, 0);
  return total === 0 ? 0 : 1 - residual / total;
}

const maeOf = (actual: number[], predicted: number[]): number => actual.reduce((s, v, i) => s + Math.abs(v - predicted[i]), 0) / Math.max(1, actual.length);

function fit(x: number[][], y: number[][]) {
  const scaler = fitScaler(x);
  const model = new MultivariateLinearRegression(scaler.apply(x), y, { intercept: true, statistics: false });
  return { predict: (rows: number[][]): number[][] => model.predict(scaler.apply(rows)), regression: model.toJSON(), mean: scaler.mean, std: scaler.std };
}

/** Fits the regression on past campaigns; a message saying how many are needed when there are too few for the features that vary. */
export function trainForecast(samples: CampaignSample[]): ForecastModel | { message: string; needs: number } {
  const varying = FORECAST_FEATURES.filter((key) => new Set(samples.map((s) => s.inputs[key])).size > 1);
  const needs = Math.max(varying.length, 1) + FORECAST_SPARE;
  if (samples.length < needs) {
    return {
      needs,
      message: `The forecast needs at least ${needs} past campaigns with delivered sends (${varying.length} inputs vary across them, plus ${FORECAST_SPARE}); there are ${samples.length}.`,
    };
  }
  const x = samples.map((s) => varying.map((key) => s.inputs[key]));
  const y = samples.map((s) => [s.responseRate, s.revenue]);
  const model = fit(x, y);
  const fitted = model.predict(x);
  // Leave-one-out: each campaign predicted by the regression fitted on all the others.
  const held = samples.map((_, i) => {
    const others = samples.flatMap((_, j) => (j === i ? [] : [j]));
    return fit(
      others.map((j) => x[j]),
      others.map((j) => y[j]),
    ).predict([x[i]])[0];
  });
  const column = (rows: number[][], c: number) => rows.map((r) => r[c]);
  const figures = (f: (a: number[], p: number[]) => number, rows: number[][]) => ({
    responseRate: round(f(column(y, 0), column(rows, 0))),
    revenue: round(f(column(y, 1), column(rows, 1)), 2),
  });
  return {
    campaigns: samples.length,
    features: [...varying],
    mean: model.mean,
    std: model.std,
    regression: model.regression,
    r2: figures(r2Of, fitted),
    looMae: figures(maeOf, held),
    looR2: figures(r2Of, held),
  };
}

/** Applies a stored model to a campaign's inputs: response rate clamped to 0–1, revenue at least 0. */
export function applyForecast(model: ForecastModel, inputs: ForecastInputs): { responseRate: number; revenue: number } {
  const z = model.features.map((key, j) => (inputs[key as keyof ForecastInputs] - model.mean[j]) / model.std[j]);
  const predicted = MultivariateLinearRegression.load(model.regression).predict(z);
  return { responseRate: round(Math.min(1, Math.max(0, predicted[0]))), revenue: round(Math.max(0, predicted[1]), 2) };
}
