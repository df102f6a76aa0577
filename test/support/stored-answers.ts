/** Reads what the database holds about the bot's answers: each customer message with the replies keyed by its id. */
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/index.ts";

/** A stored reply to a customer message (bot replies are keyed `bot:<messageId>:<n>`, a hand-off's notice `handoff:<messageId>`). */
export type StoredReply = { seq: number; key: string; senderType: string; text: string };

/** A stored customer message with the replies keyed by its id, in seq order. */
export type AnsweredMessage = { id: string; conversationId: string; clientMsgId: string | null; seq: number; text: string; replies: StoredReply[] };

/**
 * Every customer message (of the given conversations, or all; written at or after `since`, or ever) with its keyed
 * replies, in seq order. `since` leaves out the demo CRM's past conversations (at least a day old) in demo mode.
 */
export async function answeredMessages(db: Database, conversationIds?: string[], since?: Date): Promise<AnsweredMessage[]> {
  const inConversations = conversationIds ? sql`and m.conversation_id = any(${`{${conversationIds.join(",")}}`}::uuid[])` : sql``;
  const filter = since ? sql`${inConversations} and m.created_at >= ${since.toISOString()}::timestamptz` : inConversations;
  const result = (await db.execute(sql`
    select m.id, m.conversation_id, m.client_msg_id, m.seq::text as seq, m.text,
      coalesce((select json_agg(json_build_object('seq', r.seq::text, 'key', r.client_msg_id, 'senderType', r.sender_type, 'text', r.text) order by r.seq)
        from messages r
        where r.conversation_id = m.conversation_id
          and (r.client_msg_id like 'bot:' || m.id::text || ':%' or r.client_msg_id = 'handoff:' || m.id::text)), '[]'::json) as replies
    from messages m
    where m.sender_type = 'customer' ${filter}
    order by m.seq`)) as unknown as {
    rows: { id: string; conversation_id: string; client_msg_id: string | null; seq: string; text: string; replies: (Omit<StoredReply, "seq"> & { seq: string })[] | string }[];
  };
  return result.rows.map((r) => {
    const replies = typeof r.replies === "string" ? (JSON.parse(r.replies) as (Omit<StoredReply, "seq"> & { seq: string })[]) : r.replies;
    return {
      id: r.id,
      conversationId: r.conversation_id,
      clientMsgId: r.client_msg_id,
      seq: Number(r.seq),
      text: r.text,
      replies: replies.map((x) => ({ ...x, seq: Number(x.seq) })),
    };
  });
}

/** Number of tickets opened per conversation (at or after `since`, or ever): a duplicate hand-off would open or announce twice. */
export async function ticketCounts(db: Database, since?: Date): Promise<Map<string, number>> {
  const filter = since ? sql`where created_at >= ${since.toISOString()}::timestamptz` : sql``;
  const result = (await db.execute(sql`select conversation_id, count(*)::int as n from tickets ${filter} group by conversation_id`)) as unknown as {
    rows: { conversation_id: string; n: number }[];
  };
  return new Map(result.rows.map((r) => [r.conversation_id, Number(r.n)]));
}
