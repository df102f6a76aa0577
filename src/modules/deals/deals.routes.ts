/** REST: deals, pipeline stages and the pipeline (console sessions and API keys). */
import { Router } from "express";
import type { ServiceDeps } from "../deps.ts";

/** Routes under /api/v1/deals. */
export function dealsRoutes(_deps: ServiceDeps): Router {
  return Router();
}
