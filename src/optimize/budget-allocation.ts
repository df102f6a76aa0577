/**
 * Splitting a budget of whole units (hours, calls) across segments, each with its own response curve (what k units
 * there are expected to return), to maximise the total: a dynamic program over (segments considered, units spent),
 * exact for any curves — concave or not — in O(segments × budget²) steps.
 */

/** The budget, and per segment the expected return of spending k units there (k = 0 … budget). */
export type BudgetProblem = { budget: number; curves: readonly ((units: number) => number)[] };

/** Units per segment (in the curves' order), their expected returns, and the total. */
export type BudgetAllocation = { units: number[]; returns: number[]; total: number };

/** The allocation with the highest total expected return (ties: fewer units to earlier segments). */
export function allocateBudget(problem: BudgetProblem): BudgetAllocation {
  const budget = Math.floor(problem.budget);
  if (!Number.isFinite(budget) || budget < 0) throw new Error("the budget must be a whole number ≥ 0");
  const segments = problem.curves.length;
  // gain[s][k]: return of k units in segment s, tabulated once.
  const gain = problem.curves.map((curve) => Float64Array.from({ length: budget + 1 }, (_, k) => curve(k)));
  // best[s][b]: the best total of segments 0..s-1 with at most b units; choice[s][b]: units segment s-1 got there.
  let best = new Float64Array(budget + 1);
  const choices: Int32Array[] = [];
  for (let s = 0; s < segments; s++) {
    const next = new Float64Array(budget + 1).fill(-Infinity);
    const choice = new Int32Array(budget + 1);
    const g = gain[s];
    for (let b = 0; b <= budget; b++) {
      for (let k = 0; k <= b; k++) {
        const total = best[b - k] + g[k];
        if (total > next[b] + 1e-9) {
          next[b] = total;
          choice[b] = k;
        }
      }
    }
    choices.push(choice);
    best = next;
  }
  const units = new Array<number>(segments).fill(0);
  let left = budget;
  for (let s = segments - 1; s >= 0; s--) {
    units[s] = choices[s][left];
    left -= units[s];
  }
  const returns = units.map((k, s) => gain[s][k]);
  return { units, returns, total: segments ? best[budget] : 0 };
}
