/** REST: a web inbox's widget look, read and replaced by admins (/api/v1/inboxes/:id/widget-look), and read by the widget (/widget/config/:inboxId). */
import { Router, type RequestHandler } from "express";
import { AppError } from "../../errors.ts";
import { currentActor, currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { auditCommitted } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { findInboxCached } from "./inboxes.repo.ts";
import { inboxIdParams } from "./inboxes.routes.ts";
import { lookOf, replaceWidgetLook, widgetLook } from "./widget-look.service.ts";
import { widgetLookBody } from "./widget-look.schemas.ts";

/** GET and PUT /api/v1/inboxes/:id/widget-look (admins), mounted beside the inbox administration. */
export function widgetLookRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const admins: RequestHandler = (req, _res, next) => {
    assertCan(currentActor(req), "settings.inboxes");
    next();
  };
  router.get("/:id/widget-look", requireUser(deps), admins, async (req, res) => {
    const { id } = parseInput(inboxIdParams, req.params);
    res.json({ data: await widgetLook(deps, id) });
  });
  router.put("/:id/widget-look", requireUser(deps), admins, async (req, res) => {
    const { id } = parseInput(inboxIdParams, req.params);
    const body = parseInput(widgetLookBody, req.body ?? {});
    const { before, after } = await replaceWidgetLook(deps, id, body);
    await auditCommitted(deps, currentUser(req), { action: "inbox.widget_look_updated", targetType: "inbox", targetId: id, before, after });
    res.json({ data: after });
  });
  return router;
}

/**
 * GET /widget/config/:inboxId: the look the widget script fetches as it loads (public, any origin may read it; it holds
 * nothing secret), so the launcher has its colour and corner before the visitor ever connects.
 */
export function widgetConfigRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get("/widget/config/:id", async (req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    const { id } = parseInput(inboxIdParams, req.params);
    const inbox = await findInboxCached(deps.db, id);
    if (!inbox || inbox.channel !== "web") throw new AppError("INBOX_NOT_FOUND", `There is no web inbox "${id}".`);
    // Looks change rarely; a minute's cache keeps page views from asking every time.
    res.setHeader("Cache-Control", "public, max-age=60");
    res.json({ data: { look: lookOf(inbox) } });
  });
  return router;
}
