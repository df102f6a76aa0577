/**
 * The WhatsApp Cloud API webhook: GET /channels/whatsapp/:inboxId answers Meta's verification challenge, POST takes
 * notifications signed with X-Hub-Signature-256, stored before they are acknowledged.
 */
import { Router } from "express";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { receiveCustomerMessage, recordDeliveryReport } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { webhookInbox } from "../../modules/inboxes/index.ts";
import { bodyBytes, parseJsonBody, rawBody } from "../webhook.ts";
import { fromWhatsappNotification, whatsappNotification } from "./inbound.ts";
import { verifyTokenMatches, whatsappRequestVerified } from "./signature.ts";

const params = z.object({ inboxId: z.string().min(1).max(200) });

/** The WhatsApp webhook routes. */
export function whatsappRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const inboxOf = async (inboxId: string) => {
    const found = await webhookInbox(deps, inboxId, "whatsapp", "WhatsApp");
    return found;
  };

  router.get("/whatsapp/:inboxId", async (req, res) => {
    const { settings } = await inboxOf(parseInput(params, req.params).inboxId);
    const query = req.query as Record<string, unknown>;
    const challenge = query["hub.challenge"];
    const verified = query["hub.mode"] === "subscribe" && verifyTokenMatches(query["hub.verify_token"], settings.verifyToken);
    if (!verified || typeof challenge !== "string") {
      res.status(403).type("text/plain").send("The verify token is wrong, or hub.mode is not subscribe.");
      return;
    }
    res.status(200).type("text/plain").send(challenge);
  });

  router.post("/whatsapp/:inboxId", rawBody, async (req, res) => {
    const { inbox, settings } = await inboxOf(parseInput(params, req.params).inboxId);
    const raw = bodyBytes(req.body);
    if (!whatsappRequestVerified(req.get("x-hub-signature-256"), settings.appSecret, raw)) throw new AppError("WEBHOOK_UNVERIFIED");
    const notification = parseInput(whatsappNotification, parseJsonBody(raw));
    const { messages, reports } = fromWhatsappNotification(inbox.id, settings.phoneNumberId, notification);
    for (const message of messages) await receiveCustomerMessage(deps, message);
    for (const report of reports) await recordDeliveryReport(deps, report);
    res.sendStatus(200);
  });
  return router;
}
