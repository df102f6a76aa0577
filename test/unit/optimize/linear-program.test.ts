import { describe, expect, it } from "vitest";
import { solveLinearProgram } from "../../../src/optimize/index.ts";

describe("solveLinearProgram (HiGHS in a worker thread)", () => {
  it("solves a small linear program to its known optimum (HiGHS's own example: 87.5)", { timeout: 60_000 }, async () => {
    // max x1 + 2 x2 + 4 x3 + x4; -x1 + x2 + x3 + 10 x4 ≤ 20; x1 - 4 x2 + x3 ≤ 30; x2 - 0.5 x4 = 0; 0 ≤ x1 ≤ 40; 2 ≤ x4 ≤ 3
    const solution = await solveLinearProgram({
      sense: "maximize",
      cost: [1, 2, 4, 1],
      lower: [0, 0, 0, 2],
      upper: [40, Infinity, Infinity, 3],
      rows: [
        { lower: -Infinity, upper: 20, columns: [0, 1, 2, 3], values: [-1, 1, 1, 10] },
        { lower: -Infinity, upper: 30, columns: [0, 1, 2], values: [1, -4, 1] },
        { lower: 0, upper: 0, columns: [1, 3], values: [1, -0.5] },
      ],
    });
    expect(solution.status).toBe("optimal");
    expect(solution.objective).toBeCloseTo(87.5, 6);
    expect(Array.from(solution.values!).map((v) => Math.round(v * 1000) / 1000)).toEqual([17.5, 1, 16.5, 2]);
  });

  it("keeps integer columns whole (a knapsack whose LP relaxation would split an item)", { timeout: 60_000 }, async () => {
    // max 10a + 13b + 7c with 4a + 6b + 3c ≤ 9, binary: the best whole choice is b + c = 20 (the LP would take fractions).
    const solution = await solveLinearProgram({
      sense: "maximize",
      cost: [10, 13, 7],
      lower: [0, 0, 0],
      upper: [1, 1, 1],
      rows: [{ lower: -Infinity, upper: 9, columns: [0, 1, 2], values: [4, 6, 3] }],
      integer: [0, 1, 2],
    });
    expect(solution.status).toBe("optimal");
    expect(solution.objective).toBeCloseTo(20, 6);
    expect(Array.from(solution.values!).map(Math.round)).toEqual([0, 1, 1]);
  });

  it("reports an infeasible problem as such, without values", { timeout: 60_000 }, async () => {
    const solution = await solveLinearProgram({ sense: "minimize", cost: [1], lower: [0], upper: [1], rows: [{ lower: 2, upper: Infinity, columns: [0], values: [1] }] });
    expect(solution.status).toBe("infeasible");
    expect(solution.values).toBeNull();
  });

  it("refuses a malformed problem with a clear error", async () => {
    await expect(solveLinearProgram({ sense: "minimize", cost: [1, 2], lower: [0], upper: [1, 1], rows: [] })).rejects.toThrow(/one entry per column/);
  });
});
