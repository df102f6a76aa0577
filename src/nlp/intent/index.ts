/** Intent classification: load, train, save and apply the intent model (default: the shipped one in nlp-models/). */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { UNKNOWN_INTENT, type Intent } from "../../contracts/nlp.ts";
import { classifyWithModel, type IntentModel } from "./model.ts";
import { serializeIntentModel, deserializeIntentModel } from "./serialize.ts";
import { readIntentFolder } from "./data.ts";
import { trainIntentModel, type LabelledExample, type TrainOptions } from "./train.ts";
import { crossValidate, accuracyOf } from "./cross-validate.ts";
import { repoPath } from "../../paths.ts";

export type { IntentModel } from "./model.ts";
export type { LabelledExample, TrainOptions } from "./train.ts";
export { trainIntentModel } from "./train.ts";
export { serializeIntentModel, deserializeIntentModel } from "./serialize.ts";
export { readExamplesJsonl, readIntentFolder } from "./data.ts";

/** The repository's nlp-models/ folder, where the shipped model and its examples live. */
export const DEFAULT_MODEL_DIR = repoPath("nlp-models") + "/";
/** File name of the intent model inside a model folder. */
export const INTENT_MODEL_FILE = "intent-model.json";
/** Sub-folder of a model folder holding the team-written examples, one `<intent>.txt` per intent. */
export const INTENT_EXAMPLES_DIR = "intents";
/** Confidence threshold of the shipped model: below it the customer-service bot says it does not know. */
export const SHIPPED_THRESHOLD = 0.5;

/** Writes a model to `<dir>/intent-model.json` and returns the file's size in bytes. */
export async function saveIntentModel(model: IntentModel, dir = DEFAULT_MODEL_DIR): Promise<number> {
  await mkdir(dir, { recursive: true });
  const json = JSON.stringify(serializeIntentModel(model));
  await writeFile(path.join(dir, INTENT_MODEL_FILE), json + "\n");
  return Buffer.byteLength(json) + 1;
}

/** Loads `<dir>/intent-model.json`; when the file is missing, trains in memory from `<dir>/intents/` instead of failing. */
export async function loadIntentModel(dir = DEFAULT_MODEL_DIR): Promise<IntentModel> {
  const file = path.join(dir, INTENT_MODEL_FILE);
  let json: string;
  try {
    json = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const examples = await readIntentFolder(path.join(dir, INTENT_EXAMPLES_DIR));
    return trainIntentModel(examples, { threshold: SHIPPED_THRESHOLD });
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error(`${file}: not valid JSON`);
  }
  return deserializeIntentModel(data, file);
}

/** Classifies a customer message: best intent with calibrated confidence, "unknown" below the model's threshold, up to 3 alternatives. */
export function classifyIntent(model: IntentModel, text: string): Intent {
  return classifyWithModel(model, text);
}

/** Trains on the team-written examples in nlp-models/intents/, writes nlp-models/intent-model.json and returns a summary. */
export async function trainShippedIntentModel(dir = DEFAULT_MODEL_DIR, options: TrainOptions = {}): Promise<Record<string, unknown>> {
  const examples: LabelledExample[] = await readIntentFolder(path.join(dir, INTENT_EXAMPLES_DIR));
  const started = performance.now();
  const model = trainIntentModel(examples, { threshold: SHIPPED_THRESHOLD, ...options });
  const seconds = (performance.now() - started) / 1000;
  const folds = crossValidate(examples, 5, options);
  const cvAccuracy = Number(accuracyOf(folds).toFixed(4));
  // In-scope: examples of real intents (a wrong "unknown" counts as an error); unknown recall: out-of-scope examples caught.
  const cvInScopeAccuracy = Number(accuracyOf(folds.filter((p) => p.gold !== UNKNOWN_INTENT)).toFixed(4));
  const cvUnknownRecall = Number(accuracyOf(folds.filter((p) => p.gold === UNKNOWN_INTENT)).toFixed(4));
  model.meta = { ...model.meta, cvAccuracy, cvInScopeAccuracy, cvUnknownRecall, source: `${INTENT_EXAMPLES_DIR}/*.txt` };
  const bytes = await saveIntentModel(model, dir);
  return {
    intents: model.labels.filter((l) => l !== UNKNOWN_INTENT).length,
    outOfScopeExamples: examples.filter((e) => e.label === UNKNOWN_INTENT).length,
    examples: examples.length,
    seconds: Number(seconds.toFixed(3)),
    cvFolds: 5,
    cvAccuracy,
    cvInScopeAccuracy,
    cvUnknownRecall,
    threshold: model.threshold,
    temperature: Number(model.temperature.toFixed(4)),
    modelFile: path.join(dir, INTENT_MODEL_FILE),
    modelBytes: bytes,
  };
}
