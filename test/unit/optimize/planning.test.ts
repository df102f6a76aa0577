import { describe, expect, it } from "vitest";
import { allocateBudget, fitResponseCurve, responseValue, solveAssignment } from "../../../src/optimize/index.ts";

/** A seeded generator (Park–Miller), so every run checks the same instances. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** The best total over every way to give each task to one allowed agent or to nobody, within capacities. */
function bruteForceAssignment(values: (number | null)[][], capacity: number[]): number {
  let best = 0;
  const used = capacity.map(() => 0);
  const visit = (task: number, total: number): void => {
    if (task === values.length) {
      best = Math.max(best, total);
      return;
    }
    visit(task + 1, total);
    values[task].forEach((value, agent) => {
      if (value === null || used[agent] >= capacity[agent]) return;
      used[agent]++;
      visit(task + 1, total + value);
      used[agent]--;
    });
  };
  visit(0, 0);
  return best;
}

/** The best total over every split of the budget into whole units. */
function exhaustiveAllocation(budget: number, curves: ((k: number) => number)[]): number {
  let best = -Infinity;
  const visit = (segment: number, left: number, total: number): void => {
    if (segment === curves.length - 1) {
      for (let k = 0; k <= left; k++) best = Math.max(best, total + curves[segment](k));
      return;
    }
    for (let k = 0; k <= left; k++) visit(segment + 1, left - k, total + curves[segment](k));
  };
  visit(0, budget, 0);
  return best;
}

describe("capacitated assignment (HiGHS)", () => {
  it("equals the brute-force optimum on 25 random small instances, with forbidden pairs and tight capacities", { timeout: 240_000 }, async () => {
    const next = random(42);
    for (let instance = 0; instance < 25; instance++) {
      const tasks = 2 + Math.floor(next() * 5);
      const agents = 2 + Math.floor(next() * 2);
      const values = Array.from({ length: tasks }, () =>
        Array.from({ length: agents }, () => (next() < 0.2 ? null : Math.round(next() * 10_000))),
      );
      const capacity = Array.from({ length: agents }, () => Math.floor(next() * 3));
      const result = await solveAssignment({ values, capacity });
      expect(result.status).toBe("optimal");
      expect(result.objective).toBeCloseTo(bruteForceAssignment(values, capacity), 3);
      // What it returns is a valid assignment worth what it says.
      const load = capacity.map(() => 0);
      let worth = 0;
      result.assignment.forEach((agent, task) => {
        if (agent === null) return;
        expect(values[task][agent]).not.toBeNull();
        load[agent]++;
        worth += values[task][agent]!;
      });
      load.forEach((n, agent) => expect(n).toBeLessThanOrEqual(capacity[agent]));
      expect(worth).toBeCloseTo(result.objective, 3);
    }
  });

  it("assigns even tasks worth nothing while capacity allows, and leaves a task with no allowed agent unassigned", { timeout: 60_000 }, async () => {
    const result = await solveAssignment({ values: [[0, 0], [null, null], [5, 1]], capacity: [1, 1] });
    expect(result.assignment).toEqual([1, null, 0]);
  });

  it("refuses a negative value with a clear error", async () => {
    await expect(solveAssignment({ values: [[-1]], capacity: [1] })).rejects.toThrow(/finite number ≥ 0/);
  });
});

describe("budget allocation (dynamic programming)", () => {
  it("equals the exhaustive optimum on 30 random instances, concave curves and not", () => {
    const next = random(7);
    for (let instance = 0; instance < 30; instance++) {
      const segments = 2 + Math.floor(next() * 3);
      const budget = Math.floor(next() * 12);
      const curves = Array.from({ length: segments }, () => {
        // Even instances: arbitrary tables (not concave); odd ones: saturating curves with random ceilings and rates.
        const table = Array.from({ length: budget + 1 }, (_, k) => (k === 0 ? 0 : next() * 100));
        const curve = { base: 0, lift: 50 + next() * 500, rate: 0.05 + next() };
        return instance % 2 === 0 ? (k: number) => table[k] : (k: number) => responseValue(curve, k);
      });
      const result = allocateBudget({ budget, curves });
      expect(result.units.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
      expect(result.total).toBeCloseTo(exhaustiveAllocation(budget, curves), 6);
      expect(result.returns.reduce((a, b) => a + b, 0)).toBeCloseTo(result.total, 6);
    }
  });

  it("puts the hours where they return most: a segment that saturates fast gets few", () => {
    const fast = (k: number): number => responseValue({ base: 0, lift: 1000, rate: 1 }, k);
    const slow = (k: number): number => responseValue({ base: 0, lift: 5000, rate: 0.05 }, k);
    const result = allocateBudget({ budget: 40, curves: [fast, slow] });
    expect(result.units[0]).toBeGreaterThan(0);
    expect(result.units[0]).toBeLessThan(result.units[1]);
    expect(result.units[0] + result.units[1]).toBe(40);
  });
});

describe("saturating response curves above a base (Levenberg–Marquardt)", () => {
  it("recovers the base, lift and rate from exact observations, and fits noisy ones closely", () => {
    const truth = { base: 30_000, lift: 120_000, rate: 0.08 };
    const exact = [0, 5, 10, 20, 40, 80].map((x) => ({ x, y: responseValue(truth, x) }));
    const fitted = fitResponseCurve(exact);
    expect(fitted.base).toBeCloseTo(truth.base, -2);
    expect(fitted.lift).toBeCloseTo(truth.lift, -2);
    expect(fitted.rate).toBeCloseTo(truth.rate, 3);
    const next = random(3);
    const noisy = exact.map((p) => ({ x: p.x, y: p.y * (0.95 + next() * 0.1) }));
    expect(fitResponseCurve(noisy).rmse).toBeLessThan(0.05 * truth.lift);
  });

  it("keeps base + lift under the ceiling and the rate inside its bounds, whatever the points say", () => {
    // Revenue that climbs steeply over the few hours seen: unbounded, the fit would promise far more beyond them.
    const steep = [0, 0.1, 0.2, 0.3, 0.4].map((x) => ({ x, y: 10_000 + 50_000 * x }));
    const fitted = fitResponseCurve(steep, { ceiling: 40_000, minRate: 0.01, maxRate: 2 });
    expect(fitted.base + fitted.lift).toBeLessThanOrEqual(40_000 + 1e-6);
    expect(fitted.rate).toBeGreaterThanOrEqual(0.01);
    expect(fitted.rate).toBeLessThanOrEqual(2);
  });

  it("needs at least two observations", () => {
    expect(() => fitResponseCurve([{ x: 1, y: 1 }])).toThrow(/at least two/);
  });
});
