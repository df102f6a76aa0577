/** A small neural expert: one hidden layer of ReLU units over the word, bigram and synset features, added to the linear scores. */
import type { SparseVector } from "./features.ts";
import { seededRandom } from "./random.ts";

/**
 * A one-hidden-layer network (ReLU, dropout of inputs and hidden units while training, softmax cross-entropy by SGD) over
 * the model's non-character features. Unlike the SVM and naive Bayes it can combine words ("insurance" with "change"
 * versus with "covered"), so it errs on different messages; its logits, scaled by `weight`, are added to the other
 * experts' scores.
 */
export type HiddenLayerExpert = {
  /** Scale of the network's logits against the linear scores. */
  weight: number;
  hidden: number;
  /** Row of `inputWeights` for each vocabulary feature, or −1 for the character n-grams it does not read. */
  rowOf: Int32Array;
  /** inputWeights[row × hidden + unit]. */
  inputWeights: Float32Array;
  hiddenBias: Float32Array;
  /** outputWeights[unit × labels + label]. */
  outputWeights: Float32Array;
  outputBias: Float32Array;
};

/** Training settings of the hidden-layer expert (`members`: networks averaged, 1 when absent). */
export type HiddenLayerOptions = { weight: number; hidden: number; epochs: number; learningRate: number; dropout: number; inputDropout: number; seed: number; members?: number };

/** Gives each word, bigram and synset feature a row, in vocabulary order (not character n-grams, nor start-anchored n-grams: with them CLINC150 val errors rose by 3–4). */
export function hiddenLayerRows(vocabKeys: string[]): { rowOf: Int32Array; rows: number } {
  const rowOf = new Int32Array(vocabKeys.length).fill(-1);
  let rows = 0;
  vocabKeys.forEach((key, j) => {
    if (!key.startsWith("c|") && !key.startsWith("b|^ ")) rowOf[j] = rows++;
  });
  return { rowOf, rows };
}

type Input = { rows: ArrayLike<number>; values: ArrayLike<number>; length: number };

function normalised(rows: number[], values: number[]): Input {
  let norm = 0;
  for (const v of values) norm += v * v;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { rows, values: values.map((v) => v * scale), length: rows.length };
}

/** The input the network reads: the vector's non-character features as rows, L2-normalised again. */
function inputOf(net: Pick<HiddenLayerExpert, "rowOf">, x: SparseVector): Input {
  const rows: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < x.idx.length; i++) {
    const row = net.rowOf[x.idx[i]];
    if (row < 0) continue;
    rows.push(row);
    values.push(x.val[i]);
  }
  return normalised(rows, values);
}

/** Reused buffers for the dropped-out copy of one training input (training runs one example at a time). */
type DropBuffers = { keep: Uint8Array; rows: Int32Array; values: Float64Array };

/**
 * The input with each feature dropped at `rate` (never all of them), as if the customer had worded it more briefly,
 * written into `buffers` (no allocation per example).
 */
function dropFeatures(input: Input, rate: number, random: () => number, buffers: DropBuffers): Input {
  if (rate <= 0) return input;
  let kept = 0;
  for (let i = 0; i < input.length; i++) kept += buffers.keep[i] = random() >= rate ? 1 : 0;
  if (kept === 0) return input;
  let norm = 0;
  let j = 0;
  for (let i = 0; i < input.length; i++) {
    if (!buffers.keep[i]) continue;
    const v = input.values[i];
    buffers.rows[j] = input.rows[i];
    buffers.values[j++] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < kept; i++) buffers.values[i] *= scale;
  return { rows: buffers.rows, values: buffers.values, length: kept };
}

/** Hidden activations (in `h`) and logits (in `z`) of one input; `drop` zeroes units at random while training. */
function forward(net: HiddenLayerExpert, input: Input, h: Float64Array, z: Float64Array, drop?: { rate: number; random: () => number }): void {
  const H = net.hidden;
  const k = net.outputBias.length;
  h.set(net.hiddenBias);
  for (let i = 0; i < input.length; i++) {
    const v = input.values[i];
    for (let u = 0, at = input.rows[i] * H; u < H; u++, at++) h[u] += v * net.inputWeights[at];
  }
  for (let u = 0; u < H; u++) {
    if (h[u] <= 0 || (drop && drop.random() < drop.rate)) h[u] = 0;
    else if (drop) h[u] /= 1 - drop.rate;
  }
  z.set(net.outputBias);
  for (let u = 0; u < H; u++) {
    const hu = h[u];
    if (hu === 0) continue;
    for (let c = 0, at = u * k; c < k; c++, at++) z[c] += hu * net.outputWeights[at];
  }
}

/**
 * Trains `members` networks from different seeds and joins them side by side into one network whose logits are their
 * mean (hidden layers concatenated, output weights stacked, biases summed, weight divided by the count): a bagged
 * ensemble that prediction, saving and loading treat as one wider network.
 */
export function trainHiddenLayer(vectors: SparseVector[], y: Int32Array, vocabKeys: string[], k: number, options: HiddenLayerOptions): HiddenLayerExpert {
  const members = Array.from({ length: Math.max(1, options.members ?? 1) }, (_, m) => trainOneHiddenLayer(vectors, y, vocabKeys, k, { ...options, seed: options.seed + 101 * m }));
  if (members.length === 1) return members[0];
  const H = options.hidden;
  const M = members.length;
  const rows = members[0].inputWeights.length / H;
  const joined: HiddenLayerExpert = {
    weight: options.weight / M,
    hidden: H * M,
    rowOf: members[0].rowOf,
    inputWeights: new Float32Array(rows * H * M),
    hiddenBias: new Float32Array(H * M),
    outputWeights: new Float32Array(H * M * k),
    outputBias: new Float32Array(k),
  };
  members.forEach((net, m) => {
    for (let r = 0; r < rows; r++) joined.inputWeights.set(net.inputWeights.subarray(r * H, (r + 1) * H), r * H * M + m * H);
    joined.hiddenBias.set(net.hiddenBias, m * H);
    joined.outputWeights.set(net.outputWeights, m * H * k);
    for (let c = 0; c < k; c++) joined.outputBias[c] += net.outputBias[c];
  });
  return joined;
}

/** Trains one network on the training vectors (cross-entropy, learning rate decaying linearly to zero). */
function trainOneHiddenLayer(vectors: SparseVector[], y: Int32Array, vocabKeys: string[], k: number, options: HiddenLayerOptions): HiddenLayerExpert {
  const random = seededRandom(options.seed);
  const { rowOf, rows } = hiddenLayerRows(vocabKeys);
  const H = options.hidden;
  const outRange = Math.sqrt(6 / (H + k));
  const net: HiddenLayerExpert = {
    weight: options.weight,
    hidden: H,
    rowOf,
    inputWeights: Float32Array.from({ length: rows * H }, () => (random() - 0.5) * 0.2),
    hiddenBias: new Float32Array(H),
    outputWeights: Float32Array.from({ length: H * k }, () => (random() * 2 - 1) * outRange),
    outputBias: new Float32Array(k),
  };
  const inputs = vectors.map((x) => inputOf(net, x));
  const h = new Float64Array(H);
  const z = new Float64Array(k);
  const gradHidden = new Float64Array(H);
  const etaZ = new Float64Array(k);
  const order = Int32Array.from(inputs.keys());
  const drop = { rate: options.dropout, random };
  const longest = inputs.reduce((n, input) => Math.max(n, input.length), 0);
  const buffers: DropBuffers = { keep: new Uint8Array(longest), rows: new Int32Array(longest), values: new Float64Array(longest) };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const eta = options.learningRate * (1 - epoch / options.epochs);
    for (const n of order) {
      const input = dropFeatures(inputs[n], options.inputDropout, random, buffers);
      forward(net, input, h, z, drop);
      // z becomes the gradient of the cross-entropy with respect to the logits: softmax − one-hot.
      let max = -Infinity;
      for (const s of z) if (s > max) max = s;
      let sum = 0;
      for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
      for (let c = 0; c < k; c++) z[c] /= sum;
      z[y[n]] -= 1;
      // eta × gradient once per class: (eta × z) × h is what the update multiplied out each time, so the sums are unchanged.
      for (let c = 0; c < k; c++) etaZ[c] = eta * z[c];
      for (let u = 0; u < H; u++) {
        const hu = h[u];
        gradHidden[u] = 0;
        if (hu === 0) continue;
        let g = 0;
        for (let c = 0, at = u * k; c < k; c++, at++) {
          g += z[c] * net.outputWeights[at];
          net.outputWeights[at] -= etaZ[c] * hu;
        }
        gradHidden[u] = g;
        net.hiddenBias[u] -= eta * g;
      }
      for (let c = 0; c < k; c++) net.outputBias[c] -= eta * z[c];
      for (let i = 0; i < input.length; i++) {
        const v = eta * input.values[i];
        for (let u = 0, at = input.rows[i] * H; u < H; u++, at++) if (gradHidden[u] !== 0) net.inputWeights[at] -= v * gradHidden[u];
      }
    }
  }
  return net;
}

/** Adds weight × the network's logits to each class score. */
export function addHiddenLayerScores(net: HiddenLayerExpert, x: SparseVector, out: Float64Array): void {
  const h = new Float64Array(net.hidden);
  const z = new Float64Array(out.length);
  forward(net, inputOf(net, x), h, z);
  for (let c = 0; c < out.length; c++) out[c] += net.weight * z[c];
}
