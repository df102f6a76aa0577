/** The retrained intent model kept under DATA_DIR, so a restart (or another node sharing the folder) uses it too. */
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { IntentModel } from "./model.ts";
import { deserializeIntentModel } from "./serialize.ts";

/** File name of the accepted retrained model inside DATA_DIR. */
export const RETRAINED_MODEL_FILE = "intent-model.json";

/** Writes the model's JSON to DATA_DIR atomically (a reader sees the old file or the new one, never half of one). */
export async function saveRetrainedModel(dataDir: string, json: string): Promise<void> {
  const file = path.join(dataDir, RETRAINED_MODEL_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, json + "\n");
  await rename(temporary, file);
}

/** The retrained model saved in DATA_DIR, or undefined when none was ever accepted there. */
export async function loadRetrainedModel(dataDir: string): Promise<IntentModel | undefined> {
  const file = path.join(dataDir, RETRAINED_MODEL_FILE);
  let json: string;
  try {
    json = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return parseIntentModel(json, file);
}

/** A model from its JSON text (as the training thread hands it back). */
export function parseIntentModel(json: string, source = "retrained model"): IntentModel {
  return deserializeIntentModel(JSON.parse(json) as unknown, source);
}
