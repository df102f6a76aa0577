/**
 * The staffing plan for managers: the contacts expected in each hour of a week (the handed-off conversations of the
 * last weeks, or the figures given), the agents each hour needs to meet a service level by Erlang C, then the cheapest
 * shifts that cover every hour (an integer program solved by HiGHS). Definitions: docs/reports.md.
 */
import type { z } from "zod";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { agentsNeeded } from "./erlang-c.ts";
import { resolveTimezone } from "./period.ts";
import type { staffingBody } from "./reports.schemas.ts";
import { coverShifts, type ShiftOption } from "./shift-cover.ts";
import { ticketsByWeekHour } from "./staffing.repo.ts";

const WEEK_HOURS = 168;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Shifts offered when the request names none: every whole hour, 4 or 8 hours long. */
const DEFAULT_SHIFTS: { start: number; hours: number }[] = Array.from({ length: 24 }, (_, start) => [4, 8].map((hours) => ({ start, hours }))).flat();

/** Hour h of the week (0 = Monday 00:00) as its ISO weekday and "HH:00". */
function weekHour(h: number): { hour: number; weekday: number; time: string } {
  return { hour: h, weekday: Math.floor(h / 24) + 1, time: `${String(h % 24).padStart(2, "0")}:00` };
}

/** The staffing plan; see the module comment. 422 STAFFING_UNSOLVED when HiGHS finds no plan in its time limit. */
export async function staffingPlan(deps: Pick<ServiceDeps, "db" | "now">, request: z.output<typeof staffingBody>) {
  const timezone = resolveTimezone(request.timezone);
  const to = deps.now();
  const from = new Date(to.getTime() - request.weeks * 7 * DAY_MS);
  let arrivals: number[];
  if (request.arrivals) {
    arrivals = request.arrivals.length === 24 ? Array.from({ length: WEEK_HOURS }, (_, h) => request.arrivals![h % 24]!) : [...request.arrivals];
  } else {
    // Each weekday-hour's mean over the weeks: the tickets counted there divided by the number of weeks.
    arrivals = new Array<number>(WEEK_HOURS).fill(0);
    for (const row of await ticketsByWeekHour(deps.db, timezone, from, to)) arrivals[(row.weekday - 1) * 24 + row.hour]! += row.tickets / request.weeks;
  }
  const target = { share: request.serviceLevel.target, withinSeconds: request.serviceLevel.withinSeconds };
  const requiredAgents = arrivals.map((perHour, h) => {
    const need = agentsNeeded(perHour, request.handleTimeSeconds, target);
    return { ...weekHour(h), arrivals: round(perHour, 3), trafficErlangs: round(need.trafficErlangs, 3), agents: need.agents, expectedServiceLevel: round(need.serviceLevel, 4) };
  });
  // Each shift of the day is offered on every day of the week; the week wraps, so Sunday's late shift ends on Monday.
  const options: ShiftOption[] = [];
  const seen = new Set<string>();
  for (const shift of request.shifts ?? DEFAULT_SHIFTS) {
    if (seen.has(`${shift.start}/${shift.hours}`)) continue;
    seen.add(`${shift.start}/${shift.hours}`);
    for (let day = 0; day < 7; day++) options.push({ start: day * 24 + shift.start, hours: shift.hours });
  }
  const cover = await coverShifts(
    requiredAgents.map((r) => r.agents),
    options,
  );
  if (cover.status !== "optimal") throw new AppError("STAFFING_UNSOLVED", `No optimal shift plan was found (the solver ended with "${cover.status}").`);
  return {
    timezone,
    source: request.arrivals ? ("given" as const) : ("history" as const),
    ...(request.arrivals ? {} : { from: from.toISOString(), to: to.toISOString(), weeks: request.weeks }),
    handleTimeSeconds: request.handleTimeSeconds,
    serviceLevel: request.serviceLevel,
    requiredAgents,
    requiredAgentHours: requiredAgents.reduce((sum, r) => sum + r.agents, 0),
    shifts: cover.shifts
      .sort((a, b) => a.start - b.start || a.hours - b.hours)
      .map((s) => ({ start: s.start, weekday: weekHour(s.start).weekday, time: weekHour(s.start).time, hours: s.hours, agents: s.agents })),
    agentHours: cover.agentHours,
    status: cover.status,
    solveMs: round(cover.solveMs, 1),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
