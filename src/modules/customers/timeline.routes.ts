/** REST: a customer's timeline (console sessions and API keys), mounted on /api/v1/customers before the customers router. */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentTimelineItem } from "./timeline.presenter.ts";
import { timelineCursor, timelineParams, timelineQuery } from "./timeline.schemas.ts";
import { customerTimeline } from "./timeline.service.ts";

/** Route /:id/timeline under /api/v1/customers. */
export function timelineRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get("/:id/timeline", requireActor(deps), async (req, res) => {
    assertCan(currentActor(req), "customer.read");
    const { id } = parseInput(timelineParams, req.params);
    const query = parseInput(timelineQuery, req.query);
    const cursor = decodeCursor(query.cursor, timelineCursor);
    const rows = await customerTimeline(deps, id, { kinds: query.kinds, cursor, limit: query.limit + 1 });
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ at: last.at, kind: last.kind, id: last.sort_id }));
    res.json({ data: page.map(presentTimelineItem), nextCursor });
  });
  return router;
}
