/** POST /channels/slack/:inboxId: the Slack Events API request URL, verified by its v0 signature, stored before it is acknowledged. */
import { Router } from "express";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { receiveCustomerMessage } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { webhookInbox } from "../../modules/inboxes/index.ts";
import { bodyBytes, parseJsonBody, rawBody } from "../webhook.ts";
import { fromSlackEvent, slackPayload } from "./inbound.ts";
import { slackRequestVerified } from "./signature.ts";

const params = z.object({ inboxId: z.string().min(1).max(200) });

/** The Slack webhook route. */
export function slackRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.post("/slack/:inboxId", rawBody, async (req, res) => {
    const { inboxId } = parseInput(params, req.params);
    const found = await webhookInbox(deps, inboxId, "slack", "Slack");
    const raw = bodyBytes(req.body);
    const request = { timestamp: req.get("x-slack-request-timestamp"), signature: req.get("x-slack-signature"), raw };
    if (!slackRequestVerified(request, found.settings.signingSecret, deps.now())) throw new AppError("WEBHOOK_UNVERIFIED");
    const payload = parseInput(slackPayload, parseJsonBody(raw));
    if (payload.type === "url_verification") {
      res.json({ challenge: payload.challenge });
      return;
    }
    const inbound = payload.type === "event_callback" ? fromSlackEvent(found.inbox.id, payload) : undefined;
    // Events without a customer message are acknowledged too, or Slack would retry them.
    if (inbound) await receiveCustomerMessage(deps, inbound);
    res.sendStatus(200);
  });
  return router;
}
