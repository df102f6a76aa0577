/**
 * Optimisation layer: linear and integer programming with HiGHS (the only place that library is used), the capacitated
 * assignment problem, budget allocation by dynamic programming, and saturating response curves. It knows nothing of
 * deals or reps: the sales module states its plans in these terms.
 */
export { solveLinearProgram, type LinearProgram, type LinearRow, type LinearSolution, type SolverOptions } from "./linear-program.ts";
export { solveAssignment, type AssignmentOptions, type AssignmentProblem, type AssignmentResult } from "./assignment.ts";
export { allocateBudget, type BudgetAllocation, type BudgetProblem } from "./budget-allocation.ts";
export { fitResponseCurve, flatPoint, responseValue, type CurveBounds, type FittedCurve, type ResponseCurve } from "./response-curve.ts";
