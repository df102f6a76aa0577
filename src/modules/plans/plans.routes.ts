/** REST: lead-assignment and effort plans, and the sales reps they plan for (console sessions and API keys). */
import { Router } from "express";
import type { ServiceDeps } from "../deps.ts";

/** Routes under /api/v1/sales/plans. */
export function plansRoutes(_deps: ServiceDeps): Router {
  return Router();
}
