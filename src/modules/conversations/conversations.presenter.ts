/** Conversation and message rows → the DTOs the widget and the console receive. */
import type { ConversationDTO, MessageDTO } from "../../contracts/api.ts";
import type { WidgetMessage } from "../../contracts/messages.ts";
import { presentCustomer } from "../customers/index.ts";
import type { ConversationView, MessageRow } from "./conversations.repo.ts";

function sender(row: MessageRow): WidgetMessage["sender"] {
  return row.senderName && row.senderType !== "customer" ? { type: row.senderType, name: row.senderName } : { type: row.senderType };
}

/** A message as the widget sees it: no annotation, no internal ids. */
export function presentWidgetMessage(row: MessageRow): WidgetMessage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    ...(row.clientMsgId && row.senderType === "customer" ? { clientMsgId: row.clientMsgId } : {}),
    sender: sender(row),
    text: row.text,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A message as the console sees it, with its NLP annotation. */
export function presentMessage(row: MessageRow): MessageDTO {
  return {
    id: row.id,
    conversationId: row.conversationId,
    clientMsgId: row.clientMsgId,
    sender: { ...sender(row), ...(row.senderId ? { id: row.senderId } : {}) },
    text: row.text,
    annotation: row.annotation ?? null,
    channelDelivery: row.delivery ? { status: row.delivery.status, attempts: row.delivery.attempts, ...(row.delivery.error ? { error: row.delivery.error } : {}), at: row.delivery.at } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A conversation as the console sees it, with its customer and latest ticket. */
export function presentConversation({ conversation: row, customer, suggested, ticketId, labels, assignee }: ConversationView): ConversationDTO {
  return {
    id: row.id,
    inboxId: row.inboxId,
    channel: row.channel,
    status: row.status,
    customer: customer
      ? presentCustomer(customer, suggested ?? {})
      : { id: row.customerId, name: null, email: null, phone: null, suggestions: {}, createdAt: row.createdAt.toISOString() },
    subject: row.subject,
    lastMessage: row.lastMessage
      ? { text: row.lastMessage.text, sender: row.lastMessage.sender as WidgetMessage["sender"], createdAt: row.lastMessage.createdAt }
      : null,
    sentiment: row.sentiment ?? null,
    ticketId,
    labels: labels ?? [],
    assignee: assignee ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.lastMessageAt.toISOString(),
  };
}
