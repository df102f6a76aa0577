/**
 * POST /channels/sms/:inboxId: Twilio's webhook for incoming SMS and for status callbacks, verified by
 * X-Twilio-Signature over the public URL Twilio called (PUBLIC_URL, else the request's own protocol and host).
 */
import express, { Router, type Request } from "express";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { receiveCustomerMessage, recordDeliveryReport } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { webhookInbox } from "../../modules/inboxes/index.ts";
import { fromTwilioMessage, twilioMessageParams, twilioStatusReport } from "./inbound.ts";
import { twilioRequestVerified, type FormParams } from "./signature.ts";

const params = z.object({ inboxId: z.string().min(1).max(200) });

/** The URL Twilio called, as it signed it: PUBLIC_URL (when set) or the request's protocol and host, with the path and query. */
export function signedUrl(req: Request, publicUrl: string | undefined): string {
  return `${publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`}${req.originalUrl}`;
}

/** The SMS (Twilio) webhook route. */
export function smsRoutes(deps: ServiceDeps, options: { publicUrl?: string }): Router {
  const router = Router();
  router.post("/sms/:inboxId", express.urlencoded({ extended: false, limit: "256kb" }), async (req, res) => {
    const { inboxId } = parseInput(params, req.params);
    const found = await webhookInbox(deps, inboxId, "sms", "SMS");
    const form = (typeof req.body === "object" && req.body !== null ? req.body : {}) as FormParams;
    if (!twilioRequestVerified(req.get("x-twilio-signature"), found.settings.authToken, signedUrl(req, options.publicUrl), form)) throw new AppError("WEBHOOK_UNVERIFIED");
    const message = parseInput(twilioMessageParams, form);
    if (message.MessageStatus) {
      const report = twilioStatusReport(found.inbox.id, message);
      if (report) await recordDeliveryReport(deps, report);
    } else {
      const inbound = fromTwilioMessage(found.inbox.id, message);
      if (inbound) await receiveCustomerMessage(deps, inbound);
    }
    // An empty TwiML response: the reply, if any, goes through the Messages API.
    res.type("text/xml").send("<Response></Response>");
  });
  return router;
}
