import { describe, expect, it } from "vitest";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evalSentiment } from "../../../src/nlp/sentiment/eval.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DATA = path.resolve(repoRoot, "../shared/data");
const AIRLINE = path.join(DATA, "sentiment/airline_dev.jsonl");
const SST2 = path.join(DATA, "sentiment/sst2_dev.jsonl");

// Full files (2,928 and 872 rows); each run takes a few seconds on one core.
describe("sentiment quality gate", () => {
  it("airline tweets, 3 classes, model learned per fold (5-fold CV): macro-F1 ≥ 68% and accuracy ≥ 72%", { timeout: 90_000 }, async () => {
    const r = await evalSentiment({ test: AIRLINE, folds: "5" });
    expect(r.macroF1).toBeGreaterThanOrEqual(0.68);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.72);
  });

  it("airline tweets, 3 classes, shipped analyser (model trained on the team's examples only): macro-F1 ≥ 71% and accuracy ≥ 76%", { timeout: 90_000 }, async () => {
    // Measured 2026-12-05: 78.55 % and 72.39 %; the rules alone 73.39 % and 68.49 %.
    const r = await evalSentiment({ test: AIRLINE });
    expect(r.mode).toContain("shipped analyser");
    expect(r.macroF1).toBeGreaterThanOrEqual(0.71);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.76);
  });

  it("airline tweets, 3 classes, the rules alone with nothing fitted (--rules-only): macro-F1 ≥ 68% and accuracy ≥ 72%", { timeout: 90_000 }, async () => {
    const r = await evalSentiment({ test: AIRLINE, "rules-only": true });
    expect(r.mode).toContain("rules only");
    expect(r.macroF1).toBeGreaterThanOrEqual(0.68);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.72);
  });

  it("SST-2 dev, 2 classes, model learned per fold (5-fold CV): accuracy ≥ 78%", { timeout: 90_000 }, async () => {
    const r = await evalSentiment({ test: SST2, folds: "5" });
    expect(r.accuracy).toBeGreaterThanOrEqual(0.78);
  });

  it("SST-2 dev, 2 classes, shipped analyser (model trained on the team's examples only): accuracy ≥ 77%", { timeout: 90_000 }, async () => {
    // Measured 2026-12-05: 78.44 %; the rules alone 72.82 %.
    const r = await evalSentiment({ test: SST2 });
    expect(r.accuracy).toBeGreaterThanOrEqual(0.77);
  });

  // This guards the rules, which give the score and drivers and decide close calls, against falling back to plain-lexicon level (about 70%).
  it("SST-2 dev, 2 classes, the rules alone with nothing fitted (--rules-only): accuracy ≥ 72%", { timeout: 90_000 }, async () => {
    const r = await evalSentiment({ test: SST2, "rules-only": true });
    expect(r.accuracy).toBeGreaterThanOrEqual(0.72);
  });
});
