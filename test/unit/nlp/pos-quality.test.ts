import { describe, expect, it } from "vitest";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evalPos } from "../../../src/nlp/pos/eval.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const EWT_DEV = path.join(path.resolve(repoRoot, "../shared/data"), "pos/en_ewt-ud-dev.conllu");

describe("part-of-speech quality gate (UD English EWT dev, UPOS from raw text)", () => {
  // The correction layer is learned from this file, so the figure that counts is 5-fold cross-validation:
  // train on four contiguous fifths, tag the fifth from its raw text, pool the scores (full file, about 25 s on one core).
  it("reaches at least 92% UPOS accuracy under 5-fold cross-validation", { timeout: 90_000 }, async () => {
    const result = await evalPos({ conllu: EWT_DEV, folds: "5", json: true });
    expect(result.tokens).toBe(25147);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.92);
  });

  it("without any learned layer, the lexicon rules alone beat compromise mapped to UPOS (82%)", { timeout: 90_000 }, async () => {
    const result = await evalPos({ conllu: EWT_DEV, "rules-only": true, json: true });
    expect(result.accuracy).toBeGreaterThanOrEqual(0.85);
  });
});
