/**
 * Diminishing returns above a base: value(h) = base + lift · (1 − e^(−rate · h)), the usual saturating response of
 * sales effort on top of what comes without it, fitted to past (effort, outcome) points by Levenberg–Marquardt least
 * squares (ml-levenberg-marquardt) under a stated ceiling on base + lift.
 */
import { levenbergMarquardt } from "ml-levenberg-marquardt";

/** A response curve: what comes with no effort, the most effort adds on top, and how fast that is approached. */
export type ResponseCurve = { base: number; lift: number; rate: number };

/** A fitted curve and the fit's root-mean-square error. */
export type FittedCurve = ResponseCurve & { rmse: number };

/** Bounds of a fit: base + lift stays at most `ceiling` (default 100 × the largest y); the rate stays in [minRate, maxRate]. */
export type CurveBounds = { ceiling?: number; minRate?: number; maxRate?: number };

/** Evaluates a curve at x. */
export function responseValue(curve: ResponseCurve, x: number): number {
  return curve.base + curve.lift * (1 - Math.exp(-curve.rate * x));
}

/** The effort after which the curve has given `share` (e.g. 0.99) of its lift: beyond it the curve is flat for planning. */
export function flatPoint(curve: Pick<ResponseCurve, "rate">, share: number): number {
  return -Math.log(1 - share) / curve.rate;
}

/** Fits the curve to at least two points with x ≥ 0; throws when there are too few. */
export function fitResponseCurve(points: readonly { x: number; y: number }[], bounds: CurveBounds = {}): FittedCurve {
  if (points.length < 2) throw new Error("fitting a response curve needs at least two observations");
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const ceiling = bounds.ceiling ?? 100 * Math.max(...ys, 1e-9);
  const minRate = bounds.minRate ?? 1e-9;
  const maxRate = bounds.maxRate ?? 100;
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length || 1;
  const atLeast = points.reduce((low, p) => (p.x < low.x ? p : low), points[0]);
  // Stated as (base, share of the room left under the ceiling, rate), so base + lift ≤ ceiling holds inside the box bounds.
  const model = ([base, share, rate]: number[]) => (x: number) => base + share * (ceiling - base) * (1 - Math.exp(-rate * x));
  const fitted = levenbergMarquardt({ x: xs, y: ys }, model, {
    initialValues: [Math.min(Math.max(atLeast.y, 0), ceiling), 0.5, Math.min(Math.max(1 / meanX, minRate), maxRate)],
    minValues: [0, 0, minRate],
    maxValues: [ceiling, 1, maxRate],
    maxIterations: 500,
    errorTolerance: 1e-12,
    damping: 1.5,
  });
  const [base, share, rate] = fitted.parameterValues;
  const curve = { base, lift: share * (ceiling - base), rate };
  const rmse = Math.sqrt(points.reduce((sum, p) => sum + (p.y - responseValue(curve, p.x)) ** 2, 0) / points.length);
  return { ...curve, rmse };
}
