/** Posts replies to an API-channel inbox's webhookUrl as signed JSON; 429, 5xx and network failures are retried. */
import { DeliveryError, type ChannelSender } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { channelInbox } from "../../modules/inboxes/index.ts";
import { post, retryableStatus } from "../http.ts";
import { contactIdOf } from "./inbound.ts";
import { apiWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature.ts";

/** The event name of a reply posted to the integrator. */
export const API_REPLY_EVENT = "message.created";

/** What the integrator's webhook receives for each reply (README, API channel). */
export type ApiReplyPayload = {
  event: typeof API_REPLY_EVENT;
  id: string;
  inboxId: string;
  conversationId: string;
  contactId: string;
  text: string;
  sender: { type: string; name?: string };
  createdAt: string;
};

/** Posts a payload to an API inbox's webhookUrl, signed with its webhookSecret and timestamped at `now`; a 2xx is taken. */
export async function postSigned(settings: { webhookUrl: string; webhookSecret: string }, payload: unknown, now: Date): Promise<void> {
  const raw = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const headers = {
    "content-type": "application/json",
    [SIGNATURE_HEADER]: apiWebhookSignature(settings.webhookSecret, timestamp, raw),
    [TIMESTAMP_HEADER]: timestamp,
  };
  const res = await post(settings.webhookUrl, headers, raw, "the API channel's webhook");
  if (res.status >= 200 && res.status < 300) return;
  throw new DeliveryError(`the API channel's webhook answered ${res.status}`, { retryable: retryableStatus(res.status), retryAfterMs: res.retryAfterMs });
}

/** The API-channel sender: posts the reply to webhookUrl, signed with webhookSecret and timestamped. */
export function apiChannelSender(deps: Pick<ServiceDeps, "db" | "secrets" | "now">): ChannelSender {
  return {
    async send(message) {
      const found = await channelInbox(deps, message.inboxId, "api");
      if (!found) throw new DeliveryError("the API inbox is gone, disabled or has no settings", { retryable: false });
      const payload: ApiReplyPayload = {
        event: API_REPLY_EVENT,
        id: message.messageId,
        inboxId: message.inboxId,
        conversationId: message.conversationId,
        contactId: contactIdOf(message.inboxId, message.externalId),
        text: message.text,
        sender: message.sender,
        createdAt: message.createdAt.toISOString(),
      };
      await postSigned(found.settings, payload, deps.now());
      return {};
    },
  };
}
