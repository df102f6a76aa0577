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

type Answer = (LinearSolution | { error: string }) & { id: number };
type SolverThread = { worker: Worker; busy: boolean; pending: Map<number, { resolve(answer: Answer): void; reject(error: Error): void }> };

let nextJob = 1;
// The resident solver thread: it loads HiGHS's WebAssembly once (half a second on a loaded machine) and serves solves
// in turn. A solve that finds it busy gets a thread of its own for the occasion, so solves never queue behind each other.
let resident: SolverThread | undefined;

function startThread(keep: boolean): SolverThread {
  const worker = new Worker(repoPath("src/optimize/highs-worker.js"));
  const thread: SolverThread = { worker, busy: false, pending: new Map() };
  // The resident thread must not keep the process alive once everything else is done.
  if (keep) worker.unref();
  const failAll = (error: Error): void => {
    for (const job of thread.pending.values()) job.reject(error);
    thread.pending.clear();
    if (resident === thread) resident = undefined;
  };
  worker.on("message", (answer: Answer | { ready: true }) => {
    if ("ready" in answer) return;
    const job = thread.pending.get(answer.id);
    thread.pending.delete(answer.id);
    job?.resolve(answer);
  });
  worker.once("error", (error: unknown) => failAll(error instanceof Error ? error : new Error(String(error))));
  worker.once("exit", (code) => failAll(new Error(`the solver thread stopped (exit code ${code}) without an answer`)));
  return thread;
}

async function runWorker(model: Record<string, unknown>, options: SolverOptions): Promise<LinearSolution> {
  resident ??= startThread(true);
  const shared = !resident.busy;
  const thread = shared ? resident : startThread(false);
  thread.busy = true;
  const id = nextJob++;
  try {
    const answer = await new Promise<Answer>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, model, options });
    });
    if ("error" in answer) throw new Error(`the solver failed: ${answer.error}`);
    const { id: _id, ...solution } = answer;
    return solution;
  } finally {
    thread.busy = false;
    if (!shared) void thread.worker.terminate();
  }
}
