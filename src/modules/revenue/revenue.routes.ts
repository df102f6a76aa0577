/** REST: sales summary, targets and forecast (console sessions and API keys). */
import { Router } from "express";
import type { ServiceDeps } from "../deps.ts";

/** Routes under /api/v1/sales. */
export function revenueRoutes(_deps: ServiceDeps): Router {
  return Router();
}
