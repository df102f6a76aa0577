/** Labelled sentiment examples in JSON Lines ({"text", "label"}), as the eval command and the shipped model's training read them. */
import { readFileSync } from "node:fs";

/** One labelled example. */
export type LabelledText = { text: string; label: string };

/** The labels, in the order the model's classes use. */
export const SENTIMENT_LABELS = ["negative", "neutral", "positive"] as const;
const LABELS = new Set<string>(SENTIMENT_LABELS);

/** Reads `{"text","label"}` JSON Lines; throws an error naming the file and line on anything malformed. */
export function readLabelled(file: string): LabelledText[] {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const rows: LabelledText[] = [];
  raw.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const r = row as Partial<LabelledText>;
    if (typeof r.text !== "string" || typeof r.label !== "string" || !LABELS.has(r.label)) {
      throw new Error(`${file}:${i + 1}: expected {"text": string, "label": "negative"|"neutral"|"positive"}`);
    }
    rows.push({ text: r.text, label: r.label });
  });
  if (rows.length === 0) throw new Error(`${file}:1: no examples found`);
  return rows;
}
