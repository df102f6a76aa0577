/** REST: GET /api/v1/search, one ranked list over conversations, messages, customers and tickets. */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { searchQuery } from "./search.schemas.ts";
import { search } from "./search.service.ts";

/** Routes under /api/v1/search. */
export function searchRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get("/", requireActor(deps), async (req, res) => {
    const query = parseInput(searchQuery, req.query);
    res.json(await search(deps, currentActor(req), query));
  });
  return router;
}
