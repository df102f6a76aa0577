/** Saving and loading intent models as compact JSON: vocabulary, idf, sparse int16-quantised weights, and the optional naive Bayes counts and hidden-layer network. */
import { withLookups, type IntentModel } from "./model.ts";
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from "./features.ts";
import { naiveBayesFromCounts, type NaiveBayesExpert } from "./naive-bayes.ts";
import { hiddenLayerRows, type HiddenLayerExpert } from "./hidden-layer.ts";
import { NO_SPELLING, type SpellingDictionary } from "./spelling.ts";

/** The on-disk shape of an intent model (plain JSON). */
export type SerializedIntentModel = {
  format: "switchboard-intent-model";
  version: 1;
  labels: string[];
  features: FeatureOptions;
  temperature: number;
  threshold: number;
  meta: Record<string, unknown>;
  vocab: string[];
  /** WordNet senses ("pos|lemma" → synset offset) of the synset features in vocab. */
  senses: Record<string, string>;
  /** Dictionary of spelling correction (absent in files written before it existed: no correction). */
  spelling?: SpellingDictionary;
  idf: number[];
  bias: number[];
  /** Weight = quantised value × weightScale. */
  weightScale: number;
  /** Base64 varint-encoded gaps between the flat indices (feature × labels + label) of the kept weights. */
  weightIndex: string;
  /** Base64 little-endian int16 quantised weights, in the order of weightIndex. */
  weightValues: string;
  /** Naive Bayes expert (absent in models trained without it): its weight, smoothing, and feature × class counts. */
  naiveBayes?: {
    weight: number;
    alpha: number;
    /** Base64 varint-encoded gaps between the flat indices (feature × labels + label) of the non-zero counts. */
    index: string;
    /** Base64 varint-encoded counts, in the order of index. */
    counts: string;
  };
  /** Hidden-layer network (absent in models trained without it); its input rows follow the non-character vocabulary. */
  hiddenLayer?: {
    weight: number;
    hidden: number;
    /** Base64 int8 input weights, row by row; weight = value × that row's scale. */
    inputWeights: string;
    /** Base64 float32 arrays. */
    inputScales: string;
    hiddenBias: string;
    outputWeights: string;
    outputBias: string;
  };
};

/** Weights whose magnitude is below this are dropped from the file (they barely move any score). */
export const PRUNE_BELOW = 0.004;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

function pushVarint(out: number[], value: number): void {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
}

function readVarints(base64: string): number[] {
  const bytes = Buffer.from(base64, "base64");
  const out: number[] = [];
  let value = 0;
  let shift = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * shift;
    shift *= 128;
    if (byte < 0x80) {
      out.push(value);
      value = 0;
      shift = 1;
    }
  }
  return out;
}

const toBase64 = (bytes: number[]): string => Buffer.from(Uint8Array.from(bytes)).toString("base64");

function serializeNaiveBayes(nb: NaiveBayesExpert, k: number): SerializedIntentModel["naiveBayes"] {
  const gaps: number[] = [];
  const counts: number[] = [];
  let last = -1;
  for (let j = 0; j + 1 < nb.rowStart.length; j++) {
    for (let i = nb.rowStart[j]; i < nb.rowStart[j + 1]; i++) {
      const flat = j * k + nb.classes[i];
      pushVarint(gaps, flat - last);
      last = flat;
      pushVarint(counts, nb.counts[i]);
    }
  }
  return { weight: nb.weight, alpha: nb.alpha, index: toBase64(gaps), counts: toBase64(counts) };
}

function deserializeNaiveBayes(s: NonNullable<SerializedIntentModel["naiveBayes"]>, dims: number, k: number): NaiveBayesExpert {
  const gaps = readVarints(s.index);
  const counts = Int32Array.from(readVarints(s.counts));
  const classes = new Int32Array(gaps.length);
  const rowStart = new Int32Array(dims + 1);
  let flat = -1;
  gaps.forEach((gap, i) => {
    flat += gap;
    classes[i] = flat % k;
    rowStart[Math.floor(flat / k) + 1] = i + 1;
  });
  // Rows without counts end where the previous row ended.
  for (let j = 1; j <= dims; j++) rowStart[j] = Math.max(rowStart[j], rowStart[j - 1]);
  return naiveBayesFromCounts(rowStart, classes, counts, k, s.alpha, s.weight);
}

const float32ToBase64 = (values: Float32Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");

function base64ToFloat32(base64: string): Float32Array {
  const bytes = Buffer.from(base64, "base64");
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function serializeHiddenLayer(net: HiddenLayerExpert): SerializedIntentModel["hiddenLayer"] {
  const H = net.hidden;
  const rows = net.inputWeights.length / H;
  const scales = new Float32Array(rows);
  const quantised = new Int8Array(net.inputWeights.length);
  for (let r = 0; r < rows; r++) {
    let maxAbs = 0;
    for (let u = 0; u < H; u++) maxAbs = Math.max(maxAbs, Math.abs(net.inputWeights[r * H + u]));
    scales[r] = maxAbs > 0 ? maxAbs / 127 : 1;
    for (let u = 0; u < H; u++) quantised[r * H + u] = Math.round(net.inputWeights[r * H + u] / scales[r]);
  }
  return {
    weight: net.weight,
    hidden: H,
    inputWeights: Buffer.from(quantised.buffer).toString("base64"),
    inputScales: float32ToBase64(scales),
    hiddenBias: float32ToBase64(net.hiddenBias),
    outputWeights: float32ToBase64(net.outputWeights),
    outputBias: float32ToBase64(net.outputBias),
  };
}

function deserializeHiddenLayer(s: NonNullable<SerializedIntentModel["hiddenLayer"]>, vocab: string[]): HiddenLayerExpert {
  const quantised = new Int8Array(Buffer.from(s.inputWeights, "base64"));
  const scales = base64ToFloat32(s.inputScales);
  return {
    weight: s.weight,
    hidden: s.hidden,
    rowOf: hiddenLayerRows(vocab).rowOf,
    inputWeights: Float32Array.from(quantised, (q, i) => q * scales[Math.floor(i / s.hidden)]),
    hiddenBias: base64ToFloat32(s.hiddenBias),
    outputWeights: base64ToFloat32(s.outputWeights),
    outputBias: base64ToFloat32(s.outputBias),
  };
}

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((w): w is string => typeof w === "string") : []);

function readSpelling(value: unknown): SpellingDictionary {
  if (!value || typeof value !== "object") return NO_SPELLING;
  const s = value as Partial<Record<keyof SpellingDictionary, unknown>>;
  return { words: stringsOf(s.words), realWords: stringsOf(s.realWords) };
}

/** Converts a model to its compact JSON form. */
export function serializeIntentModel(model: IntentModel): SerializedIntentModel {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const gaps: number[] = [];
  const values: number[] = [];
  let last = -1;
  model.weights.forEach((w, i) => {
    if (Math.abs(w) < PRUNE_BELOW) return;
    pushVarint(gaps, i - last);
    last = i;
    values.push(Math.round(w / scale));
  });
  const vocab = new Array<string>(model.vocab.size);
  for (const [key, j] of model.vocab) vocab[j] = key;
  return {
    format: "switchboard-intent-model",
    version: 1,
    labels: model.labels,
    features: model.features,
    temperature: round(model.temperature, 5),
    threshold: round(model.threshold, 5),
    meta: model.meta,
    vocab,
    senses: Object.fromEntries([...model.senses].map(([key, offsets]) => [key, offsets[0] ?? ""])),
    ...(model.spelling.words.length ? { spelling: model.spelling } : {}),
    idf: Array.from(model.idf, (x) => round(x, 4)),
    bias: Array.from(model.bias, (x) => round(x, 5)),
    weightScale: scale,
    weightIndex: toBase64(gaps),
    weightValues: Buffer.from(Int16Array.from(values).buffer).toString("base64"),
    ...(model.naiveBayes ? { naiveBayes: serializeNaiveBayes(model.naiveBayes, model.labels.length) } : {}),
    ...(model.hiddenLayer ? { hiddenLayer: serializeHiddenLayer(model.hiddenLayer) } : {}),
  };
}

/** Rebuilds a model from its JSON form, checking that it is one. */
export function deserializeIntentModel(data: unknown, source = "intent model"): IntentModel {
  const s = data as Partial<SerializedIntentModel> | null;
  if (!s || s.format !== "switchboard-intent-model" || s.version !== 1 || !Array.isArray(s.labels) || !Array.isArray(s.vocab)) {
    throw new Error(`${source}: not a switchboard intent model (format/version/labels/vocab missing)`);
  }
  const k = s.labels.length;
  const weights = new Float32Array(s.vocab.length * k);
  const raw = Buffer.from(s.weightValues ?? "", "base64");
  const values = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  let position = -1;
  readVarints(s.weightIndex ?? "").forEach((gap, n) => {
    position += gap;
    weights[position] = values[n] * (s.weightScale ?? 1);
  });
  return withLookups({
    labels: s.labels,
    spelling: readSpelling(s.spelling),
    senses: new Map(Object.entries(s.senses ?? {}).map(([key, offset]) => [key, [offset]])),
    // Files written before start-anchored n-grams existed have none in their vocabulary: keep extracting none.
    features: { ...DEFAULT_FEATURE_OPTIONS, startGrams: 0, ...s.features },
    vocab: new Map(s.vocab.map((key, j) => [key, j])),
    idf: Float32Array.from(s.idf ?? []),
    weights,
    bias: Float32Array.from(s.bias ?? []),
    naiveBayes: s.naiveBayes ? deserializeNaiveBayes(s.naiveBayes, s.vocab.length, k) : undefined,
    hiddenLayer: s.hiddenLayer ? deserializeHiddenLayer(s.hiddenLayer, s.vocab) : undefined,
    temperature: s.temperature ?? 1,
    threshold: s.threshold ?? 0.5,
    meta: s.meta ?? {},
  });
}
