/** Multinomial logistic regression over sparse named features (AdaGrad, L2), for cross-validated sentiment models. */

/** A document's features: name → value. */
export type FeatureVector = Map<string, number>;

/**
 * A trained model: per feature name, its row of weights over the classes. One flat array rather than a small array per
 * feature: 36,000 features as typed arrays of their own took about 15 MB, mostly per-array bookkeeping.
 */
export type LogRegModel = {
  classes: string[];
  /** Each feature's row in `weights`. */
  rows: Map<string, number>;
  /** weights[row × classes + class]. */
  weights: Float64Array;
};

/** Class probabilities for one document. */
export function probabilities(model: LogRegModel, x: FeatureVector): number[] {
  const k = model.classes.length;
  const z = new Float64Array(k);
  for (const [name, value] of x) {
    const row = model.rows.get(name);
    if (row === undefined) continue;
    for (let c = 0, at = row * k; c < k; c++, at++) z[c] += model.weights[at] * value;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
  const out = new Array<number>(k);
  for (let c = 0; c < k; c++) out[c] = z[c] / sum;
  return out;
}

/** Options for training: epochs, learning rate, L2 strength, per-class weights for imbalance. */
export type TrainOptions = { epochs?: number; rate?: number; l2?: number; classWeight?: number[] };

/** Trains with AdaGrad on shuffled examples (fixed seed, so results are reproducible). */
export function trainLogReg(xs: FeatureVector[], ys: number[], classes: string[], options: TrainOptions = {}): LogRegModel {
  const { epochs = 16, rate = 0.3, l2 = 1e-3 } = options;
  const k = classes.length;
  // Features become integer ids and the weights one flat array: the training loop then touches no maps.
  const ids = new Map<string, number>();
  const docs = xs.map((x) => {
    const idx = new Int32Array(x.size);
    const val = new Float64Array(x.size);
    let j = 0;
    for (const [name, value] of x) {
      let id = ids.get(name);
      if (id === undefined) ids.set(name, (id = ids.size));
      idx[j] = id;
      val[j++] = value;
    }
    return { idx, val };
  });
  const w = new Float64Array(ids.size * k);
  const g = new Float64Array(ids.size * k).fill(1e-6);
  const z = new Float64Array(k);
  const order = xs.map((_, i) => i);
  let seed = 7;
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const d of order) {
      const { idx, val } = docs[d];
      z.fill(0);
      for (let j = 0; j < idx.length; j++) for (let c = 0; c < k; c++) z[c] += w[idx[j] * k + c] * val[j];
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (z[c] > max) max = z[c];
      let sum = 0;
      for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
      const cw = options.classWeight?.[ys[d]] ?? 1;
      for (let c = 0; c < k; c++) z[c] = cw * (z[c] / sum - (c === ys[d] ? 1 : 0));
      for (let j = 0; j < idx.length; j++) {
        const base = idx[j] * k;
        for (let c = 0; c < k; c++) {
          const grad = z[c] * val[j] + l2 * w[base + c];
          g[base + c] += grad * grad;
          w[base + c] -= (rate / Math.sqrt(g[base + c])) * grad;
        }
      }
    }
  }
  return { classes, rows: ids, weights: w };
}
