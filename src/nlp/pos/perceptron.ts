/** A small averaged perceptron over string features, used as the POS correction layer. */

/** Trained weights: one vector of class scores per feature. */
export type PerceptronModel = { classes: readonly string[]; weights: Map<string, Float32Array | Float64Array> };

/** The JSON form of a model, as shipped in nlp-models/pos/. */
export type PerceptronJson = { classes: string[]; weights: Record<string, number[]> };

/** Returns the index of the best class for a bag of features. */
export function predict(model: PerceptronModel, features: string[], scores?: Float64Array): number {
  const n = model.classes.length;
  const s = scores ?? new Float64Array(n);
  s.fill(0);
  for (const f of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    for (let c = 0; c < n; c++) s[c] += w[c];
  }
  let best = 0;
  for (let c = 1; c < n; c++) if (s[c] > s[best]) best = c;
  return best;
}

/** Online trainer that keeps the running sums needed for averaging. */
export class PerceptronTrainer {
  private readonly n: number;
  private readonly w = new Map<string, Float64Array>();
  private readonly totals = new Map<string, Float64Array>();
  private readonly stamps = new Map<string, Float64Array>();
  private step = 0;
  readonly model: PerceptronModel;

  /** Creates a trainer for a fixed class list. */
  constructor(readonly classes: readonly string[]) {
    this.n = classes.length;
    this.model = { classes, weights: this.w };
  }

  /** Predicts with the current (non-averaged) weights, then updates them when the guess is wrong. */
  learn(features: string[], truth: number): number {
    this.step++;
    const guess = predict(this.model, features);
    if (guess !== truth) {
      for (const f of features) {
        this.bump(f, truth, 1);
        this.bump(f, guess, -1);
      }
    }
    return guess;
  }

  private bump(f: string, c: number, v: number): void {
    let w = this.w.get(f);
    if (!w) {
      w = new Float64Array(this.n);
      this.w.set(f, w);
      this.totals.set(f, new Float64Array(this.n));
      this.stamps.set(f, new Float64Array(this.n));
    }
    const tot = this.totals.get(f) as Float64Array;
    const st = this.stamps.get(f) as Float64Array;
    tot[c] += (this.step - st[c]) * w[c];
    st[c] = this.step;
    w[c] += v;
  }

  /** Returns the averaged model, dropping features whose weights all round to zero. */
  average(): PerceptronModel {
    const weights = new Map<string, Float32Array>();
    for (const [f, w] of this.w) {
      const tot = this.totals.get(f) as Float64Array;
      const st = this.stamps.get(f) as Float64Array;
      const avg = new Float32Array(this.n);
      let nonZero = false;
      for (let c = 0; c < this.n; c++) {
        const v = (tot[c] + (this.step - st[c]) * w[c]) / this.step;
        avg[c] = Math.round(v * 1000) / 1000;
        if (avg[c] !== 0) nonZero = true;
      }
      if (nonZero) weights.set(f, avg);
    }
    return { classes: this.classes, weights };
  }
}

/** Converts a model to plain JSON. */
export function modelToJson(model: PerceptronModel): PerceptronJson {
  const weights: Record<string, number[]> = {};
  for (const [f, w] of model.weights) weights[f] = Array.from(w);
  return { classes: [...model.classes], weights };
}

/** Rebuilds a model from its JSON form. */
export function modelFromJson(json: PerceptronJson): PerceptronModel {
  const weights = new Map<string, Float32Array>();
  for (const [f, w] of Object.entries(json.weights)) weights.set(f, Float32Array.from(w));
  return { classes: json.classes, weights };
}
