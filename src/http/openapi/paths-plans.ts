/** Operations of sales plans and reps. */
import { z } from "zod";
import { applyAssignmentBody, effortBody, leadAssignmentBody, repUserParam, updateRepBody } from "../../modules/plans/index.ts";
import type { Operation } from "./operation.ts";
import { appliedDTO, effortPlanDTO, leadAssignmentPlanDTO, salesRepDTO } from "./schemas-plans.ts";

const BASE = "/api/v1/sales/plans";
const plan = { auth: "actor", actions: ["sales.plan"] } as const;

/** Every operation of sales plans and reps. */
export const planOperations: Operation[] = [
  {
    method: "get",
    path: `${BASE}/reps`,
    tag: "Sales plans",
    summary: "List the sales reps",
    description: "Every agent and manager, with their capacity (open deals at most; null: no limit), segments (empty: any), whether plans assign to them, and the open deals they hold.",
    access: plan,
    success: { status: 200, description: "The reps, by name.", data: z.array(salesRepDTO) },
  },
  {
    method: "put",
    path: `${BASE}/reps/:userId`,
    tag: "Sales plans",
    summary: "Set a rep's capacity, segments or active flag",
    access: { auth: "actor", actions: ["sales.target"] },
    params: repUserParam,
    body: updateRepBody,
    success: { status: 200, description: "The rep as changed.", data: salesRepDTO },
    errors: ["USER_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${BASE}/lead-assignment`,
    tag: "Sales plans",
    summary: "Propose a lead assignment",
    description:
      "Assigns the named open deals (default: open deals without an owner; every open deal with `reassign`) to active reps, maximising Σ P(win | rep, segment) × amount within each rep's room (capacity − open deals kept) and segments; solved exactly as a linear program by HiGHS. Nothing is written. See docs/sales-plans.md.",
    access: plan,
    body: leadAssignmentBody,
    success: { status: 200, description: "The optimal proposal and round-robin's expected value.", data: leadAssignmentPlanDTO },
    errors: ["DEAL_NOT_FOUND", "DEAL_NOT_OPEN", "PLAN_INFEASIBLE"],
  },
  {
    method: "post",
    path: `${BASE}/lead-assignment/apply`,
    tag: "Sales plans",
    summary: "Apply a lead assignment (or part of one)",
    description: "Sets every deal's owner in one transaction, recording `deal.assigned` on each customer's timeline; nothing is applied if any deal is unknown or closed, or any owner unknown.",
    access: plan,
    body: applyAssignmentBody,
    success: { status: 200, description: "How many deals were assigned.", data: appliedDTO },
    errors: ["DEAL_NOT_FOUND", "DEAL_NOT_OPEN", "USER_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${BASE}/effort`,
    tag: "Sales plans",
    summary: "Propose a split of sales hours across segments",
    description: "Fits each segment's response curve a·(1 − e^(−b·h)) to its last 12 months of (agent hours, revenue) and splits the budget by dynamic programming in whole hours. See docs/sales-plans.md.",
    access: plan,
    body: effortBody,
    success: { status: 200, description: "Hours and expected revenue per segment.", data: effortPlanDTO },
  },
];
