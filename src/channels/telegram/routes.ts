/** POST /channels/telegram/:inboxId: Telegram's webhook, checked by its secret token, stored before it is acknowledged. */
import express, { Router } from "express";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { receiveCustomerMessage } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { webhookInbox } from "../../modules/inboxes/index.ts";
import { fromTelegramUpdate, telegramUpdate } from "./inbound.ts";
import { secretTokenMatches } from "./signature.ts";

const params = z.object({ inboxId: z.string().min(1).max(200) });

/** The Telegram webhook route. */
export function telegramRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.post("/telegram/:inboxId", express.json({ limit: "1mb" }), async (req, res) => {
    const { inboxId } = parseInput(params, req.params);
    const found = await webhookInbox(deps, inboxId, "telegram", "Telegram");
    if (!secretTokenMatches(req.get("x-telegram-bot-api-secret-token"), found.settings.webhookSecret)) throw new AppError("WEBHOOK_UNVERIFIED");
    const inbound = fromTelegramUpdate(found.inbox.id, parseInput(telegramUpdate, req.body));
    // Updates without a customer message are acknowledged too, or Telegram would send them again and again.
    if (inbound) await receiveCustomerMessage(deps, inbound);
    res.json({ ok: true });
  });
  return router;
}
