/** WhatsApp Cloud API webhook → canonical inbound messages (text) and delivery reports (sent, delivered, read, failed). */
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import type { DeliveryReport, InboundMessage } from "../../modules/conversations/index.ts";
import { idInThread, inboxThreadId } from "../thread-id.ts";

const message = z.looseObject({
  from: z.string().max(50),
  id: z.string().max(500),
  timestamp: z.string().max(30).optional(),
  type: z.string().max(50),
  text: z.looseObject({ body: z.string() }).optional(),
});
const status = z.looseObject({
  id: z.string().max(500),
  status: z.string().max(50),
  recipient_id: z.string().max(50),
  timestamp: z.string().max(30).optional(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().max(1000).optional(), message: z.string().max(1000).optional() })).optional(),
});
const value = z.looseObject({
  messaging_product: z.string().max(50).optional(),
  metadata: z.looseObject({ phone_number_id: z.string().max(50) }).optional(),
  contacts: z.array(z.looseObject({ wa_id: z.string().max(50), profile: z.looseObject({ name: z.string().max(256).optional() }).optional() })).optional(),
  messages: z.array(message).optional(),
  statuses: z.array(status).optional(),
});

/** The parts of a webhook notification this channel reads (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components). */
export const whatsappNotification = z.looseObject({
  object: z.string({ error: "object is required" }).max(100),
  entry: z.array(z.looseObject({ id: z.string().max(100).optional(), changes: z.array(z.looseObject({ field: z.string().max(100), value })) }), { error: "entry must be a list" }),
});

/** A parsed webhook notification. */
export type WhatsappNotification = z.infer<typeof whatsappNotification>;

/** A WhatsApp user's conversation id in an inbox (the user's wa_id, a phone number's digits). */
export function whatsappThreadId(inboxId: string, waId: string): string {
  return inboxThreadId(inboxId, waId);
}

/** The wa_id back from a conversation's external id. */
export function waIdOf(inboxId: string, threadId: string | null): string {
  return idInThread(inboxId, threadId, "a chat of this WhatsApp inbox");
}

const REPORTED = { sent: "sent", delivered: "delivered", read: "read", failed: "failed" } as const;

/**
 * The customer messages and delivery reports of a notification for this inbox's phone number (changes for another
 * number of the same app, and messages that are not text, are left out).
 */
export function fromWhatsappNotification(inboxId: string, phoneNumberId: string, notification: WhatsappNotification): { messages: InboundMessage[]; reports: DeliveryReport[] } {
  const messages: InboundMessage[] = [];
  const reports: DeliveryReport[] = [];
  for (const change of notification.entry.flatMap((entry) => entry.changes)) {
    if (change.field !== "messages" || (change.value.metadata && change.value.metadata.phone_number_id !== phoneNumberId)) continue;
    const names = new Map((change.value.contacts ?? []).map((contact) => [contact.wa_id, contact.profile?.name]));
    for (const msg of change.value.messages ?? []) {
      if (msg.type !== "text" || !msg.text?.body.trim()) continue;
      const name = names.get(msg.from);
      messages.push({
        inboxId,
        channel: "whatsapp",
        externalUserId: msg.from,
        externalConversationId: whatsappThreadId(inboxId, msg.from),
        // WhatsApp resends a notification until it gets a 200: its message id (wamid…) stores the message once.
        clientMsgId: msg.id,
        text: msg.text.body.slice(0, MAX_MESSAGE_LENGTH),
        profile: { ...(name ? { name } : {}), phone: `+${msg.from}` },
        raw: msg,
      });
    }
    for (const s of change.value.statuses ?? []) {
      const reported = REPORTED[s.status as keyof typeof REPORTED];
      if (!reported) continue;
      const error = s.errors?.[0];
      reports.push({
        channel: "whatsapp",
        externalConversationId: whatsappThreadId(inboxId, s.recipient_id),
        externalMessageId: s.id,
        status: reported,
        ...(reported === "failed" ? { error: `WhatsApp reported failed: ${error ? `${error.code ?? ""} ${error.title ?? error.message ?? ""}`.trim() : "no reason given"}` } : {}),
      });
    }
  }
  return { messages, reports };
}
