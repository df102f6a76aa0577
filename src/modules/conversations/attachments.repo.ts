/** Queries on the attachments listed in messages' metadata. */
import { and, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { InboundAttachment } from "./conversations.service.ts";

/** The attachment with this id among a conversation's messages, if any. */
export async function findAttachment(db: Database, conversationId: string, attachmentId: string): Promise<InboundAttachment | undefined> {
  const m = tables.messages;
  const [row] = await db
    .select({ attachments: sql<InboundAttachment[]>`${m.metadata}->'attachments'` })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), sql`${m.metadata}->'attachments' @> ${JSON.stringify([{ id: attachmentId }])}::jsonb`))
    .limit(1);
  return row?.attachments.find((attachment) => attachment.id === attachmentId);
}
