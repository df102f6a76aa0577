/**
 * The weekly revenue model: ordinary least squares on trend, week-of-year seasonality (Fourier terms) and the weighted
 * pipeline expected to close in the week, with a 95% prediction interval from the residual standard error and each
 * point's leverage. The linear algebra is ml-matrix's (pseudo-inverse by SVD), never hand-written.
 */
import { Matrix, pseudoInverse, SingularValueDecomposition } from "ml-matrix";

/** One week the model sees: its Monday, its position in the series, the pipeline expected then, and (history) its revenue. */
export type WeekPoint = { weekStart: string; index: number; pipelineCents: number; amountCents?: number };

/** A week's prediction with its 95% interval (all clamped at 0: revenue is never negative). */
export type WeekPrediction = { weekStart: string; amountCents: number; lowCents: number; highCents: number };

/** A fitted model: which regressors it used, and predictions for any weeks. */
export type FittedModel = { regressors: string[]; predict(points: WeekPoint[]): WeekPrediction[] };

/** The fewest weeks of history the model is fitted on. */
export const MIN_HISTORY_WEEKS = 8;

// Two-sided 95% Student t critical values by residual degrees of freedom (published tables), read at the largest
// tabulated df not above the model's, so the interval errs wide; 1.96 (the normal's) beyond 120.
const T_975: [number, number][] = [
  [1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [6, 2.447], [7, 2.365], [8, 2.306], [9, 2.262], [10, 2.228],
  [12, 2.179], [15, 2.131], [20, 2.086], [25, 2.06], [30, 2.042], [40, 2.021], [60, 2.0], [120, 1.98],
];

function tCritical(df: number): number {
  if (df > 120) return 1.96;
  let value = T_975[0]![1];
  for (const [d, t] of T_975) if (d <= df) value = t;
  return value;
}

/**
 * Harmonics of the yearly cycle: two once the history spans a whole year, none before. With less than a year the sine
 * and cosine are confounded with the trend and extrapolate wildly (on the demo history, a 44-week fit with one harmonic
 * back-tested at 63% MAPE, without at 22%).
 */
function harmonicsFor(weeks: number): number {
  return weeks >= 52 ? 2 : 0;
}

/** The week's position in the year, as an angle: from its Monday's day of the year (53-week years included). */
function yearAngle(weekStart: string): number {
  const day = new Date(`${weekStart}T00:00:00.000Z`);
  const dayOfYear = (day.getTime() - Date.UTC(day.getUTCFullYear(), 0, 1)) / 86_400_000;
  return (2 * Math.PI * dayOfYear) / 365.25;
}

function features(p: WeekPoint, harmonics: number, withPipeline: boolean): number[] {
  const row = [1, p.index];
  for (let k = 1; k <= harmonics; k++) row.push(Math.sin(k * yearAngle(p.weekStart)), Math.cos(k * yearAngle(p.weekStart)));
  if (withPipeline) row.push(p.pipelineCents);
  return row;
}

/** Fits the model on weeks with known revenue (at least MIN_HISTORY_WEEKS). */
export function fitWeeklyModel(history: WeekPoint[]): FittedModel {
  if (history.length < MIN_HISTORY_WEEKS) throw new Error(`the model needs ${MIN_HISTORY_WEEKS} weeks of history, got ${history.length}`);
  const harmonics = harmonicsFor(history.length);
  // A pipeline that never changed says nothing the intercept does not, and would make the design rank-deficient.
  const withPipeline = new Set(history.map((p) => p.pipelineCents)).size > 1;
  const raw = history.map((p) => features(p, harmonics, withPipeline));
  // Columns scaled to at most 1 in magnitude so the SVD's rank threshold treats cents and week numbers alike.
  const scale = raw[0]!.map((_, j) => Math.max(1e-12, ...raw.map((r) => Math.abs(r[j]!))));
  const X = new Matrix(raw.map((r) => r.map((v, j) => v / scale[j]!)));
  const y = Matrix.columnVector(history.map((p) => p.amountCents ?? 0));
  const Xplus = pseudoInverse(X);
  const beta = Xplus.mmul(y);
  // (XᵀX)⁺ = X⁺(X⁺)ᵀ: the leverage of a new point x₀ is x₀ᵀ(XᵀX)⁺x₀.
  const XtXplus = Xplus.mmul(Xplus.transpose());
  const rank = new SingularValueDecomposition(X, { computeLeftSingularVectors: false, computeRightSingularVectors: false }).rank;
  const residuals = y.clone().sub(X.mmul(beta));
  const df = Math.max(1, history.length - rank);
  const s = Math.sqrt(residuals.transpose().mmul(residuals).get(0, 0) / df);
  const t = tCritical(df);
  const regressors = ["intercept", "trend", ...Array.from({ length: harmonics }, (_, k) => `sin/cos ${k + 1}×year`), ...(withPipeline ? ["pipeline"] : [])];
  return {
    regressors,
    predict(points) {
      return points.map((p) => {
        const x0 = Matrix.rowVector(features(p, harmonics, withPipeline).map((v, j) => v / scale[j]!));
        const mean = x0.mmul(beta).get(0, 0);
        const leverage = x0.mmul(XtXplus).mmul(x0.transpose()).get(0, 0);
        const margin = t * s * Math.sqrt(1 + Math.max(0, leverage));
        return {
          weekStart: p.weekStart,
          amountCents: Math.max(0, Math.round(mean)),
          lowCents: Math.max(0, Math.round(mean - margin)),
          highCents: Math.max(0, Math.round(mean + margin)),
        };
      });
    },
  };
}

/** Mean absolute percentage error (in %, one decimal) over the weeks with revenue; null when none had any. */
export function mape(actual: number[], predicted: number[]): number | null {
  const errors = actual.flatMap((a, i) => (a > 0 ? [Math.abs(a - predicted[i]!) / a] : []));
  if (errors.length === 0) return null;
  return Math.round((errors.reduce((s, e) => s + e, 0) / errors.length) * 1000) / 10;
}

/** The number of last weeks the back-test holds out. */
export const HELD_OUT_WEEKS = 8;

/** Trains on all but the last HELD_OUT_WEEKS weeks and scores the prediction of those (null with too little history). */
export function backtest(history: WeekPoint[]): { heldOutWeeks: number; mape: number | null } | null {
  if (history.length < MIN_HISTORY_WEEKS + HELD_OUT_WEEKS) return null;
  const train = history.slice(0, -HELD_OUT_WEEKS);
  const held = history.slice(-HELD_OUT_WEEKS);
  const predicted = fitWeeklyModel(train).predict(held);
  return { heldOutWeeks: HELD_OUT_WEEKS, mape: mape(held.map((p) => p.amountCents ?? 0), predicted.map((p) => p.amountCents)) };
}
