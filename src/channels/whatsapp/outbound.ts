/**
 * Replies to WhatsApp users with the Cloud API's messages endpoint, inside the 24-hour customer-service window (a
 * free-form message outside it is refused by WhatsApp: it fails here at once, without a call).
 */
import { DeliveryError, customerLastWroteAt, type ChannelSender } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { channelInbox } from "../../modules/inboxes/index.ts";
import { answerOf, postJson, retryableStatus } from "../http.ts";
import { waIdOf } from "./inbound.ts";

/** The Graph API version messages are sent with. */
export const WHATSAPP_API_VERSION = "v21.0";

/** How long after the customer's last message a free-form reply may be sent. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The reason a reply outside the window fails with. */
export const OUTSIDE_WINDOW =
  "outside WhatsApp's 24-hour customer-service window: the customer has not written in the last 24 hours, and WhatsApp only takes a template message now";

// Graph API error codes that mean "too many, later" even when the HTTP status is not 429 (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131048, 131056]);

/** What the Cloud API answers (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages). */
type CloudApiAnswer = { messages: { id: string }[]; error: { message?: string; code?: number; error_data?: { details?: string } } };

/** The settings a WhatsApp message needs. */
type WhatsappPostSettings = { apiBaseUrl: string; phoneNumberId: string; accessToken: string };

/** Posts a free-form text to a WhatsApp user (`to`: their wa_id); the `wamid` back, or a DeliveryError in WhatsApp's words. */
export async function postWhatsappText(settings: WhatsappPostSettings, to: string, text: string): Promise<{ externalId?: string }> {
  const url = `${settings.apiBaseUrl.replace(/\/+$/, "")}/${WHATSAPP_API_VERSION}/${settings.phoneNumberId}/messages`;
  const payload = { messaging_product: "whatsapp", recipient_type: "individual", to, type: "text", text: { body: text } };
  const res = await postJson(url, payload, "WhatsApp", { authorization: `Bearer ${settings.accessToken}` });
  const answer = answerOf<CloudApiAnswer>(res);
  if (res.status === 200 && answer.messages?.[0]?.id) return { externalId: answer.messages[0].id };
  const error = answer.error;
  const details = error?.error_data?.details ? ` ${error.error_data.details}` : "";
  const code = error?.code === undefined ? "" : ` (code ${error.code})`;
  throw new DeliveryError(`WhatsApp answered ${res.status}: ${error?.message ?? "no description"}${details}${code}`, {
    retryable: retryableStatus(res.status) || RATE_LIMIT_CODES.has(error?.code ?? -1),
    retryAfterMs: res.retryAfterMs,
  });
}

/** The WhatsApp sender: checks the window, then posts {messaging_product, to, type: "text", text: {body}} with the access token. */
export function whatsappSender(deps: Pick<ServiceDeps, "db" | "secrets" | "now">): ChannelSender {
  return {
    async send(message) {
      const found = await channelInbox(deps, message.inboxId, "whatsapp");
      if (!found) throw new DeliveryError("the WhatsApp inbox is gone or has no settings", { retryable: false });
      const lastWrote = await customerLastWroteAt(deps, message.conversationId);
      if (!lastWrote || deps.now().getTime() - lastWrote.getTime() > SERVICE_WINDOW_MS) throw new DeliveryError(OUTSIDE_WINDOW, { retryable: false });
      return postWhatsappText(found.settings, waIdOf(message.inboxId, message.externalId), message.text);
    },
  };
}
