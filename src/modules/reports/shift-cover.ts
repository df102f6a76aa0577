/**
 * The cheapest set of shifts that covers a required number of agents in every hour of a cyclic horizon (a week that
 * wraps from Sunday night into Monday), as an integer linear program solved by HiGHS: one whole variable per allowed
 * shift (start hour, length), minimise the agent-hours, and every hour's covering shifts sum to at least its need.
 */
import { solveLinearProgram, type LinearRow } from "../../optimize/index.ts";

/** A shift that may be staffed: it starts at hour `start` of the horizon and lasts `hours` (wrapping past the end). */
export type ShiftOption = { start: number; hours: number };

/** The plan: how many agents work each shift used, their hours in total, and how the solve ended. */
export type ShiftCover = { shifts: (ShiftOption & { agents: number })[]; agentHours: number; status: string; solveMs: number };

/** Covers `required[h]` agents in every hour h of a horizon of `required.length` hours with the fewest agent-hours. */
export async function coverShifts(required: readonly number[], options: readonly ShiftOption[], timeLimitSeconds = 10): Promise<ShiftCover> {
  const horizon = required.length;
  const covering: number[][] = Array.from({ length: horizon }, () => []);
  options.forEach((option, column) => {
    for (let k = 0; k < Math.min(option.hours, horizon); k++) covering[(option.start + k) % horizon]!.push(column);
  });
  const rows: LinearRow[] = [];
  required.forEach((need, hour) => {
    if (need > 0) rows.push({ lower: need, upper: Infinity, columns: covering[hour]!, values: covering[hour]!.map(() => 1) });
  });
  if (rows.length === 0) return { shifts: [], agentHours: 0, status: "optimal", solveMs: 0 };
  const solution = await solveLinearProgram(
    {
      sense: "minimize",
      cost: options.map((o) => o.hours),
      lower: options.map(() => 0),
      upper: options.map(() => Infinity),
      rows,
      integer: options.map((_, j) => j),
    },
    { timeLimitSeconds },
  );
  if (!solution.values) return { shifts: [], agentHours: 0, status: solution.status, solveMs: solution.solveMs };
  const values = solution.values;
  const shifts = options.flatMap((option, j) => {
    // Whole values from HiGHS come back as floats (2.0000000001): round before reading them as head counts.
    const agents = Math.round(values[j]!);
    return agents > 0 ? [{ ...option, agents }] : [];
  });
  return { shifts, agentHours: shifts.reduce((sum, s) => sum + s.agents * s.hours, 0), status: solution.status, solveMs: solution.solveMs };
}
