/**
 * Linear and mixed-integer programs, solved by HiGHS (WebAssembly) in a worker thread of its own so a long solve never
 * stalls sockets and requests. Callers state the problem row by row; this module owns the solver.
 */
import { Worker } from "node:worker_threads";
import { repoPath } from "../paths.ts";

/** One constraint: lower ≤ Σ values[k] · x[columns[k]] ≤ upper (use ±Infinity for a missing side). */
export type LinearRow = { lower: number; upper: number; columns: readonly number[]; values: readonly number[] };

/** A problem over x[0..n): optimise Σ cost[j] · x[j] subject to the rows and lower[j] ≤ x[j] ≤ upper[j]. */
export type LinearProgram = {
  sense: "maximize" | "minimize";
  cost: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  rows: readonly LinearRow[];
  /** Columns that must take whole values (a mixed-integer program); none: a linear program. */
  integer?: readonly number[];
};

/** How a solve ended, and the values when there are any. */
export type LinearSolution = {
  status: "optimal" | "infeasible" | "unbounded" | "time_limit" | "iteration_limit" | string;
  objective: number | null;
  values: Float64Array | null;
  /** Time inside HiGHS, without loading it or starting the thread. */
  solveMs: number;
};

/** HiGHS options passed through as they are (e.g. `{ solver: "ipm" }`, `{ simplex_strategy: 4 }`); see HiGHS's option list. */
export type SolverOptions = Record<string, string | number | boolean>;

/**
 * Solves a linear or mixed-integer program; `timeLimitSeconds` bounds the solver (then status time_limit), `highs` sets
 * further solver options.
 */
export async function solveLinearProgram(problem: LinearProgram, options: { timeLimitSeconds?: number; highs?: SolverOptions } = {}): Promise<LinearSolution> {
  const n = problem.cost.length;
  if (problem.lower.length !== n || problem.upper.length !== n) throw new Error("cost, lower and upper must have one entry per column");
  const starts = new Int32Array(problem.rows.length + 1);
  let entries = 0;
  problem.rows.forEach((row, i) => {
    if (row.columns.length !== row.values.length) throw new Error(`row ${i}: columns and values differ in length`);
    entries += row.columns.length;
    starts[i + 1] = entries;
  });
  const indices = new Int32Array(entries);
  const values = new Float64Array(entries);
  let k = 0;
  for (const row of problem.rows) {
    for (let e = 0; e < row.columns.length; e++, k++) {
      indices[k] = row.columns[e];
      values[k] = row.values[e];
    }
  }
  const integrality = problem.integer ? new Int32Array(n) : undefined;
  for (const j of problem.integer ?? []) integrality![j] = 1;
  const model = {
    numCols: n,
    numRows: problem.rows.length,
    sense: problem.sense,
    colCost: Float64Array.from(problem.cost),
    colLower: Float64Array.from(problem.lower),
    colUpper: Float64Array.from(problem.upper),
    rowLower: Float64Array.from(problem.rows, (r) => r.lower),
    rowUpper: Float64Array.from(problem.rows, (r) => r.upper),
    matrix: { format: "csr", numRows: problem.rows.length, numCols: n, starts, indices, values },
    ...(integrality ? { integrality } : {}),
  };
  const solverOptions: SolverOptions = { ...options.highs, ...(options.timeLimitSeconds ? { time_limit: options.timeLimitSeconds } : {}) };
  return runWorker(model, solverOptions);
}

function runWorker(model: Record<string, unknown>, options: SolverOptions): Promise<LinearSolution> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(repoPath("src/optimize/highs-worker.js"), { workerData: { model, options } });
    let settled = false;
    worker.once("message", (answer: LinearSolution | { error: string }) => {
      settled = true;
      void worker.terminate();
      if ("error" in answer) reject(new Error(`the solver failed: ${answer.error}`));
      else resolve(answer);
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the solver thread stopped (exit code ${code}) without an answer`));
    });
  });
}
