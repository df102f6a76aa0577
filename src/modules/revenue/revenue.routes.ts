/** REST: sales summary, targets and forecast (console sessions and API keys). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { getForecast } from "./forecast.service.ts";
import { forecastQuery, putTargetBody, summaryQuery, targetsQuery } from "./revenue.schemas.ts";
import { getSalesSummary } from "./summary.service.ts";
import { listTargets, setTarget } from "./targets.service.ts";

/** Routes under /api/v1/sales. */
export function revenueRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/summary", async (req, res) => {
    assertCan(currentActor(req), "sales.report");
    res.json({ data: await getSalesSummary(deps, parseInput(summaryQuery, req.query)) });
  });
  router.get("/targets", async (req, res) => {
    assertCan(currentActor(req), "sales.report");
    const { period } = parseInput(targetsQuery, req.query);
    res.json({ data: await listTargets(deps, period) });
  });
  router.put("/targets", async (req, res) => {
    assertCan(currentActor(req), "sales.target");
    res.json({ data: await setTarget(deps, parseInput(putTargetBody, req.body ?? {})) });
  });
  router.get("/forecast", async (req, res) => {
    assertCan(currentActor(req), "sales.report");
    res.json({ data: await getForecast(deps, parseInput(forecastQuery, req.query)) });
  });
  return router;
}
