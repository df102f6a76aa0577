/** REST: merge two customer records (mounted on /api/v1/customers). */
import { Router } from "express";
import { z } from "zod";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { mergeCustomers } from "./merge.service.ts";

/** Path parameters: the surviving customer. */
export const mergeParams = z.object({ id: z.uuid("id must be a UUID") });

/** Body of `POST /customers/:id/merge`: the record merged into this one. */
export const mergeBody = z.object({ otherId: z.uuid("otherId must be a UUID") }).strict();

/** `POST /customers/:id/merge` {otherId} → the survivor's profile (managers, admins, API keys with customers:write). */
export function mergeRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.post("/:id/merge", requireActor(deps), async (req, res) => {
    const { id } = parseInput(mergeParams, req.params);
    const { otherId } = parseInput(mergeBody, req.body ?? {});
    const actor = currentActor(req);
    assertCan(actor, "customer.merge");
    res.json({ data: await mergeCustomers(deps, actor, id, otherId) });
  });
  return router;
}
