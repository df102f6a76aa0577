/** Queries of outbound delivery: a reply with where it goes, and its delivery status. */
import { and, desc, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { DeliveryRow } from "../../db/schema/conversations.ts";
import type { MessageRow } from "./conversations.repo.ts";

/** A reply to deliver: the message, and the channel address it goes to (its conversation's, or the one it was sent `via`). */
export type OutboundRow = {
  messageId: string;
  conversationId: string;
  senderType: string;
  senderName: string | null;
  text: string;
  delivery: DeliveryRow | null;
  createdAt: Date;
  inboxId: string;
  channel: string;
  /** The conversation whose channel address the reply goes to (the message's own, unless sent via another). */
  targetConversationId: string;
  externalId: string | null;
};

/**
 * Finds a message with the inbox, channel and external id it is delivered to: those of the conversation named by its
 * `metadata.via.conversationId` (an agent's reply on another channel of the customer), else of its own conversation.
 */
export async function findOutbound(db: Database, messageId: string): Promise<OutboundRow | undefined> {
  const m = tables.messages;
  const c = tables.conversations;
  const [row] = await db
    .select({
      messageId: m.id,
      conversationId: m.conversationId,
      senderType: m.senderType,
      senderName: m.senderName,
      text: m.text,
      delivery: m.delivery,
      createdAt: m.createdAt,
      inboxId: c.inboxId,
      channel: c.channel,
      targetConversationId: c.id,
      externalId: c.externalId,
    })
    .from(m)
    .innerJoin(c, sql`${c.id} = coalesce((${m.metadata}->'via'->>'conversationId')::uuid, ${m.conversationId})`)
    .where(eq(m.id, messageId))
    .limit(1);
  return row;
}

/** Records a message's delivery status. */
export async function setDelivery(db: Database, messageId: string, delivery: DeliveryRow): Promise<void> {
  await db.update(tables.messages).set({ delivery }).where(eq(tables.messages.id, messageId));
}

/** Puts a failed delivery back to pending and returns the message; undefined when it is not in this conversation or did not fail. */
export async function resetFailedDelivery(db: Database, conversationId: string, messageId: string, delivery: DeliveryRow): Promise<MessageRow | undefined> {
  const m = tables.messages;
  const [row] = await db
    .update(m)
    .set({ delivery })
    .where(and(eq(m.id, messageId), eq(m.conversationId, conversationId), sql`${m.delivery}->>'status' = 'failed'`))
    .returning();
  return row;
}

/** The reply of a conversation a provider knows by `externalId` (its id for the sent message), with its delivery. */
export async function findByProviderId(db: Database, conversationId: string, externalId: string): Promise<{ id: string; delivery: DeliveryRow | null } | undefined> {
  const m = tables.messages;
  const [row] = await db
    .select({ id: m.id, delivery: m.delivery })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), sql`${m.delivery}->>'externalId' = ${externalId}`))
    .limit(1);
  return row;
}

/** When the customer last wrote in a conversation; undefined when they never did. */
export async function lastCustomerMessageAt(db: Database, conversationId: string): Promise<Date | undefined> {
  const m = tables.messages;
  const [row] = await db
    .select({ createdAt: m.createdAt })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), eq(m.senderType, "customer")))
    .orderBy(desc(m.seq))
    .limit(1);
  return row?.createdAt;
}

/** The customer's most recently active conversation in an inbox, if they have one. */
export async function latestConversationInInbox(db: Database, customerId: string, inboxId: string): Promise<{ id: string; channel: string; externalId: string | null } | undefined> {
  const c = tables.conversations;
  const [row] = await db
    .select({ id: c.id, channel: c.channel, externalId: c.externalId })
    .from(c)
    .where(and(eq(c.customerId, customerId), eq(c.inboxId, inboxId)))
    .orderBy(desc(c.lastMessageAt))
    .limit(1);
  return row;
}

/** The metadata of a conversation's latest customer message (what a channel kept of where to answer), if any. */
export async function lastCustomerMetadata(db: Database, conversationId: string): Promise<Record<string, unknown> | undefined> {
  const m = tables.messages;
  const [row] = await db
    .select({ metadata: m.metadata })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), eq(m.senderType, "customer")))
    .orderBy(desc(m.seq))
    .limit(1);
  return row?.metadata;
}

/** Each inbox a customer has a conversation in: its name and the channel and time of the customer's latest conversation there. */
export async function customerInboxes(db: Database, customerId: string): Promise<{ inboxId: string; inboxName: string; channel: string; lastMessageAt: Date }[]> {
  const c = tables.conversations;
  const i = tables.inboxes;
  return db
    .selectDistinctOn([c.inboxId], { inboxId: c.inboxId, inboxName: i.name, channel: c.channel, lastMessageAt: c.lastMessageAt })
    .from(c)
    .innerJoin(i, eq(i.id, c.inboxId))
    .where(eq(c.customerId, customerId))
    .orderBy(c.inboxId, desc(c.lastMessageAt));
}
