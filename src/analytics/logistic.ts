/** L2-regularised logistic regression fitted by Newton's method (IRLS); ml-matrix solves each Newton system. */
import { CholeskyDecomposition, Matrix, solve } from "ml-matrix";

/** A fitted logistic model: intercept, one coefficient per (standardised) feature, and its probability function. */
export type LogisticModel = { intercept: number; coefficients: number[]; iterations: number; predict(X: number[][]): number[] };

/** Defaults: the L2 penalty λ (on standardised features; the intercept is not penalised), Newton steps and tolerance. */
export const logisticDefaults = { lambda: 10, maxIterations: 25, tolerance: 1e-4 };

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Accumulates XᵀWX (upper triangle, mirrored) and Xᵀ(y − p) over rows with a leading 1 for the intercept. */
function newtonSystem(rows: Float64Array[], y: number[], w: Float64Array): { hessian: number[][]; gradient: number[] } {
  const p = w.length;
  const h = new Float64Array(p * p);
  const g = new Float64Array(p);
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i];
    let z = 0;
    for (let j = 0; j < p; j++) z += x[j] * w[j];
    const prob = sigmoid(z);
    const weight = Math.max(prob * (1 - prob), 1e-10);
    const residual = y[i] - prob;
    for (let j = 0; j < p; j++) {
      const xj = x[j] * weight;
      if (xj === 0) continue;
      g[j] += x[j] * residual;
      const offset = j * p;
      for (let k = j; k < p; k++) h[offset + k] += xj * x[k];
    }
  }
  const hessian = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, k) => (k >= j ? h[j * p + k] : h[k * p + j])));
  return { hessian, gradient: Array.from(g) };
}

/**
 * Fits P(y = 1 | x) = σ(b + w·x) maximising the log-likelihood minus λ/2·|w|². Newton's method converges in a handful
 * of steps and, unlike ml-logistic-regression's fixed-step gradient ascent (no intercept, no penalty, a step that grows
 * with the row count), needs no learning rate and stays finite when a feature separates the classes.
 */
export function fitLogistic(X: number[][], y: number[], options: Partial<typeof logisticDefaults> = {}): LogisticModel {
  const { lambda, maxIterations, tolerance } = { ...logisticDefaults, ...options };
  const rows = X.map((row) => Float64Array.from([1, ...row]));
  const p = (X[0]?.length ?? 0) + 1;
  const w = new Float64Array(p);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const { hessian, gradient } = newtonSystem(rows, y, w);
    for (let j = 1; j < p; j++) {
      hessian[j][j] += lambda;
      gradient[j] -= lambda * w[j];
    }
    const H = new Matrix(hessian);
    const G = Matrix.columnVector(gradient);
    const cholesky = new CholeskyDecomposition(H);
    const step = (cholesky.isPositiveDefinite() ? cholesky.solve(G) : solve(H, G, true)).getColumn(0);
    let stepSize = 0;
    let size = 0;
    for (let j = 0; j < p; j++) {
      w[j] += step[j];
      stepSize += step[j] ** 2;
      size += w[j] ** 2;
    }
    if (Math.sqrt(stepSize) < tolerance * (1 + Math.sqrt(size))) break;
  }
  const [intercept, ...coefficients] = Array.from(w);
  return {
    intercept,
    coefficients,
    iterations,
    predict: (data) => data.map((row) => sigmoid(intercept + row.reduce((sum, v, j) => sum + v * coefficients[j], 0))),
  };
}
