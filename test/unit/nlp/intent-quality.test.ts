import { describe, expect, it } from "vitest";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evalIntents } from "../../../src/nlp/intent/eval.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DATA = path.resolve(repoRoot, "../shared/data/intents");
const CLINC = path.join(DATA, "clinc150");
const SNIPS = path.join(DATA, "snips");

// Regression floors a little below the measured figures (CLINC150 94.16 %, 93.1 % / 65.3 % at the val threshold; SNIPS 97.86 %).
// Of the targets (CLINC150 ≥ 94 %; 92 % with ≥ 60 % recall; SNIPS ≥ 98.5 %) the first two are met, SNIPS is not: see
// nlp-models/README.md. Raise these floors as the classifier improves; never lower them to make a change pass.
// Full files, no sampling: CLINC150 trains on 15,000 rows (about 23 s on a busy shared core, where the previous model took 17 s; 66 s in CI on the
// 2026-12-05 machine, which was 2.5–4 times slower) and scores 3,100 val + 5,500 test
// rows; SNIPS trains on 13,084 rows. Timing figures are printed by the eval command, never asserted here. The timeouts
// leave room for a machine at load 15, where training alone took several minutes.
describe("intent classification quality gate (regression floors)", () => {
  it("CLINC150 full test: in-scope accuracy ≥ 94% (the issue's target); at the threshold chosen on val + oos_val (at most 1 point of val accuracy given up), in-scope accuracy ≥ 93% and oos_test recall ≥ 65% (target: 92% with ≥ 60%)", { timeout: 600_000 }, async () => {
    const r = await evalIntents({
      train: path.join(CLINC, "train.jsonl"),
      test: path.join(CLINC, "test.jsonl"),
      val: path.join(CLINC, "val.jsonl"),
      "oos-val": path.join(CLINC, "oos_val.jsonl"),
      "oos-test": path.join(CLINC, "oos_test.jsonl"),
    });
    expect(r.n).toBe(4500);
    expect(r.modelBytes).toBeLessThanOrEqual(20 * 1024 * 1024);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.94);
    // Regression floors just below the measured 93.1 % / 65.3 % (issue targets: 92 % with ≥ 60 %). The threshold rule
    // gives up at most one point of val accuracy, so recall is traded for fewer needless hand-overs on purpose.
    expect(r.inScopeAccuracy).toBeGreaterThanOrEqual(0.93);
    expect(r.oosRecall).toBeGreaterThanOrEqual(0.65);
  });

  it("shipped customer-service model on the team's held-out messages (nlp-models/intent-test.jsonl, written apart from the training examples): accuracy ≥ 97% and unknown caught ≥ 90% at the model's threshold", async () => {
    // Measured 2026-12-05: 100 % and 95 % (the model before the examples were doubled: 96.2 % and 87.5 %).
    const r = await evalIntents({ model: path.join(repoRoot, "nlp-models"), test: path.join(repoRoot, "nlp-models/intent-test.jsonl") });
    expect(r.n).toBe(372);
    expect(r.nOos).toBe(40);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(r.oosRecall).toBeGreaterThanOrEqual(0.9);
  });

  it("shipped customer-service model on the same held-out messages with a typo in about 10% of their words (--typos 0.1): accuracy ≥ 97% and unknown caught ≥ 85%", async () => {
    // Measured 2026-12-05: 98.4 % and 90 %; without spelling correction the 2026-12-04 model scored 95.2 % and 90 %.
    const r = await evalIntents({ model: path.join(repoRoot, "nlp-models"), test: path.join(repoRoot, "nlp-models/intent-test.jsonl"), typos: "0.1" });
    expect(r.typoRate).toBe(0.1);
    expect(r.n).toBe(372);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(r.oosRecall).toBeGreaterThanOrEqual(0.85);
  });

  it("shipped customer-service model on messages written apart from the examples, from one-line intent definitions, and never used for tuning (nlp-models/intent-test-unseen.jsonl): in-scope accuracy ≥ 94% and unknown caught ≥ 65% at the model's threshold", async () => {
    // Measured 2026-12-05: 95.8 % and 71.4 %. The model before the out-of-scope examples about other companies and
    // product questions (and with threshold 0.35) scored 96.6 % and 60.0 %.
    const r = await evalIntents({ model: path.join(repoRoot, "nlp-models"), test: path.join(repoRoot, "nlp-models/intent-test-unseen.jsonl") });
    expect(r.n).toBe(263);
    expect(r.nOos).toBe(70);
    expect(r.inScopeAccuracy).toBeGreaterThanOrEqual(0.94);
    expect(r.oosRecall).toBeGreaterThanOrEqual(0.65);
  });

  it("the typo rate must be a share between 0 and 1", async () => {
    await expect(evalIntents({ model: path.join(repoRoot, "nlp-models"), test: path.join(repoRoot, "nlp-models/intent-test.jsonl"), typos: "10%" })).rejects.toThrow("--typos must be a number between 0 and 1 (got 10%)");
  });

  it("SNIPS test: accuracy ≥ 97.7% (the issue's target of 98.5% is not reached yet)", { timeout: 400_000 }, async () => {
    const r = await evalIntents({ train: path.join(SNIPS, "train.jsonl"), test: path.join(SNIPS, "test.jsonl") });
    expect(r.n).toBe(700);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.977);
  });
});
