/** REST: orders (console sessions and API keys). */
import { Router } from "express";
import type { ServiceDeps } from "../deps.ts";

/** Routes under /api/v1/orders. */
export function ordersRoutes(_deps: ServiceDeps): Router {
  return Router();
}
