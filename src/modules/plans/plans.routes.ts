/** REST: lead-assignment and effort plans, and the sales reps they plan for (console sessions and API keys). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { planEffort } from "./effort.service.ts";
import { applyLeadAssignment, planLeadAssignment } from "./lead-assignment.service.ts";
import { applyAssignmentBody, effortBody, leadAssignmentBody, repUserParam, updateRepBody } from "./plans.schemas.ts";
import { listReps, updateRep } from "./reps.service.ts";

/** Routes under /api/v1/sales/plans. */
export function plansRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/reps", async (req, res) => {
    assertCan(currentActor(req), "sales.plan");
    res.json({ data: await listReps(deps) });
  });
  router.put("/reps/:userId", async (req, res) => {
    assertCan(currentActor(req), "sales.target");
    const { userId } = parseInput(repUserParam, req.params);
    const body = parseInput(updateRepBody, req.body ?? {});
    res.json({ data: await updateRep(deps, userId, body) });
  });
  router.post("/lead-assignment", async (req, res) => {
    assertCan(currentActor(req), "sales.plan");
    const body = parseInput(leadAssignmentBody, req.body ?? {});
    res.json({ data: await planLeadAssignment(deps, body) });
  });
  router.post("/lead-assignment/apply", async (req, res) => {
    assertCan(currentActor(req), "sales.plan");
    const body = parseInput(applyAssignmentBody, req.body ?? {});
    res.json({ data: await applyLeadAssignment(deps, currentActor(req), body) });
  });
  router.post("/effort", async (req, res) => {
    assertCan(currentActor(req), "sales.plan");
    const body = parseInput(effortBody, req.body ?? {});
    res.json({ data: await planEffort(deps, body) });
  });
  return router;
}
