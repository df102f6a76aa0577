/** Conversation and message rows → the DTOs the widget and the console receive. */
import type { ConversationDTO, MessageAttachment, MessageDTO } from "../../contracts/api.ts";
import type { WidgetMessage } from "../../contracts/messages.ts";
import { presentCustomer } from "../customers/index.ts";
import type { ConversationView, MessageRow } from "./conversations.repo.ts";
import { presentVisitorContext } from "./visitor-context.ts";

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

/** The attachments listed in a message's metadata, as the console sees them (no hashes, no provider ids). */
function attachmentsOf(row: MessageRow): MessageAttachment[] | undefined {
  const listed = row.metadata.attachments;
  if (!Array.isArray(listed) || listed.length === 0) return undefined;
  return (listed as Record<string, unknown>[]).map((a) => ({
    ...(typeof a.id === "string" ? { id: a.id } : {}),
    kind: a.kind === "photo" ? "photo" : "file",
    ...(typeof a.name === "string" ? { name: a.name } : {}),
    ...(typeof a.contentType === "string" ? { contentType: a.contentType } : {}),
    ...(typeof a.size === "number" ? { size: a.size } : {}),
  }));
}

/** The Subject of a customer's email. */
function subjectOf(row: MessageRow): string | undefined {
  const email = row.metadata.email as { subject?: unknown } | undefined;
  return typeof email?.subject === "string" ? email.subject : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The channel a message went on: its conversation's, or the one an agent's reply was sent through (`metadata.via`). */
function channelOf(row: MessageRow, conversationChannel: string): string {
  const via = row.metadata.via as { channel?: unknown } | undefined;
  return typeof via?.channel === "string" ? via.channel : conversationChannel;
}

/** A message as the console sees it, with its NLP annotation; `conversationChannel` is its conversation's channel. */
export function presentMessage(row: MessageRow, conversationChannel: string): MessageDTO {
  const via = row.metadata.via as { inboxId?: string } | undefined;
  return {
    id: row.id,
    conversationId: row.conversationId,
    channel: channelOf(row, conversationChannel),
    ...(via?.inboxId ? { viaInboxId: via.inboxId } : {}),
    clientMsgId: row.clientMsgId,
    sender: { ...sender(row), ...(row.senderId ? { id: row.senderId } : {}) },
    text: row.text,
    annotation: row.annotation ?? null,
    channelDelivery: row.delivery ? { status: row.delivery.status, attempts: row.delivery.attempts, ...(row.delivery.error ? { error: row.delivery.error } : {}), at: row.delivery.at } : null,
    ...optional("attachments", attachmentsOf(row)),
    ...optional("subject", subjectOf(row)),
    createdAt: row.createdAt.toISOString(),
  };
}

/** A conversation as the console sees it, with its customer and latest ticket. */
export function presentConversation({ conversation: row, customer, suggested, ticketId, labels, assignee, snoozedUntil }: ConversationView): ConversationDTO {
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
    visitor: presentVisitorContext(row.visitor),
    snoozedUntil: snoozedUntil ? new Date(snoozedUntil).toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.lastMessageAt.toISOString(),
  };
}
