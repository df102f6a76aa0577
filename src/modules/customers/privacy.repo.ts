/** Queries for a customer's GDPR export (everything stored about them) and the statements of their erasure. */
import { and, asc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** The text that replaces every erased message and ticket subject. */
export const ERASED_MARKER = "[erased]";

/** Every row the export carries, as stored. */
export type CustomerRecords = Awaited<ReturnType<typeof readCustomerRecords>>;

/** Reads everything stored about a customer: the record, what hangs off it, and the records merged into it. */
export async function readCustomerRecords(db: Database, customerId: string) {
  const t = tables;
  const [customer] = await db.select().from(t.customers).where(eq(t.customers.id, customerId)).limit(1);
  const company = customer?.companyId ? (await db.select().from(t.companies).where(eq(t.companies.id, customer.companyId)).limit(1))[0] : undefined;
  const identities = await db.select().from(t.customerIdentities).where(eq(t.customerIdentities.customerId, customerId)).orderBy(asc(t.customerIdentities.createdAt));
  const conversations = await db.select().from(t.conversations).where(eq(t.conversations.customerId, customerId)).orderBy(asc(t.conversations.createdAt));
  const conversationIds = conversations.map((c) => c.id);
  const messages = conversationIds.length
    ? await db
        .select({
          id: t.messages.id,
          conversationId: t.messages.conversationId,
          senderType: t.messages.senderType,
          senderId: t.messages.senderId,
          senderName: t.messages.senderName,
          text: t.messages.text,
          annotation: t.messages.annotation,
          metadata: t.messages.metadata,
          createdAt: t.messages.createdAt,
        })
        .from(t.messages)
        .where(inArray(t.messages.conversationId, conversationIds))
        .orderBy(asc(t.messages.seq))
    : [];
  const orderLinks = conversationIds.length ? await db.select().from(t.conversationOrders).where(inArray(t.conversationOrders.conversationId, conversationIds)) : [];
  const tickets = await db.select().from(t.tickets).where(eq(t.tickets.customerId, customerId)).orderBy(asc(t.tickets.createdAt));
  const ticketEvents = tickets.length
    ? await db
        .select()
        .from(t.ticketEvents)
        .where(
          inArray(
            t.ticketEvents.ticketId,
            tickets.map((x) => x.id),
          ),
        )
        .orderBy(asc(t.ticketEvents.id))
    : [];
  const orders = await db.select().from(t.orders).where(eq(t.orders.customerId, customerId)).orderBy(asc(t.orders.createdAt));
  const deals = await db
    .select({ deal: t.deals, stage: t.dealStages.key })
    .from(t.deals)
    .innerJoin(t.dealStages, eq(t.dealStages.id, t.deals.stageId))
    .where(eq(t.deals.customerId, customerId))
    .orderBy(asc(t.deals.createdAt));
  const notes = await db.select().from(t.customerNotes).where(eq(t.customerNotes.customerId, customerId)).orderBy(asc(t.customerNotes.createdAt));
  const suggestions = await db.select().from(t.customerSuggestions).where(eq(t.customerSuggestions.customerId, customerId)).orderBy(asc(t.customerSuggestions.createdAt));
  const merged = await db.select().from(t.customers).where(eq(t.customers.mergedIntoId, customerId)).orderBy(asc(t.customers.createdAt));
  const events = await db
    .select()
    .from(t.customerEvents)
    .where(inArray(t.customerEvents.customerId, [customerId, ...merged.map((m) => m.id)]))
    .orderBy(asc(t.customerEvents.id));
  const visitors = await db
    .select({ id: t.visitors.id, inboxId: t.visitors.inboxId, createdAt: t.visitors.createdAt, lastSeenAt: t.visitors.lastSeenAt })
    .from(t.visitors)
    .where(eq(t.visitors.customerId, customerId));
  return { customer, company, identities, conversations, messages, orderLinks, tickets, ticketEvents, orders, deals, notes, suggestions, merged, events, visitors };
}

/** The customer and the tombstones merged into it: the records an erasure empties (locked for the transaction). */
export async function lockErasable(tx: Database, customerId: string): Promise<string[]> {
  const c = tables.customers;
  const rows = await tx
    .select({ id: c.id })
    .from(c)
    .where(or(eq(c.id, customerId), eq(c.mergedIntoId, customerId)))
    .orderBy(c.id)
    .for("update");
  return rows.map((r) => r.id);
}

/** What an erasure leaves to do outside the database: the channel addresses to disconnect and the attachment files their messages listed. */
export type ErasedRecords = { addresses: { channel: string; externalId: string }[]; attachmentHashes: string[] };

/**
 * Erases the person behind these records: every message in their conversations (theirs, and the replies that may quote
 * them) becomes the marker without annotation or metadata; the conversations lose their last message, subject,
 * sentiment, bot memory and channel address; ticket subjects become the marker and ticket events lose their data;
 * orders stay for accounting without the person; deals stay for the pipeline's figures without the person (their titles,
 * often prefilled with the customer's name, become the marker); notes, agents' private notes on their conversations (and the mentions quoting them), suggestions, identities and their mails' Message-IDs go; widget visitors are unlinked;
 * timeline events keep only their type, who and when; the records keep nothing personal and are marked erased.
 * Answers the channel addresses the conversations had, so connections still in them can be closed, and the SHA-256 of
 * every attachment their messages listed, so files no other message lists can be deleted.
 */
export async function eraseRecords(tx: Database, ids: string[], at: Date): Promise<ErasedRecords> {
  const t = tables;
  const theirConversations = tx.select({ id: t.conversations.id }).from(t.conversations).where(inArray(t.conversations.customerId, ids));
  const addresses = await tx
    .select({ channel: t.conversations.channel, externalId: t.conversations.externalId })
    .from(t.conversations)
    .where(and(inArray(t.conversations.customerId, ids), isNotNull(t.conversations.externalId)));
  const files = (await tx.execute(sql`select distinct a->>'sha256' as sha256
    from ${t.messages} m, jsonb_array_elements(case when jsonb_typeof(m.metadata->'attachments') = 'array' then m.metadata->'attachments' else '[]'::jsonb end) a
    where m.conversation_id in ${theirConversations} and a->>'sha256' is not null`)) as unknown as { rows: { sha256: string }[] };
  // Agents' private notes speak of the person, and a mention's notification quotes its note: both go.
  await tx.delete(t.notifications).where(inArray(sql`(${t.notifications.data}->>'conversationId')::uuid`, theirConversations));
  await tx.delete(t.conversationNotes).where(inArray(t.conversationNotes.conversationId, theirConversations));
  await tx.update(t.messages).set({ text: ERASED_MARKER, annotation: null, metadata: {} }).where(inArray(t.messages.conversationId, theirConversations));
  await tx
    .update(t.conversations)
    .set({ lastMessage: null, subject: null, sentiment: null, botState: {}, externalId: null, visitor: null, updatedAt: at })
    .where(inArray(t.conversations.customerId, ids));
  const theirTickets = tx
    .select({ id: t.tickets.id })
    .from(t.tickets)
    .where(or(inArray(t.tickets.customerId, ids), inArray(t.tickets.conversationId, theirConversations)));
  await tx.update(t.ticketEvents).set({ data: {} }).where(inArray(t.ticketEvents.ticketId, theirTickets));
  await tx.update(t.tickets).set({ subject: ERASED_MARKER, updatedAt: at }).where(inArray(t.tickets.id, theirTickets));
  await tx.update(t.orders).set({ customerId: null, updatedAt: at }).where(inArray(t.orders.customerId, ids));
  await tx
    .update(t.deals)
    .set({ title: ERASED_MARKER, customerId: null, updatedAt: at })
    .where(or(inArray(t.deals.customerId, ids), inArray(t.deals.conversationId, theirConversations)));
  await tx.delete(t.customerNotes).where(inArray(t.customerNotes.customerId, ids));
  await tx.delete(t.customerSuggestions).where(inArray(t.customerSuggestions.customerId, ids));
  await tx.delete(t.customerIdentities).where(inArray(t.customerIdentities.customerId, ids));
  // Their mails' Message-IDs (often naming their host) go with the channel addresses: a later mail starts afresh.
  await tx.delete(t.emailMessageIds).where(inArray(t.emailMessageIds.conversationId, theirConversations));
  await tx.update(t.visitors).set({ customerId: null }).where(inArray(t.visitors.customerId, ids));
  await tx
    .update(t.customerEvents)
    .set({ data: {}, actorName: sql`case when ${t.customerEvents.actorType} = 'customer' then null else ${t.customerEvents.actorName} end` })
    .where(inArray(t.customerEvents.customerId, ids));
  await tx
    .update(t.customers)
    .set({ name: null, email: null, phone: null, attributes: {}, tags: [], segment: null, companyId: null, erasedAt: at, updatedAt: at })
    .where(inArray(t.customers.id, ids));
  return {
    addresses: addresses.flatMap((a) => (a.externalId ? [{ channel: a.channel, externalId: a.externalId }] : [])),
    attachmentHashes: files.rows.map((r) => r.sha256),
  };
}
