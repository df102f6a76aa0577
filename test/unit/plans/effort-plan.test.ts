import { describe, expect, it } from "vitest";
import { allocateBudget, responseValue } from "../../../src/optimize/index.ts";
import { CEILING_FACTOR, PRIOR_LIFT_SHARE, PRIOR_RATE_PER_HOUR, SHRINK_MONTHS, segmentCurves } from "../../../src/modules/plans/effort.service.ts";

/** A seeded generator (Park–Miller), so every run checks the same instances. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}-01`);

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
      const curves = segmentCurves(segments, MONTHS, hours, revenue).map((c) => (h: number) => responseValue(c.curve, Math.min(h, c.flatAfterHours)));
      const budget = Math.floor(next() * 15);
      const plan = allocateBudget({ budget, curves });
      expect(plan.units.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
      expect(plan.total).toBeCloseTo(exhaustive(budget, curves), 6);
    }
  });

  it("fits a segment whose months span enough hours, shrunk toward the pool; gives the others the pooled curve, and none to a segment without revenue", () => {
    const truth = { base: 100_000, lift: 900_000, rate: 0.1 };
    const hours = MONTHS.map((month, i) => ({ segment: "fitted", month, value: 2 * (i + 1) }));
    const revenue = [
      ...hours.map((h) => ({ ...h, value: responseValue(truth, h.value) })),
      // "quiet" sells the same every month and its agents spent a few minutes: nothing says what more hours would do.
      ...MONTHS.map((month) => ({ segment: "quiet", month, value: 12_000 })),
    ];
    const quietHours = MONTHS.map((month) => ({ segment: "quiet", month, value: 0.2 }));
    const [fitted, quiet, unknown] = segmentCurves(["fitted", "quiet", "unknown"], MONTHS, [...hours, ...quietHours], revenue);
    // One fitted segment is its own pool (and the pooled base matches its months), so shrinking leaves the fit as it is.
    expect(fitted.source).toBe("fitted");
    expect(fitted.curve.base).toBeCloseTo(truth.base, -3);
    expect(fitted.curve.lift).toBeCloseTo(truth.lift, -3);
    expect(fitted.curve.rate).toBeCloseTo(truth.rate, 3);
    expect(fitted.flatAfterHours).toBe(Math.round(Math.log(100) / fitted.curve.rate));
    // The pooled curve: the fitted segments' lift share of mean revenue and their rate; the base matches the months sold.
    const share = fitted.curve.lift / fitted.meanMonthlyRevenueCents;
    expect(quiet.source).toBe("pooled");
    expect(quiet.curve.rate).toBeCloseTo(truth.rate, 3);
    // At the hours its months had, the curve gives about what they sold (less where the ceiling trimmed the lift).
    expect(responseValue(quiet.curve, 0.2) / 12_000).toBeGreaterThan(0.98);
    expect(responseValue(quiet.curve, 0.2)).toBeLessThanOrEqual(12_000);
    // Its ceiling is tied to its best month, whatever the pool's share says.
    expect(quiet.curve.base + quiet.curve.lift).toBeCloseTo(Math.min(CEILING_FACTOR * 12_000, quiet.curve.base + share * 12_000), 0);
    expect(unknown).toMatchObject({ source: "none", curve: { base: 0, lift: 0 }, meanMonthlyRevenueCents: 0 });
  });

  it("blends a segment's own fit with the pool by its months with agent time, and uses the stated prior when nothing was fitted", () => {
    const a = { base: 0, lift: 500_000, rate: 0.2 };
    const b = { base: 0, lift: 500_000, rate: 0.05 };
    const hours = (segment: string, months: number) => MONTHS.slice(0, months).map((month, i) => ({ segment, month, value: 5 * (i + 1) }));
    const revenue = (segment: string, months: number, curve: typeof a) => hours(segment, months).map((h) => ({ ...h, value: responseValue(curve, h.value) }));
    const twelve = segmentCurves(["a", "b"], MONTHS, [...hours("a", 12), ...hours("b", 12)], [...revenue("a", 12, a), ...revenue("b", 12, b)]);
    // Pooled rate: the median of the two fitted rates (their mean); each keeps 12 / 18 of its own log-rate.
    const pooled = (0.2 + 0.05) / 2;
    const w = 12 / (12 + SHRINK_MONTHS);
    expect(twelve[0].curve.rate).toBeCloseTo(Math.exp(w * Math.log(0.2) + (1 - w) * Math.log(pooled)), 2);
    expect(twelve[1].curve.rate).toBeCloseTo(Math.exp(w * Math.log(0.05) + (1 - w) * Math.log(pooled)), 2);
    // Nothing fitted anywhere: the prior share and rate.
    const flat = MONTHS.map((month) => ({ segment: "s", month, value: 40_000 }));
    const [prior] = segmentCurves(["s"], MONTHS, [], flat);
    expect(prior).toMatchObject({ source: "pooled", curve: { base: 40_000, rate: PRIOR_RATE_PER_HOUR } });
    expect(prior.curve.lift).toBeCloseTo(PRIOR_LIFT_SHARE * 40_000, 6);
  });
});
