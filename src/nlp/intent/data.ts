/** Reading labelled examples: JSON Lines files ({"text","label"}) and the team-written intent folder (one .txt per intent). */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { LabelledExample } from "./train.ts";

/** Reads a JSON Lines file of {"text","label"} rows; any unreadable file or malformed line is an error naming file and line. */
export async function readExamplesJsonl(file: string): Promise<LabelledExample[]> {
  let content: string;
  try {
    content = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const examples: LabelledExample[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const { text, label } = (row ?? {}) as { text?: unknown; label?: unknown };
    if (typeof text !== "string" || typeof label !== "string" || !label) {
      throw new Error(`${file}:${i + 1}: expected {"text": string, "label": non-empty string}`);
    }
    examples.push({ text, label });
  });
  if (examples.length === 0) throw new Error(`${file}: no examples`);
  return examples;
}

/** Intent names must be snake_case so the bot, router and reports can rely on them. */
export const INTENT_NAME = /^[a-z][a-z0-9_]*$/;

/** Reads nlp-models/intents/: each `<intent_name>.txt` holds one example per line (blank lines and `#` comments ignored). */
export async function readIntentFolder(dir: string): Promise<LabelledExample[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort();
  } catch (error) {
    throw new Error(`cannot read intent folder ${dir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const examples: LabelledExample[] = [];
  for (const name of names) {
    const label = name.slice(0, -4);
    if (!INTENT_NAME.test(label)) throw new Error(`${path.join(dir, name)}: intent file names must be snake_case (${label})`);
    const lines = (await readFile(path.join(dir, name), "utf8")).split(/\r?\n/);
    for (const line of lines) {
      const text = line.trim();
      if (text && !text.startsWith("#")) examples.push({ text, label });
    }
  }
  if (examples.length === 0) throw new Error(`${dir}: no intent examples (*.txt files, one example per line)`);
  return examples;
}
