// @ts-check
/**
 * HiGHS solves in a worker thread of their own: the solver blocks its thread until it finishes, so it never runs on the
 * server's event loop. The thread loads HiGHS's WebAssembly once and then serves solves one after another: each
 * message is {id, model, options} (`model` is HiGHS's ModelData without the named constants: sense "maximize" |
 * "minimize"; `options` HiGHS options), each answer {id, status, objective, values, solveMs} or {id, error}.
 * Plain JavaScript on purpose, like src/db/pglite-worker.js: a worker thread does not inherit the TypeScript loader.
 */
import { performance } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import highsLoader from "highs";

if (!parentPort) throw new Error("highs-worker.js must run in a worker thread");
const port = parentPort;

/** HiGHS's model status codes, by name (highs.constants.modelStatus), for the answer. */
const STATUS_NAMES = { 7: "optimal", 8: "infeasible", 9: "infeasible", 10: "unbounded", 13: "time_limit", 14: "iteration_limit" };

const highs = await highsLoader();

/**
 * One solve.
 * @param {Record<string, unknown> & { sense: "maximize" | "minimize" }} model
 * @param {Record<string, string | number | boolean>} options
 */
function solve(model, options) {
  const started = performance.now();
  const answer = highs.withModel(
    /** @type {import("highs").ModelData} */ ({ ...model, sense: highs.constants.objectiveSense[model.sense] }),
    (solver) => {
      solver.raw.setOptionValue("output_flag", false);
      for (const [name, value] of Object.entries(options ?? {})) solver.raw.setOptionValue(name, value);
      const run = solver.run();
      const status = /** @type {Record<number, string>} */ (STATUS_NAMES)[run.modelStatus] ?? `status_${run.modelStatus}`;
      const hasSolution = status === "optimal" || status === "time_limit" || status === "iteration_limit";
      return {
        status,
        objective: hasSolution ? solver.getObjectiveValue() : null,
        values: hasSolution ? solver.getSolution().colValue : null,
      };
    },
  );
  return { ...answer, solveMs: performance.now() - started };
}

port.on("message", (/** @type {{ id: number, model: Record<string, unknown> & { sense: "maximize" | "minimize" }, options: Record<string, string | number | boolean> }} */ job) => {
  try {
    port.postMessage({ id: job.id, ...solve(job.model, job.options) });
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
