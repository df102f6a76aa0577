/** Twilio's SMS webhooks → the canonical inbound message (an incoming SMS) or a delivery report (a status callback). */
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import type { DeliveryReport, InboundMessage } from "../../modules/conversations/index.ts";
import { idInThread, inboxThreadId } from "../thread-id.ts";

const field = z.string().max(2000);

/** The parameters this channel reads from Twilio's form posts (https://www.twilio.com/docs/messaging/guides/webhook-request). */
export const twilioMessageParams = z.looseObject({
  MessageSid: z.string({ error: "MessageSid is required" }).regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "MessageSid must be SM or MM and 32 hex digits"),
  From: field.optional(),
  To: field.optional(),
  Body: z.string().max(10_000).optional(),
  MessageStatus: field.optional(),
  ErrorCode: field.optional(),
});

/** A parsed SMS webhook. */
export type TwilioMessageParams = z.infer<typeof twilioMessageParams>;

/** A phone number's conversation id in an inbox. */
export function smsThreadId(inboxId: string, phone: string): string {
  return inboxThreadId(inboxId, phone);
}

/** The customer's number back from a conversation's external id. */
export function phoneOf(inboxId: string, threadId: string | null): string {
  return idInThread(inboxId, threadId, "a number of this SMS inbox");
}

/** An incoming SMS as a customer message; undefined when it has no text (an MMS with only pictures). */
export function fromTwilioMessage(inboxId: string, params: TwilioMessageParams): InboundMessage | undefined {
  if (!params.From || !params.Body?.trim()) return undefined;
  return {
    inboxId,
    channel: "sms",
    externalUserId: params.From,
    externalConversationId: smsThreadId(inboxId, params.From),
    // Twilio retries a webhook that failed with the same MessageSid: it is stored once.
    clientMsgId: params.MessageSid,
    text: params.Body.slice(0, MAX_MESSAGE_LENGTH),
    profile: /^\+\d{7,15}$/.test(params.From) ? { phone: params.From } : undefined,
    raw: params,
  };
}

const REPORTED: Record<string, DeliveryReport["status"]> = { sent: "sent", delivered: "delivered", read: "read", undelivered: "failed", failed: "failed" };

/** A status callback as a delivery report on our reply to `To`; undefined for statuses before "sent" (queued, accepted, sending). */
export function twilioStatusReport(inboxId: string, params: TwilioMessageParams): DeliveryReport | undefined {
  const status = params.MessageStatus ? REPORTED[params.MessageStatus] : undefined;
  if (!status || !params.To) return undefined;
  return {
    channel: "sms",
    externalConversationId: smsThreadId(inboxId, params.To),
    externalMessageId: params.MessageSid,
    status,
    ...(status === "failed" ? { error: `Twilio reported ${params.MessageStatus}${params.ErrorCode ? `: error ${params.ErrorCode}` : ""}` } : {}),
  };
}
