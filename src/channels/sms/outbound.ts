/** Replies by SMS with Twilio's Messages API (form body, basic auth); with PUBLIC_URL set, Twilio reports the status back to the webhook. */
import { DeliveryError, type ChannelSender } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { channelInbox } from "../../modules/inboxes/index.ts";
import { answerOf, postForm, retryableStatus } from "../http.ts";
import { phoneOf } from "./inbound.ts";

/** What the Messages API answers (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource). */
type MessageAnswer = { sid: string; status: string; code: number; message: string };

/** The SMS sender: posts To, From, Body (and StatusCallback when the public URL is known) as the account. */
export function smsSender(deps: Pick<ServiceDeps, "db" | "secrets">, options: { publicUrl?: string }): ChannelSender {
  return {
    async send(message) {
      const found = await channelInbox(deps, message.inboxId, "sms");
      if (!found) throw new DeliveryError("the SMS inbox is gone or has no settings", { retryable: false });
      const { accountSid, authToken, fromNumber, apiBaseUrl } = found.settings;
      const url = `${apiBaseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${accountSid}/Messages.json`;
      const fields: Record<string, string> = { To: phoneOf(message.inboxId, message.externalId), From: fromNumber, Body: message.text };
      if (options.publicUrl) fields.StatusCallback = `${options.publicUrl}/channels/sms/${encodeURIComponent(message.inboxId)}`;
      const res = await postForm(url, fields, "Twilio", { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}` });
      const answer = answerOf<MessageAnswer>(res);
      if (res.status >= 200 && res.status < 300 && answer.sid) return { externalId: answer.sid };
      const reason = answer.message ? `${answer.message}${answer.code ? ` (error ${answer.code})` : ""}` : "no description";
      throw new DeliveryError(`Twilio answered ${res.status}: ${reason}`, { retryable: retryableStatus(res.status), retryAfterMs: res.retryAfterMs });
    },
  };
}
