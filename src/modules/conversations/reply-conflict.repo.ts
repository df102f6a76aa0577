/** Query for collision on replies: a colleague's reply newer than the last message the sender saw. */
import { and, desc, eq, gt, isNull, ne, or } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** What a reply's sender had not seen: whether `lastSeenMessageId` is in the conversation, and the newest later reply by another agent. */
export type ReplyConflict = { seen: boolean; newer: { id: string; name: string | null } | undefined };

/** Looks for another agent's reply after `lastSeenMessageId` in the conversation. */
export async function findNewerColleagueReply(db: Database, conversationId: string, lastSeenMessageId: string, userId: string): Promise<ReplyConflict> {
  const m = tables.messages;
  const [seen] = await db
    .select({ seq: m.seq })
    .from(m)
    .where(and(eq(m.id, lastSeenMessageId), eq(m.conversationId, conversationId)))
    .limit(1);
  if (!seen) return { seen: false, newer: undefined };
  const [newer] = await db
    .select({ id: m.id, name: m.senderName })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), gt(m.seq, seen.seq), eq(m.senderType, "agent"), or(isNull(m.senderId), ne(m.senderId, userId))))
    .orderBy(desc(m.seq))
    .limit(1);
  return { seen: true, newer };
}
