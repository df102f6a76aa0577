/** Bot Framework channel (Teams, Slack, Telegram, Facebook … through Azure Bot Service): POST /api/messages into the one bot. */
import express, { Router } from "express";
import { z } from "zod";
import { CloudAdapter } from "botbuilder";
import type { Container } from "../../container.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { botFrameworkAuthentication } from "./auth.ts";

// The adapter throws (a 500) on a body that is not an activity; the shape and the hostile-text rule are checked first.
/** What POST /api/messages checks of a Bot Framework Activity before the adapter reads it. */
export const activityShape = z.looseObject({ type: z.string({ error: "type is required" }).min(1, "type is required").max(100) });

/**
 * The /api/messages route, or undefined when the channel is not configured (neither MICROSOFT_APP_ID nor
 * BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=1 set).
 */
export function botFrameworkRoutes(container: Container): Router | undefined {
  const auth = botFrameworkAuthentication(container.config.botFramework);
  if (!auth) return undefined;
  const adapter = new CloudAdapter(auth);
  container.bot.attach(adapter);
  const router = Router();
  router.post("/messages", express.json({ limit: "256kb" }), async (req, res) => {
    parseInput(activityShape, req.body);
    await adapter.process(req, res, (context) => container.bot.bot.run(context));
  });
  return router;
}
