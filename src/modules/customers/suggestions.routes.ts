/** REST: accept or dismiss what the NLP suggested for a customer's profile (mounted on /api/v1/customers). */
import { Router } from "express";
import { z } from "zod";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, customerScope } from "../policy/index.ts";
import { acceptSuggestion, dismissSuggestion } from "./suggestions.service.ts";

/** Path parameters of the suggestion routes. */
export const suggestionParams = z.object({ id: z.uuid("id must be a UUID"), suggestionId: z.uuid("suggestionId must be a UUID") });

/** `POST /customers/:id/suggestions/:suggestionId/accept` and `/dismiss` (the customer.edit rule, like PATCH). */
export function suggestionsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.post("/:id/suggestions/:suggestionId/accept", requireActor(deps), async (req, res) => {
    const { id, suggestionId } = parseInput(suggestionParams, req.params);
    const actor = currentActor(req);
    assertCan(actor, "customer.edit", await customerScope(deps, actor, id));
    res.json({ data: await acceptSuggestion(deps, actor, id, suggestionId) });
  });
  router.post("/:id/suggestions/:suggestionId/dismiss", requireActor(deps), async (req, res) => {
    const { id, suggestionId } = parseInput(suggestionParams, req.params);
    const actor = currentActor(req);
    assertCan(actor, "customer.edit", await customerScope(deps, actor, id));
    await dismissSuggestion(deps, id, suggestionId);
    res.status(204).end();
  });
  return router;
}
