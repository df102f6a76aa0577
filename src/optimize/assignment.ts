/**
 * The capacitated assignment problem: give each task to at most one agent, each agent at most its capacity of tasks,
 * maximising the total value of the pairs chosen; some pairs may be forbidden (skills, regions). Stated as a linear
 * program for HiGHS. Its constraint matrix is totally unimodular (a bipartite transportation problem), so the simplex
 * optimum is already whole; should the solver return a fractional vertex anyway, the same model is solved again as an
 * integer program.
 */
import { solveLinearProgram, type LinearRow, type SolverOptions } from "./linear-program.ts";

/** values[t][a]: what giving task t to agent a is worth (≥ 0); null forbids the pair. */
export type AssignmentProblem = { values: readonly (readonly (number | null)[])[]; capacity: readonly number[] };

/** The optimal assignment: agent index per task (null: left unassigned, for want of capacity or an allowed agent). */
export type AssignmentResult = { status: string; objective: number; assignment: (number | null)[]; solveMs: number; integerFallback: boolean };

// Added to every allowed pair's value so a task worth 0 is still assigned when capacity allows (never changes which
// tasks worth more are chosen: it is far below a cent, the smallest difference between real values).
const ASSIGN_ANYWAY = 1e-6;

/** How to solve: `assignAll` makes every task's row an equality (status "infeasible" when that cannot be met). */
export type AssignmentOptions = { timeLimitSeconds?: number; assignAll?: boolean; highs?: SolverOptions };

/**
 * The pairs worth stating to the solver. A task never goes to an agent while agents it values strictly more have, between
 * them, room for every task (one of them would be left with room, and moving the task there gains): so, per task, the
 * agents by value are kept only until the capacity of those strictly better reaches the number of tasks. Exact, and
 * with slack capacity it drops most columns.
 */
function usefulPairs(problem: AssignmentProblem): { task: number; agent: number; value: number }[] {
  const agents = problem.capacity.length;
  const tasks = problem.values.length;
  const room = problem.capacity.map((c) => Math.max(0, Math.floor(c)));
  const pairs: { task: number; agent: number; value: number }[] = [];
  problem.values.forEach((row, task) => {
    if (row.length !== agents) throw new Error(`task ${task}: ${row.length} values for ${agents} agents`);
    const allowed: { agent: number; value: number }[] = [];
    row.forEach((value, agent) => {
      if (value === null) return;
      if (!Number.isFinite(value) || value < 0) throw new Error(`task ${task}, agent ${agent}: the value must be a finite number ≥ 0`);
      if (room[agent] > 0) allowed.push({ agent, value });
    });
    allowed.sort((a, b) => b.value - a.value || a.agent - b.agent);
    let better = 0;
    let betterValue = Infinity;
    let pending = 0;
    for (const pair of allowed) {
      // Capacity of the agents valued strictly above this one (ties share a level).
      if (pair.value < betterValue) {
        better += pending;
        pending = 0;
        betterValue = pair.value;
      }
      if (better >= tasks) break;
      pending += room[pair.agent];
      pairs.push({ task, agent: pair.agent, value: pair.value });
    }
  });
  return pairs;
}

/** Solves the problem to optimality. */
export async function solveAssignment(problem: AssignmentProblem, options: AssignmentOptions = {}): Promise<AssignmentResult> {
  const pairs = usefulPairs(problem);
  const assignment: (number | null)[] = problem.values.map(() => null);
  if (pairs.length === 0) {
    const status = options.assignAll && problem.values.length > 0 ? "infeasible" : "optimal";
    return { status, objective: 0, assignment, solveMs: 0, integerFallback: false };
  }

  const byTask: number[][] = problem.values.map(() => []);
  const byAgent: number[][] = problem.capacity.map(() => []);
  pairs.forEach((pair, column) => {
    byTask[pair.task].push(column);
    byAgent[pair.agent].push(column);
  });
  const rows: LinearRow[] = [
    ...byTask
      .filter((columns) => columns.length > 0 || options.assignAll)
      .map((columns) => ({ lower: options.assignAll ? 1 : 0, upper: 1, columns, values: columns.map(() => 1) })),
    ...byAgent.map((columns, agent) => ({ lower: 0, upper: Math.max(0, Math.floor(problem.capacity[agent])), columns, values: columns.map(() => 1) })),
  ];
  const program = {
    sense: "maximize" as const,
    cost: pairs.map((p) => p.value + ASSIGN_ANYWAY),
    lower: pairs.map(() => 0),
    upper: pairs.map(() => 1),
    rows,
  };
  const solverOptions = { timeLimitSeconds: options.timeLimitSeconds, highs: options.highs };
  let solution = await solveLinearProgram(program, solverOptions);
  let integerFallback = false;
  const fractional = (values: Float64Array): boolean => values.some((v) => Math.abs(v - Math.round(v)) > 1e-6);
  if (solution.values && fractional(solution.values)) {
    integerFallback = true;
    solution = await solveLinearProgram({ ...program, integer: pairs.map((_, j) => j) }, solverOptions);
  }
  if (!solution.values) return { status: solution.status, objective: 0, assignment, solveMs: solution.solveMs, integerFallback };
  let objective = 0;
  solution.values.forEach((x, column) => {
    if (x < 0.5) return;
    const pair = pairs[column];
    assignment[pair.task] = pair.agent;
    objective += pair.value;
  });
  return { status: solution.status, objective, assignment, solveMs: solution.solveMs, integerFallback };
}
