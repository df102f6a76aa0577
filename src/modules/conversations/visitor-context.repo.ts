/** Queries on a conversation's visitor details. */
import { eq } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { VisitorContextRow } from "../../db/schema/conversations.ts";

/** Replaces the visitor details stored on a conversation. */
export async function updateVisitorContext(db: Database, conversationId: string, context: VisitorContextRow): Promise<void> {
  await db.update(tables.conversations).set({ visitor: context }).where(eq(tables.conversations.id, conversationId));
}
