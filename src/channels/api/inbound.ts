/** The API channel's inbound message: an integrator's JSON body → the canonical inbound message. */
import { z } from "zod";
import { emailSchema, phoneSchema } from "../../modules/customers/index.ts";
import type { InboundMessage } from "../../modules/conversations/index.ts";
import { idInThread, inboxThreadId } from "../thread-id.ts";

const id = (name: string) => z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`).max(200, `${name} has at most 200 characters`);

/** Body of POST /channels/api/:inboxId: who writes (the integrator's user id and what it knows of them), the text, and an idempotency id. */
export const apiChannelMessage = z.object({
  contactId: id("contactId"),
  name: z.string({ error: "name must be a string" }).trim().min(1, "name is empty").max(200, "name has at most 200 characters").optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  text: z.string({ error: "text is required" }),
  messageId: id("messageId"),
});

/** A parsed API-channel message. */
export type ApiChannelMessage = z.infer<typeof apiChannelMessage>;

/** A contact's conversation (and identity) id: contact ids are the integrator's, so the inbox is part of it. */
export function apiThreadId(inboxId: string, contactId: string): string {
  return inboxThreadId(inboxId, contactId);
}

/** The contact id back from a conversation's external id. */
export function contactIdOf(inboxId: string, threadId: string | null): string {
  return idInThread(inboxId, threadId, "a contact of this API inbox");
}

/** The customer message an integrator posted. */
export function fromApiMessage(inboxId: string, body: ApiChannelMessage): InboundMessage {
  const thread = apiThreadId(inboxId, body.contactId);
  const profile = { ...(body.name ? { name: body.name } : {}), ...(body.email ? { email: body.email } : {}), ...(body.phone ? { phone: body.phone } : {}) };
  return {
    inboxId,
    channel: "api",
    externalUserId: thread,
    externalConversationId: thread,
    clientMsgId: body.messageId,
    text: body.text,
    profile: Object.keys(profile).length > 0 ? profile : undefined,
  };
}
