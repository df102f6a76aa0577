/** Queries of email threading: the Message-IDs of an inbox's mails, and the last mail a customer sent in a conversation. */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** The conversations of an inbox that these Message-IDs belong to (customers' mails and ours). */
export async function findMailIds(db: Database, inboxId: string, messageIds: string[]): Promise<{ messageId: string; conversationId: string }[]> {
  if (messageIds.length === 0) return [];
  const t = tables.emailMessageIds;
  return db
    .select({ messageId: t.messageId, conversationId: t.conversationId })
    .from(t)
    .where(and(eq(t.inboxId, inboxId), inArray(t.messageId, messageIds)));
}

/** Remembers Message-IDs of a conversation (a Message-ID already known keeps its conversation). */
export async function insertMailIds(db: Database, rows: { inboxId: string; messageId: string; conversationId: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(tables.emailMessageIds).values(rows).onConflictDoNothing();
}

/** The `metadata.email` of the customer's latest mail in a conversation, if any. */
export async function findLastCustomerMail(db: Database, conversationId: string): Promise<Record<string, unknown> | undefined> {
  const m = tables.messages;
  const [row] = await db
    .select({ email: sql<Record<string, unknown>>`${m.metadata}->'email'` })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), eq(m.senderType, "customer"), sql`${m.metadata} ? 'email'`))
    .orderBy(desc(m.seq))
    .limit(1);
  return row?.email;
}
