import { describe, expect, it } from "vitest";
import { allocateBudget, saturatingValue } from "../../../src/optimize/index.ts";
import { segmentCurves, PRIOR_CEILING_CENTS, PRIOR_RATE_PER_HOUR } from "../../../src/modules/plans/effort.service.ts";

/** A seeded generator (Park–Miller), so every run checks the same instances. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);

/** The best total over every split of the budget into whole hours. */
function exhaustive(budget: number, curves: ((h: number) => number)[]): number {
  let best = -Infinity;
  const visit = (s: number, left: number, total: number): void => {
    if (s === curves.length - 1) {
      for (let h = 0; h <= left; h++) best = Math.max(best, total + curves[s](h));
      return;
    }
    for (let h = 0; h <= left; h++) visit(s + 1, left - h, total + curves[s](h));
  };
  visit(0, budget, 0);
  return best;
}

describe("effort plan: curves from history, split by dynamic programming", () => {
  it("on 20 random histories, the DP's split of the fitted curves equals an exhaustive search", () => {
    const next = random(11);
    for (let instance = 0; instance < 20; instance++) {
      const segments = Array.from({ length: 2 + Math.floor(next() * 3) }, (_, i) => `s${i}`);
      const hours = segments.flatMap((segment) => MONTHS.map((month) => ({ segment, month, value: Math.round(next() * 40) })));
      const revenue = hours.map((h) => ({ ...h, value: Math.round(200_000 * (0.5 + next()) * (1 - Math.exp(-0.05 * h.value))) }));
      const curves = segmentCurves(segments, MONTHS, hours, revenue).map((c) => (h: number) => saturatingValue(c.curve, h));
      const budget = Math.floor(next() * 15);
      const plan = allocateBudget({ budget, curves });
      expect(plan.units.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
      expect(plan.total).toBeCloseTo(exhaustive(budget, curves), 6);
    }
  });

  it("fits a segment with enough months of agent time; gives the others the prior (twice their mean monthly revenue, the fitted segments' median rate)", () => {
    const truth = { max: 900_000, rate: 0.1 };
    const hours = MONTHS.map((month, i) => ({ segment: "fitted", month, value: 2 * (i + 1) }));
    const revenue = [
      ...hours.map((h) => ({ ...h, value: saturatingValue(truth, h.value) })),
      ...MONTHS.map((month) => ({ segment: "quiet", month, value: 12_000 })),
    ];
    const [fitted, quiet, unknown] = segmentCurves(["fitted", "quiet", "unknown"], MONTHS, hours, revenue);
    expect(fitted.fitted).toBe(true);
    expect(fitted.curve.max).toBeCloseTo(truth.max, -3);
    expect(fitted.curve.rate).toBeCloseTo(truth.rate, 3);
    expect(quiet).toMatchObject({ fitted: false, curve: { max: 24_000 } });
    expect(quiet.curve.rate).toBeCloseTo(truth.rate, 3);
    // A segment with no history at all: twice the mean over segments that have revenue.
    const meanFitted = revenue.filter((r) => r.segment === "fitted").reduce((s, r) => s + r.value, 0) / 12;
    expect(unknown.curve.max).toBeCloseTo(2 * ((meanFitted + 12_000) / 2), 0);
    // No history anywhere: the stated placeholders.
    expect(segmentCurves(["a"], MONTHS, [], [])[0].curve).toEqual({ max: PRIOR_CEILING_CENTS, rate: PRIOR_RATE_PER_HOUR });
  });
});
