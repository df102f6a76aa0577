/** Queries on canned replies, and what their variables are filled from. */
import { and, asc, eq, or, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A canned reply row. */
export type CannedReplyRow = typeof tables.cannedReplies.$inferSelect;

/** The replies a user sees: every shared one and their own personal ones, by shortcut. */
export async function listVisibleReplies(db: Database, userId: string): Promise<CannedReplyRow[]> {
  const c = tables.cannedReplies;
  return db
    .select()
    .from(c)
    .where(or(eq(c.shared, true), eq(c.ownerId, userId)))
    .orderBy(asc(c.shortcut), asc(c.shared));
}

/** One reply a user may see (a colleague's personal reply is not found). */
export async function findVisibleReply(db: Database, id: string, userId: string): Promise<CannedReplyRow | undefined> {
  const c = tables.cannedReplies;
  const [row] = await db
    .select()
    .from(c)
    .where(and(eq(c.id, id), or(eq(c.shared, true), eq(c.ownerId, userId))))
    .limit(1);
  return row;
}

/** Inserts a reply. */
export async function insertReply(db: Database, values: typeof tables.cannedReplies.$inferInsert): Promise<CannedReplyRow> {
  const [row] = await db.insert(tables.cannedReplies).values(values).returning();
  return row;
}

/** Changes a reply. */
export async function updateReply(db: Database, id: string, changes: Partial<Pick<CannedReplyRow, "shortcut" | "text" | "shared" | "intents" | "updatedAt">>): Promise<CannedReplyRow | undefined> {
  const [row] = await db.update(tables.cannedReplies).set(changes).where(eq(tables.cannedReplies.id, id)).returning();
  return row;
}

/** Deletes a reply. */
export async function deleteReply(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(tables.cannedReplies).where(eq(tables.cannedReplies.id, id)).returning({ id: tables.cannedReplies.id });
  return rows.length > 0;
}

/** What a conversation gives a canned reply's variables: the customer's name, the order number in play, the last customer intent. */
export type ConversationFacts = { customerName: string | null; orderNumber: string | null; lastIntent: string | null };

/**
 * The facts of a conversation in one statement: the order number the customer last wrote (an NLP entity), else their
 * latest order's; the intent of their last message.
 */
export async function conversationFacts(db: Database, conversationId: string): Promise<ConversationFacts | undefined> {
  const c = tables.conversations;
  const m = tables.messages;
  const [row] = await db
    .select({
      customerName: tables.customers.name,
      mentionedOrder: sql<string | null>`(
        select e->>'value' from ${m}, jsonb_array_elements(coalesce(${m.annotation}->'entities', '[]'::jsonb)) e
        where ${m.conversationId} = ${c.id} and ${m.senderType} = 'customer' and e->>'type' = 'order_number'
        order by ${m.seq} desc limit 1)`,
      latestOrder: sql<string | null>`(select o.number from ${tables.orders} o where o.customer_id = ${c.customerId} order by o.placed_at desc limit 1)`,
      lastIntent: sql<string | null>`(select ${m.intent} from ${m} where ${m.conversationId} = ${c.id} and ${m.senderType} = 'customer' order by ${m.seq} desc limit 1)`,
    })
    .from(c)
    .leftJoin(tables.customers, eq(tables.customers.id, c.customerId))
    .where(eq(c.id, conversationId))
    .limit(1);
  if (!row) return undefined;
  return { customerName: row.customerName, orderNumber: row.mentionedOrder ?? row.latestOrder, lastIntent: row.lastIntent };
}
