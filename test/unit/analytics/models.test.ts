import { describe, expect, it } from "vitest";
import type { Feature } from "../../../src/analytics/encode.ts";
import { fitLogistic } from "../../../src/analytics/logistic.ts";
import { auc } from "../../../src/analytics/metrics.ts";
import { fitClassifier } from "../../../src/analytics/models.ts";
import { seededRandom } from "../../../src/analytics/random.ts";
import { explainBinary } from "../../../src/analytics/rules.ts";
import { pcaMap, segment } from "../../../src/analytics/segment.ts";

const random = seededRandom(42);
const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

describe("analytics models on tables with known answers", () => {
  it("logistic regression recovers the signs of planted coefficients", () => {
    const X = Array.from({ length: 2000 }, () => [gauss(), gauss(), gauss()]);
    const y = X.map(([a, b]) => (random() < 1 / (1 + Math.exp(-(2 * a - 1.5 * b))) ? 1 : 0));
    const model = fitLogistic(X, y);
    expect(Math.sign(model.coefficients[0])).toBe(1);
    expect(Math.sign(model.coefficients[1])).toBe(-1);
    expect(Math.abs(model.coefficients[2])).toBeLessThan(0.2);
  });

  it("the SVM (libsvm WebAssembly) separates two classes with an AUC above 0.9", async () => {
    const X = Array.from({ length: 300 }, (_, i) => [gauss() + (i % 2 ? 2 : -2), gauss()]);
    const y = X.map((_, i) => i % 2);
    const svm = await fitClassifier("svm", X, y, { bins: 0 });
    expect(auc(svm.score(X), y)).toBeGreaterThan(0.9);
    svm.dispose?.();
  });

  it("a tree recovers a planted rule (income ≥ 50 and member = yes → buys) as readable rules with support and confidence", () => {
    const features: Feature[] = [
      { kind: "numeric", name: "income", column: 0, median: 50 },
      { kind: "flag", name: "member", column: 1, trueLevel: "yes" },
      { kind: "numeric", name: "noise", column: 2, median: 0 },
    ];
    const X = Array.from({ length: 800 }, () => [Math.round(random() * 100), random() < 0.5 ? 1 : 0, random()]);
    const y = X.map(([income, member]) => (income >= 50 && member === 1 ? 1 : 0));
    const result = explainBinary(X, features, y, "buy", { depth: 2 });
    expect(result.accuracy).toBe(1);
    const top = result.rules[0];
    expect(top.confidence).toBe(1);
    expect(top.conditions).toEqual(["income ≥ 49.5", "member = yes"]);
    expect(top.support).toBe(y.filter(Boolean).length);
    expect(top.text).toBe(`income ≥ 49.5 and member = yes → 100 % buy, ${top.support} rows`);
  });

  it("two separated blobs become two segments: the silhouette picks k = 2", () => {
    const X = Array.from({ length: 200 }, (_, i) => [gauss() * 0.3 + (i < 100 ? 0 : 6), gauss() * 0.3 + (i < 100 ? 0 : 6)]);
    const result = segment(X);
    expect(result.k).toBe(2);
    expect(result.sizes.sort()).toEqual([100, 100]);
    expect(result.silhouette).toBeGreaterThan(0.8);
    expect(new Set(result.assignments.slice(0, 100)).size).toBe(1);
  });

  it("the PCA map puts the direction of most variance first and names the feature loading on it", () => {
    const X = Array.from({ length: 300 }, () => {
      const t = gauss() * 5;
      return [t, gauss() * 0.5, t * 0.2 + gauss() * 0.1];
    });
    const map = pcaMap(X, ["spend", "noise", "orders"]);
    expect(map.explainedVariance[0]).toBeGreaterThan(0.9);
    expect(map.loadings[0].features[0].feature).toBe("spend");
    expect(map.points).toHaveLength(300);
  });
});
