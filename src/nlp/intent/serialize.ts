/** Saving and loading intent models as compact JSON: vocabulary, idf, and sparse int16-quantised weights. */
import { withSenses, type IntentModel } from "./model.ts";
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from "./features.ts";

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
  idf: number[];
  bias: number[];
  /** Weight = quantised value × weightScale. */
  weightScale: number;
  /** Base64 varint-encoded gaps between the flat indices (feature × labels + label) of the kept weights. */
  weightIndex: string;
  /** Base64 little-endian int16 quantised weights, in the order of weightIndex. */
  weightValues: string;
};

/** Weights whose magnitude is below this are dropped from the file (they barely move any score). */
export const PRUNE_BELOW = 0.004;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

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
    let gap = i - last;
    last = i;
    while (gap >= 0x80) {
      gaps.push((gap & 0x7f) | 0x80);
      gap = Math.floor(gap / 128);
    }
    gaps.push(gap);
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
    idf: Array.from(model.idf, (x) => round(x, 4)),
    bias: Array.from(model.bias, (x) => round(x, 5)),
    weightScale: scale,
    weightIndex: Buffer.from(Uint8Array.from(gaps)).toString("base64"),
    weightValues: Buffer.from(Int16Array.from(values).buffer).toString("base64"),
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
  const gaps = Buffer.from(s.weightIndex ?? "", "base64");
  const raw = Buffer.from(s.weightValues ?? "", "base64");
  const values = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  let position = -1;
  let at = 0;
  for (let n = 0; n < values.length; n++) {
    let gap = 0;
    let shift = 1;
    for (;;) {
      const byte = gaps[at++];
      gap += (byte & 0x7f) * shift;
      if (byte < 0x80) break;
      shift *= 128;
    }
    position += gap;
    weights[position] = values[n] * (s.weightScale ?? 1);
  }
  return withSenses({
    labels: s.labels,
    senses: new Map(Object.entries(s.senses ?? {}).map(([key, offset]) => [key, [offset]])),
    features: { ...DEFAULT_FEATURE_OPTIONS, ...s.features },
    vocab: new Map(s.vocab.map((key, j) => [key, j])),
    idf: Float32Array.from(s.idf ?? []),
    weights,
    bias: Float32Array.from(s.bias ?? []),
    temperature: s.temperature ?? 1,
    threshold: s.threshold ?? 0.5,
    meta: s.meta ?? {},
  });
}
