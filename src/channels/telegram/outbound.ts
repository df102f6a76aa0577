/** Replies to Telegram chats with the Bot API's sendMessage; a 429's parameters.retry_after says when to try again. */
import { DeliveryError, type ChannelSender } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { channelInbox } from "../../modules/inboxes/index.ts";
import { postJson, retryableStatus } from "../http.ts";
import { chatIdOf } from "./inbound.ts";

/** What the Bot API answers (https://core.telegram.org/bots/api#making-requests). */
type BotApiAnswer = { ok?: boolean; result?: { message_id?: number }; error_code?: number; description?: string; parameters?: { retry_after?: number } };

/** The Telegram sender: looks the inbox's bot token and API base URL up, and posts {chat_id, text}. */
export function telegramSender(deps: Pick<ServiceDeps, "db" | "secrets">): ChannelSender {
  return {
    async send(message) {
      const found = await channelInbox(deps, message.inboxId, "telegram");
      if (!found) throw new DeliveryError("the Telegram inbox is gone or has no settings", { retryable: false });
      const { botToken, apiBaseUrl } = found.settings;
      const url = `${apiBaseUrl.replace(/\/+$/, "")}/bot${botToken}/sendMessage`;
      const res = await postJson(url, { chat_id: chatIdOf(message.inboxId, message.externalId), text: message.text }, "Telegram");
      const answer = (typeof res.body === "object" && res.body !== null ? res.body : {}) as BotApiAnswer;
      if (res.status === 200 && answer.ok) return { externalId: answer.result?.message_id === undefined ? undefined : String(answer.result.message_id) };
      const status = answer.error_code ?? res.status;
      const retryAfterSec = answer.parameters?.retry_after;
      throw new DeliveryError(`Telegram answered ${status}: ${answer.description ?? "no description"}`, {
        retryable: retryableStatus(status),
        retryAfterMs: retryAfterSec !== undefined ? retryAfterSec * 1000 : res.retryAfterMs,
      });
    },
  };
}
