import { describe, expect, it } from "vitest";
import { accuracy, auc, bestF1Threshold, f1 } from "../../../src/analytics/metrics.ts";
import { stratifiedFolds } from "../../../src/analytics/evaluate.ts";

describe("analytics metrics", () => {
  it("AUC is 1 for a perfect ranking, 0 for a reversed one and 0.5 when every score ties", () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it("AUC counts a tied positive–negative pair as one half (hand-computed: 3.5 of 4 pairs)", () => {
    // pairs (pos, neg): (0.8,0.1) win, (0.8,0.4) win, (0.4,0.1) win, (0.4,0.4) tie → 3.5 / 4
    expect(auc([0.1, 0.4, 0.4, 0.8], [0, 0, 1, 1])).toBe(0.875);
  });

  it("accuracy and F1 follow the threshold, and the F1-best threshold is found on the given rows", () => {
    const scores = [0.1, 0.3, 0.35, 0.8, 0.9];
    const labels = [0, 0, 1, 1, 1];
    expect(bestF1Threshold(scores, labels)).toBe(0.35);
    expect(f1(scores, labels, 0.35)).toBe(1);
    expect(accuracy(scores, labels, 0.5)).toBe(0.8);
  });

  it("stratified folds keep each class's share and are the same for the same seed", () => {
    const labels = [...new Array(90).fill(0), ...new Array(10).fill(1)];
    const folds = stratifiedFolds(labels, 5, 7);
    for (let f = 0; f < 5; f++) {
      expect(folds.filter((v, i) => v === f && labels[i] === 1)).toHaveLength(2);
      expect(folds.filter((v) => v === f)).toHaveLength(20);
    }
    expect(stratifiedFolds(labels, 5, 7)).toEqual(folds);
  });
});
