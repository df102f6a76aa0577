/**
 * Retraining the intent model while the server runs: the shipped examples plus added ones are trained in a worker
 * thread (the server's event loop stays free), and both models are scored on the same held-out set so a caller can keep
 * the new one only when it is not worse.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { repoPath } from "../../paths.ts";
import { readExamplesJsonl, readIntentFolder } from "./data.ts";
import { classifyWithModel, type IntentModel } from "./model.ts";
import { serializeIntentModel } from "./serialize.ts";
import { trainIntentModel, type LabelledExample } from "./train.ts";

/** The held-out set retraining is judged on: never trained on, written by someone who did not see the examples. */
export const HELD_OUT_FILE = repoPath("nlp-models", "intent-test.jsonl");
/** The confidence threshold a retrained model keeps (the shipped model's). */
const RETRAIN_THRESHOLD = 0.5;

/** What to train on: the team-written examples folder plus examples added since (articles' example questions). */
export type RetrainRequest = { examplesDir: string; added: LabelledExample[]; heldOutFile: string };
/** A trained model as JSON, its held-out accuracy, and how long training and scoring took. */
export type RetrainResult = { modelJson: string; accuracy: number; examples: number; seconds: number };

/** Share of held-out messages whose predicted intent (with "unknown" below the threshold) is the labelled one. */
export function heldOutAccuracy(model: IntentModel, heldOut: LabelledExample[]): number {
  const correct = heldOut.filter((e) => classifyWithModel(model, e.text).name === e.label).length;
  return heldOut.length ? correct / heldOut.length : 0;
}

/**
 * The same share computed in slices of 25 messages with a yield between them, for the thread that serves requests
 * (a whole held-out set at once would hold its event loop for a few hundred milliseconds).
 */
export async function heldOutAccuracyInSlices(model: IntentModel, heldOut: LabelledExample[]): Promise<number> {
  let correct = 0;
  for (let i = 0; i < heldOut.length; i += 25) {
    for (const e of heldOut.slice(i, i + 25)) if (classifyWithModel(model, e.text).name === e.label) correct++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return heldOut.length ? correct / heldOut.length : 0;
}

/** Reads the held-out set. */
export async function readHeldOut(file = HELD_OUT_FILE): Promise<LabelledExample[]> {
  return readExamplesJsonl(file);
}

/** Trains and scores a model in this thread (the worker's body); `onProgress` hears 0–1. */
export async function retrainHere(request: RetrainRequest, onProgress: (fraction: number) => void): Promise<RetrainResult> {
  const started = performance.now();
  const examples = [...(await readIntentFolder(request.examplesDir)), ...request.added];
  onProgress(0.05);
  const model = trainIntentModel(examples, { threshold: RETRAIN_THRESHOLD, onProgress: (f) => onProgress(0.05 + 0.8 * f) });
  model.meta = { ...model.meta, source: `${path.basename(request.examplesDir)}/*.txt + ${request.added.length} added examples` };
  const accuracy = heldOutAccuracy(model, await readHeldOut(request.heldOutFile));
  onProgress(0.95);
  return { modelJson: JSON.stringify(serializeIntentModel(model)), accuracy, examples: examples.length, seconds: (performance.now() - started) / 1000 };
}

type WorkerMessage = { progress: number } | { result: RetrainResult } | { error: string };

/** Runs `retrainHere` in a worker thread; progress messages arrive through `onProgress`. */
export function retrainInWorker(request: RetrainRequest, onProgress: (fraction: number) => void): Promise<RetrainResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(repoPath("src/nlp/intent/retrain-worker.js"), { workerData: request });
    let settled = false;
    worker.on("message", (message: WorkerMessage) => {
      if ("progress" in message) onProgress(message.progress);
      else if ("result" in message) {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new Error(message.error));
      }
    });
    worker.on("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`the training thread stopped (exit code ${code}) before it finished`));
    });
  });
}
