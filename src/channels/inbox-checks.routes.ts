/** POST /api/v1/inboxes/:id/verify and /:id/test-message (admins): an inbox's channel checked against its provider. */
import { Router, type RequestHandler } from "express";
import { z } from "zod";
import { currentActor, requireUser } from "../http/middlewares/auth.ts";
import { parseInput } from "../http/middlewares/validate.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { inboxIdParams } from "../modules/inboxes/inboxes.routes.ts";
import { assertCan } from "../modules/policy/index.ts";
import { checkInboxCredentials, sendTestMessage } from "./inbox-checks.ts";

/** Body of POST /api/v1/inboxes/:id/test-message: the recipient (a Telegram chat id, an E.164 number for SMS). */
export const testMessageBody = z.object({ to: z.string({ error: "to must be a string" }).trim().max(100, "to must be at most 100 characters").optional() }).strict();

/** The check routes, mounted under /api/v1/inboxes beside the inbox administration. */
export function inboxChecksRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const admins: RequestHandler = (req, _res, next) => {
    assertCan(currentActor(req), "settings.inboxes");
    next();
  };
  router.post("/:id/verify", requireUser(deps), admins, async (req, res) => {
    const { id } = parseInput(inboxIdParams, req.params);
    res.json({ data: await checkInboxCredentials(deps, id) });
  });
  router.post("/:id/test-message", requireUser(deps), admins, async (req, res) => {
    const { id } = parseInput(inboxIdParams, req.params);
    const { to } = parseInput(testMessageBody, req.body ?? {});
    res.json({ data: await sendTestMessage(deps, id, to) });
  });
  return router;
}
