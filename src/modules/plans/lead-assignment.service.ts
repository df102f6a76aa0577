/**
 * Lead assignment: give each open deal to one sales rep, maximising the expected won amount Σ P(win | rep, segment) ×
 * amount within each rep's room and segments. A transportation problem, so its linear relaxation has whole optima
 * (total unimodularity): HiGHS solves it as a linear program (src/optimize/solveAssignment checks the answer is whole).
 */
import type { LeadAssignmentPlanDTO } from "../../contracts/sales.ts";
import { AppError } from "../../errors.ts";
import { solveAssignment } from "../../optimize/index.ts";
import { actorRef } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import { buildAssignmentModel, expectedValue, explainInfeasible, roundRobin, type ModelRep } from "./assignment-model.ts";
import { assignOwners, existingUsers, findPlanDeals, listRepRows, lockDeals, openPlanDeals, winHistory, type PlanDealRow } from "./plans.repo.ts";
import { MAX_PLAN_DEALS, type ApplyAssignmentInput, type LeadAssignmentInput } from "./plans.schemas.ts";
import { winRates } from "./win-rates.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

// A plan this size solves in seconds; the limit only keeps a runaway request from holding a solver thread for long.
const SOLVE_TIME_LIMIT_SECONDS = 120;

function notOpen(ids: string[]): AppError {
  const list = ids.slice(0, 10).join(", ") + (ids.length > 10 ? ` and ${ids.length - 10} more` : "");
  return new AppError("DEAL_NOT_OPEN", `These deals are closed (won or lost): ${list}.`, { dealIds: `closed: ${list}` });
}

function missing(ids: string[], code: "DEAL_NOT_FOUND" | "USER_NOT_FOUND", field: string): AppError {
  const list = ids.slice(0, 10).join(", ") + (ids.length > 10 ? ` and ${ids.length - 10} more` : "");
  return new AppError(code, `${code === "DEAL_NOT_FOUND" ? "No such deals" : "No such users"}: ${list}.`, { [field]: `unknown: ${list}` });
}

/** The deals a plan places: the ones named (404 for unknown ones, 409 for closed ones), else open deals without an owner (every open deal with `reassign`). */
async function dealsToPlace(deps: Deps, input: LeadAssignmentInput): Promise<PlanDealRow[]> {
  if (!input.dealIds) return openPlanDeals(deps.db, { reassign: input.reassign ?? false, limit: MAX_PLAN_DEALS });
  const rows = await findPlanDeals(deps.db, input.dealIds);
  const found = new Set(rows.map((r) => r.id));
  const unknown = input.dealIds.filter((id) => !found.has(id));
  if (unknown.length > 0) throw missing(unknown, "DEAL_NOT_FOUND", "dealIds");
  const closed = rows.filter((r) => !r.open).map((r) => r.id);
  if (closed.length > 0) throw notOpen(closed);
  return rows;
}

/** The active agents and managers a plan may assign to. */
async function activeReps(deps: Deps): Promise<ModelRep[]> {
  const rows = await listRepRows(deps.db);
  return rows.filter((r) => r.active !== false).map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, segments: r.segments ?? [], openDeals: r.openDeals }));
}

/** Proposes the optimal assignment (nothing is written); 422 PLAN_INFEASIBLE when the reps cannot take every deal. */
export async function planLeadAssignment(deps: Deps, input: LeadAssignmentInput): Promise<LeadAssignmentPlanDTO> {
  const [deals, reps, history] = await Promise.all([dealsToPlace(deps, input), activeReps(deps), winHistory(deps.db)]);
  if (deals.length === 0) return { status: "optimal", objectiveCents: 0, baselineObjectiveCents: 0, assignments: [], solveMs: 0 };
  const model = buildAssignmentModel(deals, reps, winRates(history), input.capacity);
  const reason = explainInfeasible(deals, reps, model.room);
  if (reason) throw new AppError("PLAN_INFEASIBLE", reason.message, { [reason.field]: reason.message });
  const result = await solveAssignment({ values: model.values, capacity: model.room }, { assignAll: true, timeLimitSeconds: SOLVE_TIME_LIMIT_SECONDS });
  if (result.status === "infeasible") {
    // The counts per segment fit, yet no assignment does: segments that share the same few reps need more than they have.
    throw new AppError("PLAN_INFEASIBLE", "No assignment gives every deal a rep: deals of segments covered by the same reps need more room than those reps have together.", {
      capacity: "the reps covering some segments together lack room",
    });
  }
  if (result.status !== "optimal" || result.assignment.some((r) => r === null)) throw new Error(`the lead-assignment solve ended ${result.status}`);
  const plan = result.assignment as number[];
  return {
    status: "optimal",
    objectiveCents: Math.round(expectedValue(model, plan)),
    baselineObjectiveCents: Math.round(expectedValue(model, roundRobin(deals, reps, model.room))),
    assignments: plan.map((r, d) => ({ dealId: deals[d].id, ownerId: reps[r].id, pWin: Math.round(model.pWin[d][r] * 10_000) / 10_000 })),
    solveMs: Math.round(result.solveMs * 10) / 10,
  };
}

/**
 * Applies a (possibly edited) plan: every deal gets its owner in one transaction, or none does (404 for an unknown deal
 * or user, 409 DEAL_NOT_OPEN for a deal closed since the plan was made). Returns how many deals were assigned.
 */
export async function applyLeadAssignment(deps: Deps, actor: Actor, input: ApplyAssignmentInput): Promise<{ applied: number }> {
  const ownerIds = [...new Set(input.assignments.map((a) => a.ownerId))];
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const users = await existingUsers(tx, ownerIds);
    const unknownOwners = ownerIds.filter((id) => !users.has(id));
    if (unknownOwners.length > 0) throw missing(unknownOwners, "USER_NOT_FOUND", "assignments.ownerId");
    const ids = input.assignments.map((a) => a.dealId);
    const rows = await lockDeals(tx, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length > 0) throw missing(unknown, "DEAL_NOT_FOUND", "assignments.dealId");
    const closed = rows.filter((r) => !r.open).map((r) => r.id);
    if (closed.length > 0) throw notOpen(closed);
    const changes = input.assignments.map((a) => {
      const deal = byId.get(a.dealId)!;
      return { dealId: a.dealId, title: deal.title, customerId: deal.customerId, fromOwnerId: deal.ownerId, ownerId: a.ownerId };
    });
    await assignOwners(tx, changes, actorRef(actor), at);
    return { applied: changes.length };
  });
}
