/** A multinomial naive Bayes expert over feature presence, added to the linear scores as a product of experts. */
import type { SparseVector } from "./features.ts";

/**
 * Naive Bayes over which of the model's features a text has (binarised counts, as in Wang & Manning 2012). Its
 * log-likelihood, scaled by `weight`, is added to the SVM's scores: the two disagree on different examples (naive Bayes
 * trusts rare, class-specific features that the SVM's margin regularises away), and the sum is a product of experts
 * whose softmax temperature is then fitted as before.
 */
export type NaiveBayesExpert = {
  /** Scale of the log-likelihood against the linear scores. */
  weight: number;
  /** Additive (Lidstone) smoothing of the feature counts. */
  alpha: number;
  /** Feature × class counts in compressed rows: classes[rowStart[j] … rowStart[j + 1]) saw feature j count[…] times. */
  rowStart: Int32Array;
  classes: Int32Array;
  counts: Int32Array;
  /** log(1 + count / alpha): what a seen feature adds over an unseen one. */
  logRatio: Float32Array;
  /** Per class, log P(feature | class) of a feature never seen with the class: log alpha − log(total + alpha × vocabulary). */
  unseen: Float64Array;
};

/** Builds the expert from feature × class counts in compressed rows (vocabulary size = rowStart.length − 1). */
export function naiveBayesFromCounts(rowStart: Int32Array, classes: Int32Array, counts: Int32Array, k: number, alpha: number, weight: number): NaiveBayesExpert {
  const totals = new Float64Array(k);
  for (let i = 0; i < counts.length; i++) totals[classes[i]] += counts[i];
  const dims = rowStart.length - 1;
  return {
    weight, alpha, rowStart, classes, counts,
    logRatio: Float32Array.from(counts, (n) => Math.log1p(n / alpha)),
    unseen: Float64Array.from(totals, (t) => Math.log(alpha) - Math.log(t + alpha * dims)),
  };
}

/** Counts in how many examples of each class each feature occurs, and builds the expert. */
export function trainNaiveBayes(vectors: SparseVector[], y: Int32Array, dims: number, k: number, alpha: number, weight: number): NaiveBayesExpert {
  const perFeature = Array.from({ length: dims }, () => new Map<number, number>());
  vectors.forEach((x, n) => {
    for (const j of x.idx) perFeature[j].set(y[n], (perFeature[j].get(y[n]) ?? 0) + 1);
  });
  const rowStart = new Int32Array(dims + 1);
  const classes: number[] = [];
  const counts: number[] = [];
  perFeature.forEach((row, j) => {
    for (const [c, n] of [...row].sort((a, b) => a[0] - b[0])) {
      classes.push(c);
      counts.push(n);
    }
    rowStart[j + 1] = classes.length;
  });
  return naiveBayesFromCounts(rowStart, Int32Array.from(classes), Int32Array.from(counts), k, alpha, weight);
}

/** Adds weight × log P(features | class) to each class score (features outside the vocabulary were already dropped). */
export function addNaiveBayesScores(nb: NaiveBayesExpert, x: SparseVector, out: Float64Array): void {
  const n = x.idx.length;
  for (let c = 0; c < out.length; c++) out[c] += nb.weight * n * nb.unseen[c];
  for (const j of x.idx) {
    for (let i = nb.rowStart[j]; i < nb.rowStart[j + 1]; i++) out[nb.classes[i]] += nb.weight * nb.logRatio[i];
  }
}
