/** POST /channels/api/:inboxId: an integrator posts a customer message with its inbox token; stored before the 202. */
import express, { Router } from "express";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { receiveCustomerMessage } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { inboxTokenMatches, webhookInbox } from "../../modules/inboxes/index.ts";
import { apiChannelMessage, fromApiMessage } from "./inbound.ts";
import { presentedToken } from "./signature.ts";

/** Path parameters of POST /channels/api/:inboxId. */
export const apiChannelParams = z.object({ inboxId: z.string().min(1).max(200) });

/** The API channel's inbound route. */
export function apiChannelRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.post("/api/:inboxId", express.json({ limit: "256kb" }), async (req, res) => {
    const { inboxId } = parseInput(apiChannelParams, req.params);
    const found = await webhookInbox(deps, inboxId, "api", "API");
    if (!inboxTokenMatches(presentedToken(req.get("authorization"), req.get("x-inbox-token")), found.inbox.tokenHash)) {
      throw new AppError("WEBHOOK_UNVERIFIED", "The inbox token (Authorization: Bearer, or X-Inbox-Token) is missing or wrong.");
    }
    const body = parseInput(apiChannelMessage, req.body ?? {});
    const { message } = await receiveCustomerMessage(deps, fromApiMessage(found.inbox.id, body));
    res.status(202).json({ data: { id: message.id, conversationId: message.conversationId } });
  });
  return router;
}
