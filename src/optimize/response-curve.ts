/**
 * Diminishing returns: revenue(h) = max · (1 − e^(−rate · h)), the usual saturating response of sales effort, fitted
 * to past (effort, outcome) points by Levenberg–Marquardt least squares (ml-levenberg-marquardt).
 */
import { levenbergMarquardt } from "ml-levenberg-marquardt";

/** A fitted curve: the ceiling, the rate at which it is approached, and the fit's root-mean-square error. */
export type SaturatingCurve = { max: number; rate: number; rmse: number };

/** Evaluates a curve at x. */
export function saturatingValue(curve: Pick<SaturatingCurve, "max" | "rate">, x: number): number {
  return curve.max * (1 - Math.exp(-curve.rate * x));
}

/** Fits the curve to at least two points with x ≥ 0; throws when there are too few. */
export function fitSaturatingCurve(points: readonly { x: number; y: number }[]): SaturatingCurve {
  if (points.length < 2) throw new Error("fitting a response curve needs at least two observations");
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const top = Math.max(...ys, 1e-9);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length || 1;
  const fitted = levenbergMarquardt({ x: xs, y: ys }, ([max, rate]) => (x) => max * (1 - Math.exp(-rate * x)), {
    initialValues: [top * 1.2, 1 / meanX],
    minValues: [0, 1e-9],
    maxValues: [top * 100, 100],
    maxIterations: 500,
    errorTolerance: 1e-12,
    damping: 1.5,
  });
  const [max, rate] = fitted.parameterValues;
  const rmse = Math.sqrt(points.reduce((sum, p) => sum + (p.y - saturatingValue({ max, rate }, p.x)) ** 2, 0) / points.length);
  return { max, rate, rmse };
}
