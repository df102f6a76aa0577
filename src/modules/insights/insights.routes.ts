/** REST under /api/v1/insights (managers and admins, and API keys with reports:read): refresh, status and the precomputed reads. */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import type { InsightsSettings } from "./insights.jobs.ts";
import { presentRun } from "./insights.presenter.ts";
import { churnQuery, featuresQuery, mapQuery, noQuery, refreshBody, responseScoresQuery } from "./insights.schemas.ts";
import { churnView, featuresView, insightsStatus, mapView, requestRefresh, segmentsView } from "./insights.service.ts";
import { escalationView, responseScoresView, responseView } from "./response.service.ts";

/** Routes under /api/v1/insights. */
export function insightsRoutes(deps: ServiceDeps, settings: InsightsSettings): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.use((req, _res, next) => {
    assertCan(currentActor(req), "report.read");
    next();
  });
  router.post("/refresh", async (req, res) => {
    parseInput(refreshBody, req.body ?? {});
    res.status(202).json({ data: presentRun(await requestRefresh(deps, currentActor(req))) });
  });
  router.get("/status", async (req, res) => {
    parseInput(noQuery, req.query);
    res.json({ data: await insightsStatus(deps, settings) });
  });
  router.get("/features", async (req, res) => {
    res.json({ data: await featuresView(deps, parseInput(featuresQuery, req.query)) });
  });
  router.get("/segments", async (req, res) => {
    parseInput(noQuery, req.query);
    res.json({ data: await segmentsView(deps) });
  });
  router.get("/map", async (req, res) => {
    res.json({ data: await mapView(deps, parseInput(mapQuery, req.query)) });
  });
  router.get("/churn", async (req, res) => {
    res.json({ data: await churnView(deps, settings, parseInput(churnQuery, req.query)) });
  });
  router.get("/response", async (req, res) => {
    parseInput(noQuery, req.query);
    res.json({ data: await responseView(deps) });
  });
  router.get("/response/scores", async (req, res) => {
    res.json({ data: await responseScoresView(deps, parseInput(responseScoresQuery, req.query)) });
  });
  router.get("/escalation", async (req, res) => {
    parseInput(noQuery, req.query);
    res.json({ data: await escalationView(deps) });
  });
  return router;
}
