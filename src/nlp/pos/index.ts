/** Tokens with UPOS tags and key noun phrases for one message (see README.md in this folder for the design). */
import { existsSync, readFileSync } from "node:fs";
import type { Token } from "../../contracts/nlp.ts";
import { tokenize } from "./tokenize.ts";
import { tagSpans } from "./tagger.ts";
import { warmLexicons } from "./lexicon.ts";
import { modelFromJson, type PerceptronJson, type PerceptronModel } from "./perceptron.ts";
import { repoPath } from "../../paths.ts";

/** Key noun phrases of a message, for the reports' "top topics" (see key-phrases.ts). */
export { keyPhrases } from "./key-phrases.ts";

/** Where the shipped POS correction model lives. */
export const POS_MODEL_PATH = repoPath("nlp-models/pos/perceptron.json");

let shipped: PerceptronModel | null | undefined;

/** Loads the shipped correction model once; null when the file is absent (the lexicon rules then tag alone). */
export function shippedPosModel(): PerceptronModel | null {
  if (shipped === undefined) {
    shipped = existsSync(POS_MODEL_PATH) ? modelFromJson(JSON.parse(readFileSync(POS_MODEL_PATH, "utf8")) as PerceptronJson) : null;
    warmLexicons();
  }
  return shipped;
}

/** Tokenizes a text and tags every token with its UPOS tag; offsets index the original string. */
export function tagText(text: string, model: PerceptronModel | null = shippedPosModel()): Token[] {
  const spans = tokenize(text);
  const tags = tagSpans(spans, model ?? undefined);
  return spans.map((s, i) => ({ text: s.text, start: s.start, end: s.end, pos: tags[i] }));
}
