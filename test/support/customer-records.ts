/** Builds customer records the way production does (customer messages through the conversation service) plus rows no API writes yet (orders, visitors). */
import { createHash, randomInt, randomUUID } from "node:crypto";
import { eq, inArray, or } from "drizzle-orm";
import { tables } from "../../src/db/index.ts";
import { receiveCustomerMessage } from "../../src/modules/conversations/index.ts";
import type { TestApp } from "./create-test-app.ts";

/** A customer message as stored: whose, in which conversation. */
export type Written = { customerId: string; conversationId: string; messageId: string };

/** A customer writes on the web channel (a new identity and conversation unless given); the bot does not answer. */
export async function customerWrites(t: TestApp, text: string, who: { externalUserId?: string; externalConversationId?: string; email?: string } = {}): Promise<Written> {
  const id = randomUUID();
  const { conversation, message } = await receiveCustomerMessage(t.container.deps, {
    inboxId: t.inboxId,
    channel: "web",
    externalUserId: who.externalUserId ?? `user-${id}`,
    externalConversationId: who.externalConversationId ?? `conv-${id}`,
    text,
    profile: who.email ? { email: who.email } : undefined,
    answeredInTurn: true,
  });
  return { customerId: conversation.customerId, conversationId: conversation.id, messageId: message.id };
}

/** An order number no other test uses (the NLP reads "ORD-" and digits as an order number). */
export function uniqueOrderNumber(): string {
  return `ORD-${randomInt(100_000_000, 999_999_999)}`;
}

/** Adds an order (of a customer, or of nobody). */
export async function addOrder(t: TestApp, customerId: string | null, number = uniqueOrderNumber()): Promise<{ id: string; number: string }> {
  const [row] = await t.container.database.db
    .insert(tables.orders)
    .values({ number, customerId, totalCents: 4_250, items: [{ productId: randomUUID(), sku: "TENT-2P", name: "Two-person tent", quantity: 1, priceCents: 4_250 }] })
    .returning({ id: tables.orders.id, number: tables.orders.number });
  return row;
}

/** Adds a widget visitor linked to the customer (as a verified widget user would be). */
export async function addVisitor(t: TestApp, customerId: string): Promise<string> {
  const tokenHash = createHash("sha256").update(randomUUID()).digest("hex");
  const [row] = await t.container.database.db.insert(tables.visitors).values({ inboxId: t.inboxId, tokenHash, customerId }).returning({ id: tables.visitors.id });
  return row.id;
}

/** Everything stored about these customers, table by table, in a stable order (to compare before and after). */
export async function recordsOf(t: TestApp, ids: string[]): Promise<Record<string, unknown[]>> {
  const db = t.container.database.db;
  const byId = <T extends { id: unknown }>(rows: T[]) => rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const conversations = byId(await db.select().from(tables.conversations).where(inArray(tables.conversations.customerId, ids)));
  return {
    customers: byId(await db.select().from(tables.customers).where(or(inArray(tables.customers.id, ids), inArray(tables.customers.mergedIntoId, ids)))),
    identities: byId(await db.select().from(tables.customerIdentities).where(inArray(tables.customerIdentities.customerId, ids))),
    conversations,
    conversationOrders: conversations.length
      ? await db
          .select()
          .from(tables.conversationOrders)
          .where(inArray(tables.conversationOrders.conversationId, conversations.map((c) => c.id)))
          .orderBy(tables.conversationOrders.orderId)
      : [],
    tickets: byId(await db.select().from(tables.tickets).where(inArray(tables.tickets.customerId, ids))),
    orders: byId(await db.select().from(tables.orders).where(inArray(tables.orders.customerId, ids))),
    deals: byId(await db.select().from(tables.deals).where(inArray(tables.deals.customerId, ids))),
    notes: byId(await db.select().from(tables.customerNotes).where(inArray(tables.customerNotes.customerId, ids))),
    suggestions: byId(await db.select().from(tables.customerSuggestions).where(inArray(tables.customerSuggestions.customerId, ids))),
    events: byId(await db.select().from(tables.customerEvents).where(inArray(tables.customerEvents.customerId, ids))),
    visitors: byId(await db.select().from(tables.visitors).where(inArray(tables.visitors.customerId, ids))),
  };
}

/** One customer row as stored. */
export async function storedCustomer(t: TestApp, id: string): Promise<typeof tables.customers.$inferSelect> {
  const [row] = await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, id));
  return row;
}
