/** REST: a customer's GDPR export and erasure (mounted on /api/v1/customers; admins only, never an API key). */
import { Router } from "express";
import { z } from "zod";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { eraseCustomer, exportCustomer } from "./privacy.service.ts";

/** Path parameters of the privacy routes. */
export const privacyParams = z.object({ id: z.uuid("id must be a UUID") });

/** `GET /customers/:id/export` (a JSON download) and `DELETE /customers/:id` (erase; 204). */
export function privacyRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get("/:id/export", requireActor(deps), async (req, res) => {
    const { id } = parseInput(privacyParams, req.params);
    assertCan(currentActor(req), "customer.export");
    const document = await exportCustomer(deps, id);
    res.setHeader("Content-Disposition", `attachment; filename="customer-${id}.json"`);
    res.json(document);
  });
  router.delete("/:id", requireActor(deps), async (req, res) => {
    const { id } = parseInput(privacyParams, req.params);
    const actor = currentActor(req);
    assertCan(actor, "customer.erase");
    await eraseCustomer(deps, actor, id);
    res.status(204).end();
  });
  return router;
}
