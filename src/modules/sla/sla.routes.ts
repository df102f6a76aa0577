/** REST: SLA policies (admins) and inboxes' business hours (admins). */
import { Router } from "express";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { changeBusinessHours, presentBusinessHours } from "./business-hours.service.ts";
import { changeSlaPolicy, createSlaPolicy, listSlaPolicies, presentSlaPolicy, removeSlaPolicy } from "./sla-policies.service.ts";
import { businessHoursBody, businessHoursParams, changeSlaPolicyBody, createSlaPolicyBody, slaPolicyIdParams } from "./sla.schemas.ts";

/** Routes under /api/v1/sla-policies (admins only). */
export function slaPoliciesRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "settings.sla");
    next();
  });
  router.get("/", async (_req, res) => {
    res.json({ data: (await listSlaPolicies(deps)).map(presentSlaPolicy) });
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createSlaPolicyBody, req.body ?? {});
    res.status(201).json({ data: presentSlaPolicy(await createSlaPolicy(deps, currentUser(req), body)) });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(slaPolicyIdParams, req.params);
    const body = parseInput(changeSlaPolicyBody, req.body ?? {});
    res.json({ data: presentSlaPolicy(await changeSlaPolicy(deps, currentUser(req), id, body)) });
  });
  router.delete("/:id", async (req, res) => {
    const { id } = parseInput(slaPolicyIdParams, req.params);
    await removeSlaPolicy(deps, currentUser(req), id);
    res.status(204).end();
  });
  return router;
}

/** Routes under /api/v1/inboxes/:id/business-hours (admins only, as the rest of an inbox's settings). */
export function businessHoursRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use("/:id/business-hours", requireUser(deps), (req, _res, next) => {
    assertCan(currentUser(req), "settings.inboxes");
    next();
  });
  router.get("/:id/business-hours", async (req, res) => {
    const { id } = parseInput(businessHoursParams, req.params);
    res.json({ data: await presentBusinessHours(deps, id) });
  });
  router.put("/:id/business-hours", async (req, res) => {
    const { id } = parseInput(businessHoursParams, req.params);
    const body = parseInput(businessHoursBody, req.body ?? {});
    await changeBusinessHours(deps, currentUser(req), id, body);
    res.json({ data: await presentBusinessHours(deps, id) });
  });
  router.delete("/:id/business-hours", async (req, res) => {
    const { id } = parseInput(businessHoursParams, req.params);
    await changeBusinessHours(deps, currentUser(req), id, null);
    res.json({ data: await presentBusinessHours(deps, id) });
  });
  return router;
}
