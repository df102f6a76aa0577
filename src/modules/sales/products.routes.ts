/** REST: the product catalogue (console sessions and API keys). */
import { Router } from "express";
import type { ServiceDeps } from "../deps.ts";

/** Routes under /api/v1/products. */
export function productsRoutes(_deps: ServiceDeps): Router {
  return Router();
}
